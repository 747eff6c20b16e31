import Testing
@testable import VigilState

@Suite struct WindowSpecTests {
    @Test(arguments: [
        ("15m", 900_000 as Int64, 60_000 as Int64),
        ("1h", 3_600_000, 60_000),
        ("24h", 86_400_000, 3_600_000),
        ("7d", 604_800_000, 86_400_000),
        ("30d", 2_592_000_000, 86_400_000),
        ("24h/15m", 86_400_000, 900_000),
        ("90s", 90_000, 1_000),
    ])
    func parses(text: String, range: Int64, bucket: Int64) throws {
        let spec = try WindowSpec(parsing: text)
        #expect(spec.rangeMs == range)
        #expect(spec.bucketMs == bucket)
        #expect(spec.bucketCount == Int(range / bucket))
        #expect(spec.name == String(text.split(separator: "/")[0]))
    }

    @Test func durationsAndMillisecondsAgree() throws {
        let a = try WindowSpec(name: "1h", range: .seconds(3_600), bucket: .seconds(300))
        let b = try WindowSpec(name: "1h", rangeMs: 3_600_000, bucketMs: 300_000)
        #expect(a == b)
        #expect(b.description == "1h (1h/5m)")
    }

    @Test func rangeMustBeAMultipleOfTheBucket() {
        #expect {
            try WindowSpec(rangeMs: 3_600_000, bucketMs: 7 * 60_000)
        } throws: { error in
            let e = error as! WindowSpecError
            return e.message.contains("not a multiple of bucket 7m") && e.hint.contains("divides the range")
        }
        #expect(throws: WindowSpecError.self) { try WindowSpec(parsing: "1h/7m") }
    }

    @Test func nonPositiveAndMalformedInputIsRejectedWithAReason() {
        #expect(throws: WindowSpecError.self) { try WindowSpec(rangeMs: 0, bucketMs: 1_000) }
        #expect(throws: WindowSpecError.self) { try WindowSpec(rangeMs: 60_000, bucketMs: -1) }
        #expect(throws: WindowSpecError.self) { try WindowSpec(name: nil, range: .milliseconds(1.5), bucket: .milliseconds(1)) }
        for bad in ["", "h", "10", "10x", "1h/", "1h/5m/1m", "-5m", "99999999999999999d"] {
            #expect(throws: WindowSpecError.self, "\"\(bad)\"") { try WindowSpec(parsing: bad) }
        }
        do {
            _ = try WindowSpec(parsing: "10y")
            Issue.record("10y parsed")
        } catch {
            #expect(error.description.contains("unknown unit \"y\""))
            #expect(error.description.contains("Hint:"))
        }
    }

    @Test func tooManyBucketsIsRejected() {
        #expect(throws: WindowSpecError.self) { try WindowSpec(parsing: "30d/1s") }
    }
}
