import Testing
import VigilPrimitives

@Suite struct DurationTextTests {
    @Test func parsesEveryUnitInAnyCaseAroundWhitespace() throws {
        #expect(try DurationText.milliseconds(parsing: "250ms") == 250)
        #expect(try DurationText.milliseconds(parsing: " 30s ") == 30_000)
        #expect(try DurationText.milliseconds(parsing: "15M") == 900_000)
        #expect(try DurationText.milliseconds(parsing: "24h") == 86_400_000)
        #expect(try DurationText.milliseconds(parsing: "7d") == 604_800_000)
        #expect(try DurationText.milliseconds(parsing: "2w") == 1_209_600_000)
        #expect(try DurationText.milliseconds(parsing: "0s") == 0)
    }

    @Test func saysWhatIsWrong() {
        #expect(throws: DurationText.Failure.noNumber) { try DurationText.milliseconds(parsing: "s") }
        #expect(throws: DurationText.Failure.noNumber) { try DurationText.milliseconds(parsing: "-5s") }
        #expect(throws: DurationText.Failure.unknownUnit("y")) { try DurationText.milliseconds(parsing: "1y") }
        #expect(throws: DurationText.Failure.unknownUnit("")) { try DurationText.milliseconds(parsing: "30") }
        #expect(throws: DurationText.Failure.tooLong) { try DurationText.milliseconds(parsing: "99999999999999w") }
        #expect(DurationText.milliseconds("1.5s") == nil)
    }

    @Test func formatsWithTheLargestUnitThatDividesPreferringDays() {
        #expect(DurationText.format(milliseconds: 86_400_000) == "1d")
        #expect(DurationText.format(milliseconds: 604_800_000) == "7d")
        #expect(DurationText.format(milliseconds: 5_400_000) == "90m")
        #expect(DurationText.format(milliseconds: 1_500) == "1500ms")
        #expect(DurationText.format(milliseconds: 0) == "0ms")
        for text in ["250ms", "30s", "15m", "23h", "30d"] {
            #expect(DurationText.format(milliseconds: DurationText.milliseconds(text)!) == text)
        }
    }

    @Test func exactMillisecondsOnlyForWholeMillisecondsThatFit() {
        #expect(Duration.milliseconds(1_500).exactMilliseconds == 1_500)
        #expect(Duration.seconds(-2).exactMilliseconds == -2_000)
        #expect(Duration.microseconds(1_500).exactMilliseconds == nil)
        #expect(Duration.seconds(Int64.max).exactMilliseconds == nil)
    }
}
