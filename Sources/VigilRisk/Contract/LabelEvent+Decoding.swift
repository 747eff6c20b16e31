import VigilPrimitives

extension LabelEvent {
    /// Scans a label object, validating every contract field. The nullable fields (`listing_id`,
    /// `brand`, `note`) may also be absent, which reads as `null`.
    init(scanning scanner: inout ContractScanner, key: [UInt8]?) throws(ContractViolation) {
        var common = CommonEventFields()
        var labelID: String?, listingID: String??, outcome: Outcome?, source: Source?
        var brand: String??, note: String??

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            if try common.take(field, from: &scanner) { continue }
            switch field {
            case "label_id": labelID = try scanner.string(at: "label_id")
            case "listing_id": listingID = .some(try scanner.nullableString(at: "listing_id"))
            case "outcome": outcome = try scanner.enumeration(Outcome.self, at: "outcome")
            case "source": source = try scanner.enumeration(Source.self, at: "source")
            case "brand": brand = .some(try scanner.nullableString(at: "brand"))
            case "note": note = .some(try scanner.nullableString(at: "note"))
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        let (eventID, merchantID, ts) = try common.finish(key: key)
        self.init(
            eventID: eventID, merchantID: merchantID, ts: ts,
            labelID: try required(labelID, "label_id"),
            listingID: listingID ?? nil,
            outcome: try required(outcome, "outcome"),
            source: try required(source, "source"),
            brand: brand ?? nil,
            note: note ?? nil
        )
    }
}
