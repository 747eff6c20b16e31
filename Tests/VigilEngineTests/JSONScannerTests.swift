import Foundation
import Testing
import VigilEngine
import VigilPrimitives

@Suite("JSON: the byte-level object scanner and writer")
struct JSONScannerTests {
    static let valid: [(String, JSONFields)] = [
        (#"{}"#, JSONFields(numbers: [:], strings: [:])),
        (#"  {"ts": 1700000000123, "amount": -12.5, "buyer": "b-1"}  "#, JSONFields(numbers: ["ts": 1_700_000_000_123, "amount": -12.5], strings: ["buyer": "b-1"])),
        (#"{"a":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f","b":"\u00e9\u4e2d\ud83d\ude00","c":"中文 émoji 😀"}"#,
         JSONFields(numbers: [:], strings: ["a": "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{08} ff \u{0C}", "b": "é中😀", "c": "中文 émoji 😀"])),
        // n5 and n8 have more digits than a Double holds: they read as the nearest Double.
        (#"{"n1":0,"n2":-0,"n3":1e3,"n4":1E-2,"n5":123456789012345678,"n6":0.000001,"n7":-1.5e+10,"n8":9007199254740993}"#,
         JSONFields(numbers: ["n1": 0, "n2": 0, "n3": 1000, "n4": 0.01, "n5": 123_456_789_012_345_680, "n6": 0.000001, "n7": -1.5e10, "n8": 9_007_199_254_740_992], strings: [:])),
        (#"{"nested":{"x":[1,2,{"y":[true,false,null]}],"z":"s"},"after":7,"arr":[],"obj":{},"t":true,"f":false,"nul":null}"#,
         JSONFields(numbers: ["after": 7], strings: [:])),
        (#"{"dup":"first","dup":2}"#, JSONFields(numbers: ["dup": 2], strings: [:])),
        ("{\n\t\"ws\" :\r\n 1 ,\"k\":\"v\"\n}", JSONFields(numbers: ["ws": 1], strings: ["k": "v"])),
    ]

    @Test("valid objects give their top-level strings and numbers; nested values, booleans and null are skipped", arguments: valid)
    func readsFields(text: String, expected: JSONFields) throws {
        #expect(try JSONObjectScanner.fields(of: Array(text.utf8)) == expected)
        // Foundation agrees that the text is JSON.
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
    }

    static let malformed: [(String, String)] = [
        ("", "empty value"),
        ("   ", "empty value"),
        (#"[1,2]"#, "JSON but not an object"),
        (#""text""#, "JSON but not an object"),
        (#"42"#, "JSON but not an object"),
        (#"{"a":1"#, "not valid JSON"),
        (#"{"a":1,}"#, "not valid JSON"),
        (#"{"a" 1}"#, "not valid JSON"),
        (#"{a:1}"#, "not valid JSON"),
        (#"{"a":01}"#, "not valid JSON"),
        (#"{"a":1.}"#, "not valid JSON"),
        (#"{"a":.5}"#, "not valid JSON"),
        (#"{"a":1e}"#, "not valid JSON"),
        (#"{"a":-}"#, "not valid JSON"),
        (#"{"a":tru}"#, "not valid JSON"),
        (#"{"a":nul}"#, "not valid JSON"),
        (#"{"a":"\x"}"#, "not valid JSON"),
        (#"{"a":"\u12"}"#, "not valid JSON"),
        (#"{"a":"\ud800"}"#, "not valid JSON"),
        (#"{"a":"\udc00\ud800"}"#, "not valid JSON"),
        (#"{"a":"unterminated}"#, "not valid JSON"),
        (#"{"a":[1,2}"#, "not valid JSON"),
        (#"{"a":{"b":1]}"#, "not valid JSON"),
        (#"{"a":1} {"b":2}"#, "not valid JSON"),
        (#"{"a":1}x"#, "not valid JSON"),
        ("{\"a\":\"tab\tinside\"}", "not valid JSON"),
        (String(repeating: "[", count: 100) + String(repeating: "]", count: 100), "not valid JSON"),
        ("{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}", "nesting deeper"),
    ]

    @Test("malformed input is rejected with a reason naming the problem", arguments: malformed)
    func rejects(text: String, expected: String) {
        do {
            let fields = try JSONObjectScanner.fields(of: Array(text.utf8))
            Issue.record("accepted \(text.debugDescription) as \(fields)")
        } catch {
            #expect(error.description.contains(expected), "\(text.debugDescription): \(error.description)")
        }
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func invalidUTF8() {
        var bytes = Array(#"{"a":"x"#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}"#.utf8)
        #expect(throws: DecodeError.self) { try JSONObjectScanner.fields(of: bytes) }
        #expect(throws: DecodeError.self) { try JSONObjectScanner.fields(of: [0x7B, 0xFF, 0x7D]) }
    }

    @Test("random objects written by Foundation scan back to exactly the values put in")
    func randomRoundTrip() throws {
        var rng = SplitMix64(seed: 0x5EED)
        let alphabet = Array("abcXYZ 09\"\\/\n\t\u{01}éß中😀")
        for _ in 0..<300 {
            var object: [String: Any] = [:]
            var expected = JSONFields(numbers: [:], strings: [:])
            for field in 0..<Int(rng.next() % 8) {
                switch rng.next() % 4 {
                case 0:
                    let text = String((0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
                    object["s\(field)"] = text
                    expected.strings["s\(field)"] = text
                case 1:
                    let value = Int64(bitPattern: rng.next()) >> Int64(11 + rng.next() % 50)
                    object["i\(field)"] = value
                    expected.numbers["i\(field)"] = Double(value)
                case 2:
                    let value = Double(Int64(rng.next() % 2_000_001) - 1_000_000) / Double(1 + rng.next() % 1000)
                    object["d\(field)"] = value
                    expected.numbers["d\(field)"] = value
                default:
                    object["x\(field)"] = [["k": rng.next() % 2 == 0], NSNull(), "v"] as [Any]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: object)
            #expect(try JSONObjectScanner.fields(of: Array(data)) == expected, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test("a repeated field name keeps only its last value, whatever the types")
    func repeatedNamesKeepTheLastValue() throws {
        #expect(try JSONObjectScanner.fields(of: Array(#"{"a":1,"a":"x"}"#.utf8)) == JSONFields(numbers: [:], strings: ["a": "x"]))
        #expect(try JSONObjectScanner.fields(of: Array(#"{"a":"x","a":2}"#.utf8)) == JSONFields(numbers: ["a": 2], strings: [:]))
        #expect(try JSONObjectScanner.fields(of: Array(#"{"a":1,"b":"y","a":null}"#.utf8)) == JSONFields(numbers: [:], strings: ["b": "y"]))
        #expect(try JSONObjectScanner.fields(of: Array(#"{"a":"x","b":3,"a":[1]}"#.utf8)) == JSONFields(numbers: ["b": 3], strings: [:]))
    }

    @Test("the writer prints every finite double exactly as Swift's description does, whole numbers included")
    func writerDoublesMatchDescription() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 7, 0.5, -2.5, 1e15, 9_007_199_254_740_991, 9_007_199_254_740_992, 1e16, -1e16, 1e300, .leastNonzeroMagnitude, .ulpOfOne, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        for _ in 0..<2_000 {
            values.append(Double(Int64.random(in: -10_000_000...10_000_000, using: &generator)))
            values.append(Double.random(in: -1e6...1e6, using: &generator))
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for value in values where value.isFinite {
            var json = JSONWriter()
            json.double(value)
            #expect(String(decoding: json.bytes, as: UTF8.self) == value.description, "bit pattern \(value.bitPattern)")
        }
    }

    @Test("the writer escapes strings and prints numbers so that Foundation reads back the same values")
    func writerRoundTrip() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t control \u{01}\u{1F} unicode é中😀"
        var json = JSONWriter()
        json.raw("{")
        json.key("s"); json.string(tricky)
        json.raw(","); json.key("min"); json.int(Int64.min)
        json.raw(","); json.key("max"); json.int(Int64.max)
        json.raw(","); json.key("zero"); json.int(0)
        json.raw(","); json.key("neg"); json.int(-42)
        json.raw(","); json.key("d"); json.double(-1.25e-7)
        json.raw(","); json.key("inf"); json.double(.infinity)
        json.raw(","); json.key("t"); json.bool(true)
        json.raw("}")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(object["s"] as? String == tricky)
        #expect((object["min"] as? NSNumber)?.int64Value == .min)
        #expect((object["max"] as? NSNumber)?.int64Value == .max)
        #expect((object["zero"] as? NSNumber)?.intValue == 0)
        #expect((object["neg"] as? NSNumber)?.intValue == -42)
        #expect((object["d"] as? NSNumber)?.doubleValue == -1.25e-7)
        #expect(object["inf"] is NSNull, "JSON has no infinity")
        #expect(object["t"] as? Bool == true)
        let scanned = try JSONObjectScanner.fields(of: json.bytes)
        #expect(scanned.strings["s"] == tricky)
        #expect(scanned.numbers["neg"] == -42)
    }
}
