import VigilPrimitives

extension FeatureLogRow {
    /// Decodes one row from its wire JSON (``encoded()``) with the contract's strict scanner
    /// (about a tenth of the cost of Foundation's `JSONDecoder`; the case recorder reads every
    /// merchant row of the log). Unknown keys are skipped; `verdict` may be absent or `null`.
    /// - Throws: ``FeatureLogError/badRow(source:line:problem:)`` naming the field, or a catalogue
    ///   mismatch when the row's `catalog` fingerprint is not a prefix of this build's catalogue.
    public init(json bytes: some Collection<UInt8>, source: String, line: Int) throws(FeatureLogError) {
        let wire: Wire
        do {
            wire = try Self.scanWire(bytes)
        } catch {
            throw .badRow(source: source, line: line, problem: error.description)
        }
        guard wire.features.count <= FeatureCatalog.count, wire.catalog == Self.catalogFingerprint(count: wire.features.count) else {
            throw .catalogMismatch(source: source, line: line, catalog: wire.catalog, featureCount: wire.features.count)
        }
        self.init(subject: wire.subject, merchantID: wire.merchantID, eventID: wire.eventID, eventTS: wire.eventTS,
                  modelVersion: wire.modelVersion, score: wire.score, decision: wire.decision, published: wire.published,
                  features: wire.features)
        rowID = wire.rowID
    }

    /// The fields of one row as scanned, before the catalogue check.
    private struct Wire {
        var rowID: String
        var subject: VerdictSubject
        var merchantID: String
        var eventID: String
        var eventTS: Int64
        var modelVersion: String
        var score: Int
        var decision: VerdictDecision
        var published: Bool
        var catalog: String
        var features: [Double]
    }

    private static func scanWire(_ bytes: some Collection<UInt8>) throws(ContractViolation) -> Wire {
        func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<Wire, ContractViolation> {
            var scanner = ContractScanner(bytes: buffer)
            do throws(ContractViolation) { return .success(try scanWire(&scanner)) } catch { return .failure(error) }
        }
        // `withContiguousStorageIfAvailable` rethrows untyped errors, hence the `Result`.
        let result = bytes.withContiguousStorageIfAvailable(scan) ?? Array(bytes).withUnsafeBufferPointer(scan)
        return try result.get()
    }

    private static func scanWire(_ scanner: inout ContractScanner) throws(ContractViolation) -> Wire {
        var rowID: String?, subjectName: String?, merchantID: String?, listingID: String?, sawListingID = false
        var eventID: String?, eventTS: Int64?, modelVersion: String?, score: Int?, decision: VerdictDecision?
        var published: Bool?, catalog: String?, features: [Double]?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            switch field {
            case "row_id": rowID = try scanner.string(at: "row_id")
            case "subject": subjectName = try scanner.string(at: "subject")
            case "merchant_id": merchantID = try scanner.string(at: "merchant_id")
            case "listing_id": listingID = try scanner.nullableString(at: "listing_id"); sawListingID = true
            case "event_id": eventID = try scanner.string(at: "event_id")
            case "event_ts": eventTS = try scanner.integer(at: "event_ts")
            case "model_version": modelVersion = try scanner.string(at: "model_version")
            case "score": score = try scanner.int(at: "score")
            case "decision": decision = try scanner.enumeration(VerdictDecision.self, at: "decision")
            case "verdict": published = try scanner.takeNull(at: "verdict") ? nil : try scanner.bool(at: "verdict")
            case "catalog": catalog = try scanner.string(at: "catalog")
            case "features": features = try scanner.nullableNumberArray(at: "features")
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        guard sawListingID else { throw ContractViolation(.missingField, field: "listing_id", "required field is missing") }
        let subject: VerdictSubject
        switch (try required(subjectName, "subject"), listingID) {
        case ("listing", let id?): subject = .listing(id)
        case ("merchant", nil): subject = .merchant
        case (let name, _):
            throw ContractViolation(.outOfRange, field: "subject",
                                    "\"\(name)\" does not agree with listing_id \(listingID.map { "\"\($0)\"" } ?? "null")")
        }
        return Wire(rowID: try required(rowID, "row_id"), subject: subject, merchantID: try required(merchantID, "merchant_id"),
                    eventID: try required(eventID, "event_id"), eventTS: try required(eventTS, "event_ts"),
                    modelVersion: try required(modelVersion, "model_version"), score: try required(score, "score"),
                    decision: try required(decision, "decision"), published: published ?? false,
                    catalog: try required(catalog, "catalog"), features: try required(features, "features"))
    }
}
