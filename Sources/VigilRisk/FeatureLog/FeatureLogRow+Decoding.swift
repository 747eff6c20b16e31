import Foundation

extension FeatureLogRow {
    /// The wire shape, for decoding only (encoding is ``FeatureLogRow/encoded()``).
    private struct Wire: Decodable {
        var row_id: String
        var subject: String
        var merchant_id: String
        var listing_id: String?
        var event_id: String
        var event_ts: Int64
        var model_version: String
        var score: Int
        var decision: VerdictDecision
        var verdict: Bool?
        var catalog: String
        var features: [Double?]
    }

    /// Decodes one row from its wire JSON (``encoded()``).
    /// - Throws: ``FeatureLogError/badRow(source:line:problem:)`` naming the field, or a catalogue
    ///   mismatch when the row's `catalog` fingerprint is not a prefix of this build's catalogue.
    public init(json bytes: some Collection<UInt8>, source: String, line: Int) throws(FeatureLogError) {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch {
            throw .badRow(source: source, line: line, problem: DecodingErrorReason.describe(error))
        }
        let subject: VerdictSubject
        switch (wire.subject, wire.listing_id) {
        case ("listing", let id?): subject = .listing(id)
        case ("merchant", nil): subject = .merchant
        default:
            throw .badRow(source: source, line: line, problem: "subject \"\(wire.subject)\" does not agree with listing_id \(wire.listing_id.map { "\"\($0)\"" } ?? "null")")
        }
        guard wire.features.count <= FeatureCatalog.count, wire.catalog == Self.catalogFingerprint(count: wire.features.count) else {
            throw .catalogMismatch(source: source, line: line, catalog: wire.catalog, featureCount: wire.features.count)
        }
        self.init(subject: subject, merchantID: wire.merchant_id, eventID: wire.event_id, eventTS: wire.event_ts,
                  modelVersion: wire.model_version, score: wire.score, decision: wire.decision, published: wire.verdict ?? false,
                  features: wire.features.map { $0 ?? .nan })
        rowID = wire.row_id
    }
}
