import Foundation
import Testing
import VigilEngine

@Suite("JSON: the byte-level object scanner and writer")
struct JSONScannerTests {
    static let valid: [(String, JSONFields)] = [
        (#"{}"#, JSONFields(numbers: [:], strings: [:])),
        (#"  {"ts": 1700000000123, "amount": -12.5, "buyer": "b-1"}  "#, JSONFields(numbers: ["ts": 1_700_000_000_123, "amount": -12.5], strings: ["buyer": "b-1"])),
        (#"{"a":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bs \b ff \f","b":"\u00e9\u4e2d\ud83d\ude00","c":"中文 émoji 😀"}"#,
         JSONFields(numbers: [:], strings: ["a": "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{08} ff \u{0C}", "b": "é中😀", "c": "中文 émoji 😀"])),
        (#"{"n1":0,"n2":-0,"n3":1e3,"n4":1E-2,"n5":123456789012345678,"n6":0.000001,"n7":-1.5e+10,"n8":9007199254740993}"#,
         JSONFields(numbers: ["n1": 0, "n2": 0, "n3": 1000, "n4": 0.01, "n5": 123_456_789_012_345_678, "n6": 0.000001, "n7": -1.5e10, "n8": 9_007_199_254_740_993], strings: [:])),
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

    @Test("the writer escapes strings and prints numbers so that Foundation reads back the same values")
    func writerRoundTrip() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t control \u{01}\u{1F} unicode é中😀"
        var json = JSONByteWriter()
        json.raw("{")
        json.key("s"); json.string(tricky)
        json.raw(","); json.key("min"); json.int(.min)
        json.raw(","); json.key("max"); json.int(.max)
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
