import Testing
@testable import VigilRisk

/// `marketplace.labels` messages decode exactly as the contract writes them; a bad one names its field.
@Suite("Contract: label events")
struct LabelDecodingTests {
    static let valid = #"{"event_id":"lab-1","merchant_id":"m1","ts":1732400000000,"label_id":"L-1","listing_id":"l-9","outcome":"counterfeit","source":"test_buy","brand":"Rolex","note":"<b>fake</b> dial","extra":{"x":1}}"#

    static func decode(_ json: String, key: String? = "m1") throws(ContractViolation) -> LabelEvent {
        try ContractDecoder().decodeLabel(Array(json.utf8), key: key.map { Array($0.utf8) })
    }

    static func violation(_ json: String) -> ContractViolation? {
        do { _ = try decode(json); return nil } catch { return error }
    }

    @Test("a valid label decodes every field; unknown fields are ignored")
    func valid() throws {
        let label = try Self.decode(Self.valid)
        #expect(label == LabelEvent(eventID: "lab-1", merchantID: "m1", ts: 1_732_400_000_000, labelID: "L-1", listingID: "l-9",
                                    outcome: .counterfeit, source: .testBuy, brand: "Rolex", note: "<b>fake</b> dial"))
        #expect(!label.upholdsAppeal)
    }

    @Test("null and absent nullable fields read as nil; an upheld appeal is recognised")
    func nullable() throws {
        let label = try Self.decode(#"{"event_id":"lab-2","merchant_id":"m1","ts":5,"label_id":"L-2","listing_id":null,"outcome":"genuine","source":"appeal"}"#)
        #expect(label.listingID == nil && label.brand == nil && label.note == nil)
        #expect(label.upholdsAppeal)
    }

    @Test("a malformed label is a violation naming its field",
          arguments: [
            (#"{"event_id":"e","merchant_id":"m1","ts":5,"label_id":"L","source":"appeal"}"#, "outcome"),
            (#"{"event_id":"e","merchant_id":"m1","ts":5,"label_id":"L","outcome":"fake","source":"appeal"}"#, "outcome"),
            (#"{"event_id":"e","merchant_id":"m1","ts":5,"label_id":"L","outcome":"genuine","source":"twitter"}"#, "source"),
            (#"{"event_id":"e","merchant_id":"m1","ts":5,"outcome":"genuine","source":"appeal"}"#, "label_id"),
            (#"{"event_id":"e","merchant_id":"m1","ts":"5","label_id":"L","outcome":"genuine","source":"appeal"}"#, "ts"),
            (#"{"event_id":"e","merchant_id":"m1","ts":5,"label_id":"L","listing_id":7,"outcome":"genuine","source":"appeal"}"#, "listing_id"),
            (#"{"event_id":"e","merchant_id":"m2","ts":5,"label_id":"L","outcome":"genuine","source":"appeal"}"#, "merchant_id"),
          ])
    func malformed(json: String, field: String) {
        let violation = Self.violation(json)
        #expect(violation?.field == field, "\(String(describing: violation))")
    }
}
