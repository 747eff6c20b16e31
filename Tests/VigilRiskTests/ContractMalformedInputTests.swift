import Testing
@testable import VigilRisk

/// One way to break one field of one kind of message.
struct MalformedFieldCase: Sendable, CustomTestStringConvertible {
    var kind: EventKind
    /// The field the violation must name (an array element for bad elements, `logos[1]`).
    var path: String
    /// The field that is edited (the array itself for bad elements).
    var editPath: String
    /// Replacement raw JSON, or `nil` to remove the field.
    var raw: String?
    var expected: ContractViolation.Kind
    /// Substring the message must contain besides the field name.
    var mentions: String

    var testDescription: String { "\(kind) \(path) = \(raw ?? "<missing>")" }

    /// Every required field of every kind, removed.
    static let missing: [MalformedFieldCase] = ContractFixture.all.flatMap { fixture in
        fixture.paths.map { MalformedFieldCase(kind: fixture.kind, path: $0.path, raw: nil, expected: .missingField, mentions: "missing") }
    }

    /// Every field of every kind, given values of wrong JSON types.
    static let wrongTypes: [MalformedFieldCase] = ContractFixture.all.flatMap { fixture in
        fixture.paths.flatMap { path, type -> [MalformedFieldCase] in
            let wrong: [(raw: String, mentions: String, at: String)]
            switch type {
            case .string, .enumeration:
                wrong = [("12", "expected a string, got number 12", ""), ("null", "got null", ""),
                         ("true", "got boolean true", ""), (#"["x"]"#, "got an array", "")]
            case .nullableString:
                wrong = [("12", "expected a string or null, got number 12", ""), ("false", "got boolean false", ""),
                         ("{}", "got an object", "")]
            case .integer:
                wrong = [(#""12""#, #"expected an integer, got string "12""#, ""), ("1.5", "expected an integer, got number 1.5", ""),
                         ("true", "got boolean true", ""), ("null", "got null", ""), ("[1]", "got an array", "")]
            case .number:
                wrong = [(#""780""#, #"expected a number, got string "780""#, ""), ("true", "expected a number, got boolean true", ""),
                         ("false", "got boolean false", ""), ("null", "got null", "")]
            case .bool:
                wrong = [("1", "expected a boolean, got number 1", ""), ("0", "got number 0", ""),
                         (#""true""#, #"got string "true""#, ""), ("null", "got null", "")]
            case .stringArray:
                wrong = [(#""x""#, "expected an array", ""), ("null", "got null", ""),
                         (#"["ok", 7]"#, "expected a string, got number 7", "[1]")]
            case .numberArray:
                wrong = [("780", "expected an array, got number 780", ""), ("null", "got null", ""),
                         (#"[1, "2"]"#, #"expected a number, got string "2""#, "[1]"), ("[true]", "got boolean true", "[0]")]
            case .object:
                wrong = [(#""x""#, #"expected an object, got string "x""#, ""), ("[]", "got an array", ""), ("null", "got null", "")]
            }
            return wrong.map {
                MalformedFieldCase(kind: fixture.kind, path: path + $0.at, editPath: path, raw: $0.raw,
                                   expected: .wrongType, mentions: $0.mentions)
            }
        }
    }

    /// Values of the right type outside the contract's ranges and enumerations.
    static let outOfRange: [MalformedFieldCase] = [
        .init(kind: .listing, path: "price", raw: "-3", expected: .outOfRange, mentions: "must be > 0, got -3"),
        .init(kind: .listing, path: "price", raw: "0", expected: .outOfRange, mentions: "must be > 0, got 0"),
        .init(kind: .listing, path: "price", raw: "-0.5", expected: .outOfRange, mentions: "must be > 0, got -0.5"),
        .init(kind: .listing, path: "price", raw: "1e400", expected: .outOfRange, mentions: "too large"),
        .init(kind: .listing, path: "stock", raw: "-1", expected: .outOfRange, mentions: "must be >= 0, got -1"),
        .init(kind: .listing, path: "stock", raw: "99999999999999999999", expected: .outOfRange, mentions: "64 bits"),
        .init(kind: .listing, path: "action", raw: #""sell""#, expected: .outOfRange, mentions: #"must be one of "create", "update", "delist", got "sell""#),
        .init(kind: .listing, path: "action", raw: #""Create""#, expected: .outOfRange, mentions: #"got "Create""#),
        .init(kind: .listing, path: "seller.template", raw: #""fancy""#, expected: .outOfRange, mentions: #""basic", "custom""#),
        .init(kind: .listing, path: "currency", raw: #""cny""#, expected: .outOfRange, mentions: "ISO 4217"),
        .init(kind: .listing, path: "currency", raw: #""YUAN""#, expected: .outOfRange, mentions: "ISO 4217"),
        .init(kind: .listing, path: "event_id", raw: #""""#, expected: .outOfRange, mentions: "empty"),
        .init(kind: .listing, path: "event_id", raw: "\"" + String(repeating: "x", count: 129) + "\"", expected: .outOfRange, mentions: "got 129"),
        .init(kind: .listing, path: "merchant_id", raw: #""""#, expected: .outOfRange, mentions: "1...64"),
        .init(kind: .listing, path: "merchant_id", raw: "\"" + String(repeating: "m", count: 65) + "\"", expected: .outOfRange, mentions: "got 65"),
        .init(kind: .review, path: "rating", raw: "0", expected: .outOfRange, mentions: "must be in 1...5, got 0"),
        .init(kind: .review, path: "rating", raw: "6", expected: .outOfRange, mentions: "must be in 1...5, got 6"),
        .init(kind: .review, path: "rating", raw: "4.5", expected: .wrongType, mentions: "expected an integer, got number 4.5"),
        .init(kind: .review, path: "event_id", raw: "\"" + String(repeating: "é", count: 129) + "\"", expected: .outOfRange, mentions: "got 129"),
        .init(kind: .payment, path: "amount", raw: "0", expected: .outOfRange, mentions: "must be > 0, got 0"),
        .init(kind: .payment, path: "amount", raw: "-12.25", expected: .outOfRange, mentions: "must be > 0, got -12.25"),
        .init(kind: .payment, path: "kind", raw: #""payout""#, expected: .outOfRange, mentions: #""charge", "refund", "chargeback""#),
        .init(kind: .payment, path: "currency", raw: #""C""#, expected: .outOfRange, mentions: "ISO 4217"),
        .init(kind: .logistics, path: "status", raw: #""lost""#, expected: .outOfRange, mentions: #""shipped", "delivered", "returned""#),
        .init(kind: .logistics, path: "ts", raw: "1.000001", expected: .wrongType, mentions: "expected an integer"),
    ]

    init(kind: EventKind, path: String, editPath: String? = nil, raw: String?, expected: ContractViolation.Kind, mentions: String) {
        self.kind = kind
        self.path = path
        self.editPath = editPath ?? path
        self.raw = raw
        self.expected = expected
        self.mentions = mentions
    }

    var editedBytes: [UInt8] {
        let fixture = ContractFixture.of(kind)
        return (raw.map { fixture.replacing(editPath, with: $0) } ?? fixture.removing(editPath)).bytes
    }
}

@Suite("Contract: every malformed message is a violation naming the field")
struct ContractMalformedInputTests {
    private func check(_ item: MalformedFieldCase) {
        let violation = contractViolation(item.kind, item.editedBytes)
        #expect(violation != nil, "decoded although \(item.testDescription)")
        guard let violation else { return }
        #expect(violation.kind == item.expected, "\(violation)")
        #expect(violation.field == item.path, "\(violation)")
        #expect(violation.description.hasPrefix("field '\(item.path)': "), "\(violation)")
        #expect(violation.description.contains(item.mentions), "\(violation)")
    }

    @Test(arguments: MalformedFieldCase.missing)
    func missingRequiredField(item: MalformedFieldCase) { check(item) }

    @Test(arguments: MalformedFieldCase.wrongTypes)
    func wrongType(item: MalformedFieldCase) { check(item) }

    @Test(arguments: MalformedFieldCase.outOfRange)
    func outOfRange(item: MalformedFieldCase) { check(item) }

    @Test func fixtureCaseCountsCoverEveryField() {
        // listing 15 + 6 seller, review 11, payment 12, logistics 10 + 4 ship_from
        #expect(MalformedFieldCase.missing.count == 21 + 11 + 12 + 14)
        #expect(MalformedFieldCase.wrongTypes.count > 150)
    }

    @Test func exampleMessagesReadAsDocumented() {
        let storeAge = contractViolation(.listing, ContractFixture.listing.replacing("seller.store_age_days", with: #""12""#).bytes)
        #expect(storeAge?.description == #"field 'seller.store_age_days': expected an integer, got string "12""#)
        let price = contractViolation(.listing, ContractFixture.listing.replacing("price", with: "-3").bytes)
        #expect(price?.description == "field 'price': must be > 0, got -3")
    }

    @Test(arguments: EventKind.allCases)
    func merchantIDMustEqualTheKafkaKey(kind: EventKind) {
        let bytes = ContractFixture.of(kind).bytes
        #expect(contractViolation(kind, bytes, key: "m0000277") == nil)
        let violation = contractViolation(kind, bytes, key: "m0000999")
        #expect(violation?.kind == .keyMismatch)
        #expect(violation?.description == #"field 'merchant_id': "m0000277" does not equal the message key "m0000999""#)
    }

    @Test(arguments: EventKind.allCases)
    func invalidUTF8IsRejectedWhereverItIs(kind: EventKind) {
        let fixture = ContractFixture.of(kind)
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xBD]] {
            let bytes = Array(fixture.json.dropLast().utf8) + Array(#","junk":"x"#.utf8) + bad + Array(#"y"}"#.utf8)
            let violation = contractViolation(kind, bytes)
            #expect(violation?.kind == .invalidUTF8, "\(bad): \(String(describing: violation))")
            #expect(violation?.field == "junk")
        }
        let inEventID = Array(#"{"event_id":"e"#.utf8) + [0xFE] + Array(#"","merchant_id":"m","ts":1}"#.utf8)
        #expect(contractViolation(kind, inEventID)?.description.hasPrefix("field 'event_id': not valid UTF-8") == true)
    }

    @Test(arguments: [
        ("", "empty message"),
        ("   ", "empty message"),
        ("hello", "unexpected character 'h'"),
        (#"{"event_id":"e""#, "end of input"),
        (#"{"event_id" "e"}"#, "expected ':'"),
        (#"{"event_id":"e",}"#, "expected a string key"),
        (#"{"event_id":"e"} x"#, "trailing data"),
        (#"{"event_id":"e"}{}"#, "trailing data"),
        (#"{"ts":01}"#, "unexpected character '1'"),
        (#"{"ts":1.}"#, "digit expected after '.'"),
        (#"{"ts":-}"#, "invalid number"),
        (#"{"ts":1e}"#, "exponent"),
        (#"{"ts":NaN}"#, "unexpected character 'N'"),
        (#"{"ts":tru}"#, "unexpected character '}'"),
        (#"{"title":"a\x"}"#, #"invalid escape '\x'"#),
        (#"{"title":"\ud800"}"#, "lone surrogate"),
        (#"{"title":"\udc00\ud800"}"#, "lone surrogate"),
        (#"{"title":"\u12"}"#, "\\u escape"),
        ("{\"title\":\"tab\there\"}", "control character"),
        (#"{'event_id':'e'}"#, "expected a string key"),
        ("[1,", "end of input"),
    ])
    func notJSON(text: String, mentions: String) {
        let violation = contractViolation(.listing, Array(text.utf8))
        #expect(violation?.kind == .malformedJSON, "\(String(describing: violation))")
        #expect(violation?.field == nil || violation?.field?.isEmpty == false, "\(String(describing: violation))")
        #expect(violation?.description.contains("not valid JSON") == true, "\(String(describing: violation))")
        #expect(violation?.description.contains(mentions) == true, "\(String(describing: violation))")
    }

    @Test func malformedJSONInsideAFieldNamesTheField() {
        let violation = contractViolation(.listing, Array(#"{"seller":{"ip":"1.2.3.4","device_id":"d\q"}}"#.utf8))
        #expect(violation?.description.hasPrefix("field 'seller.device_id': not valid JSON") == true, "\(String(describing: violation))")
    }

    @Test(arguments: [("[]", "an array"), (#""x""#, #"string "x""#), ("42", "number 42"), ("null", "null"), ("true", "boolean true")])
    func topLevelMustBeAnObject(text: String, found: String) {
        let violation = contractViolation(.payment, Array(text.utf8))
        #expect(violation?.kind == .notAnObject)
        #expect(violation?.description == "message: expected a JSON object, got \(found)")
    }

    @Test func deepNestingIsRejectedNotCrashing() {
        let deep = #"{"x":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let violation = contractViolation(.listing, Array(deep.utf8))
        #expect(violation?.kind == .malformedJSON)
        #expect(violation?.description.contains("nesting deeper than 64") == true)
    }

    @Test func truncatedMessagesAreViolationsAtEveryLength() {
        let bytes = ContractFixture.listing.bytes
        for length in 0..<bytes.count {
            #expect(contractViolation(.listing, Array(bytes[..<length])) != nil, "prefix of \(length) bytes decoded")
        }
    }
}
