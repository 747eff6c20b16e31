import VigilPrimitives

extension ReviewEvent {
    /// Scans a review object, validating every contract field.
    init(scanning scanner: inout ContractScanner, key: [UInt8]?) throws(ContractViolation) {
        var common = CommonEventFields()
        var reviewID: String?, listingID: String?, buyerID: String?, rating: Int?, text: String?
        var buyerAccountAgeDays: Int?, deviceID: String?, ip: String?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            if try common.take(field, from: &scanner) { continue }
            switch field {
            case "review_id": reviewID = try scanner.string(at: "review_id")
            case "listing_id": listingID = try scanner.string(at: "listing_id")
            case "buyer_id": buyerID = try scanner.string(at: "buyer_id")
            case "rating": rating = try scanner.integer(at: "rating", in: 1...5)
            case "text": text = try scanner.string(at: "text")
            case "buyer_account_age_days": buyerAccountAgeDays = try scanner.int(at: "buyer_account_age_days")
            case "device_id": deviceID = try scanner.string(at: "device_id")
            case "ip": ip = try scanner.string(at: "ip")
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        let (eventID, merchantID, ts) = try common.finish(key: key)
        self.init(
            eventID: eventID, merchantID: merchantID, ts: ts,
            reviewID: try required(reviewID, "review_id"),
            listingID: try required(listingID, "listing_id"),
            buyerID: try required(buyerID, "buyer_id"),
            rating: try required(rating, "rating"),
            text: try required(text, "text"),
            buyerAccountAgeDays: try required(buyerAccountAgeDays, "buyer_account_age_days"),
            deviceID: try required(deviceID, "device_id"),
            ip: try required(ip, "ip")
        )
    }
}
