import VigilPrimitives

extension Verdict {
    /// Decodes a `risk.verdicts` record with the contract's strict scanner: the same checks as
    /// `Codable` (`subject`/`listing_id` agree, `score` in 0...100, a known `decision`) at a
    /// fraction of Foundation's cost, for readers of the whole topic (the case recorder, the demo).
    /// Unknown keys are skipped.
    /// - Throws: ``ContractViolation`` naming the field.
    public init(json bytes: [UInt8]) throws(ContractViolation) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(ContractViolation) -> Verdict in
            var scanner = ContractScanner(bytes: buffer)
            return try Verdict(scanning: &scanner)
        }
    }

    private init(scanning scanner: inout ContractScanner) throws(ContractViolation) {
        var verdictID: String?, subjectName: String?, merchantID: String?, listingID: String?, sawListingID = false
        var score: Int?, decision: VerdictDecision?, reasons: [VerdictReason]?, modelVersion: String?
        var eventID: String?, eventTS: Int64?, decidedAt: Int64?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            switch field {
            case "verdict_id": verdictID = try scanner.string(at: "verdict_id")
            case "subject": subjectName = try scanner.string(at: "subject")
            case "merchant_id": merchantID = try scanner.string(at: "merchant_id")
            case "listing_id": listingID = try scanner.nullableString(at: "listing_id"); sawListingID = true
            case "score": score = try scanner.integer(at: "score", in: 0...100)
            case "decision": decision = try scanner.enumeration(VerdictDecision.self, at: "decision")
            case "reasons": reasons = try Self.scanReasons(&scanner)
            case "model_version": modelVersion = try scanner.string(at: "model_version")
            case "event_id": eventID = try scanner.string(at: "event_id")
            case "event_ts": eventTS = try scanner.integer(at: "event_ts")
            case "decided_at": decidedAt = try scanner.integer(at: "decided_at")
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        guard sawListingID else { throw ContractViolation(.missingField, field: "listing_id", "required field is missing") }
        switch (try required(subjectName, "subject"), listingID) {
        case ("listing", let id?): subject = .listing(id)
        case ("merchant", nil): subject = .merchant
        case ("listing", nil): throw ContractViolation(.outOfRange, field: "listing_id", "is null for a listing verdict")
        case ("merchant", _?): throw ContractViolation(.outOfRange, field: "listing_id", "must be null for a merchant verdict")
        case (let name, _): throw ContractViolation(.outOfRange, field: "subject", "must be \"listing\" or \"merchant\", got \"\(name)\"")
        }
        self.verdictID = try required(verdictID, "verdict_id")
        self.merchantID = try required(merchantID, "merchant_id")
        self.score = try required(score, "score")
        self.decision = try required(decision, "decision")
        self.reasons = try required(reasons, "reasons")
        self.modelVersion = try required(modelVersion, "model_version")
        self.eventID = try required(eventID, "event_id")
        self.eventTS = try required(eventTS, "event_ts")
        self.decidedAt = try required(decidedAt, "decided_at")
    }

    private static func scanReasons(_ scanner: inout ContractScanner) throws(ContractViolation) -> [VerdictReason] {
        try scanner.beginArray(at: "reasons")
        var reasons: [VerdictReason] = []
        while try scanner.nextElement(in: "reasons") {
            let path = "reasons[\(reasons.count)]"
            var code: String?, detail: String?, weight: Double?
            try scanner.beginObject(at: path)
            while let field = try scanner.nextKey(in: path) {
                switch field {
                case "code": code = try scanner.string(at: "\(path).code")
                case "detail": detail = try scanner.string(at: "\(path).detail")
                case "weight": weight = try scanner.number(at: "\(path).weight")
                default: try scanner.skipValue(at: "\(path).\(field.string)")
                }
            }
            reasons.append(VerdictReason(code: try required(code, "\(path).code"), detail: try required(detail, "\(path).detail"),
                                         weight: try required(weight, "\(path).weight")))
        }
        return reasons
    }
}
