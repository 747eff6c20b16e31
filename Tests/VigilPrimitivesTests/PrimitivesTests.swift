import Foundation
import Testing
import VigilPrimitives

@Suite("Primitives: hashing, random numbers, durations, JSON writing")
struct PrimitivesTests {
    @Test func fnv1a64MatchesThePublishedVectors() {
        #expect(FNV1a64.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        #expect(FNV1a64.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
        var split = FNV1a64()
        split.combine("foo")
        split.combine("bar")
        #expect(split.value == 0x8594_4171_f739_67e8, "combining in pieces hashes the concatenation")
    }

    @Test func splitMix64MatchesTheReferenceSequence() {
        // The first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xe220_a839_7b1d_cdaf)
        #expect(rng.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(rng.next() == 0x06c4_5d18_8009_454f)
        var a = SplitMix64(seed: 99), b = SplitMix64(seed: 99)
        #expect((0..<8).map { _ in a.below(10) } == (0..<8).map { _ in b.below(10) })
        #expect((0..<100).allSatisfy { _ in (0..<1).contains(a.unit()) })
    }

    @Test func durationsConvertToWholeUnitsTruncatingTowardZero() {
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.microseconds(1_999).wholeMilliseconds == 1)
        #expect(Duration.seconds(3).wholeNanoseconds == 3_000_000_000)
        #expect(Duration.nanoseconds(1_234_567).wholeNanoseconds == 1_234_567)
        #expect(Duration.milliseconds(-1_500).wholeMilliseconds == -1_500)
        #expect(Duration.milliseconds(2_500).secondsDouble == 2.5)
        #expect(Duration.zero.secondsDouble == 0)
    }

    @Test func writerSeparatesValuesAutomaticallyAndAfterRawPunctuation() throws {
        var json = JSONWriter()
        json.beginObject()
        json.key("s"); json.string("quote \" backslash \\ newline \n tab \t cr \r control \u{01} é中")
        json.key("a"); json.stringArray(["x", "y"])
        json.key("m"); json.moneyArray(cents: [78_000, 1_250, 9_999, 5, -50, 0])
        json.key("n"); json.null()
        json.key("o"); json.optionalString(nil)
        json.key("dyn\"key"); json.bool(false)
        json.raw(#","fused":"#); json.int(-42)
        json.key("d"); json.double(2.5)
        json.key("w"); json.double(-3)
        json.key("z"); json.double(-0.0)
        json.key("inf"); json.double(.infinity)
        json.endObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"{"s":"quote \" backslash \\ newline \n tab \t cr \r control \u0001 é中","a":["x","y"],"m":[780,12.5,99.99,0.05,-0.5,0],"n":null,"o":null,"dyn\"key":false,"fused":-42,"d":2.5,"w":-3.0,"z":-0.0,"inf":null}"#)
        #expect(try JSONSerialization.jsonObject(with: Data(json.bytes)) is [String: Any])
    }

    @Test func unicodeEscapeHexDigitsAndSurrogatePairs() throws {
        let bytes = Array("00e9D83DdE00zz1".utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            #expect(try JSONUnicodeEscape.hex4(buffer, at: 0) == 0xE9)
            let high = try JSONUnicodeEscape.hex4(buffer, at: 4), low = try JSONUnicodeEscape.hex4(buffer, at: 8)
            #expect(JSONUnicodeEscape.isHighSurrogate(high) && JSONUnicodeEscape.isLowSurrogate(low))
            #expect(JSONUnicodeEscape.combine(high: high, low: low) == 0x1F600)
            #expect(throws: JSONUnicodeEscape.HexFailure.invalidDigit(at: 12)) { try JSONUnicodeEscape.hex4(buffer, at: 11) }
            #expect(throws: JSONUnicodeEscape.HexFailure.truncated) { try JSONUnicodeEscape.hex4(buffer, at: 12) }
        }
    }
}
