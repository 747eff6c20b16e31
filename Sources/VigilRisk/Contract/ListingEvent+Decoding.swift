import VigilPrimitives

extension ListingEvent {
    /// Scans a listing object (the scanner is at its `{`), validating every contract field.
    init(scanning scanner: inout ContractScanner, key: [UInt8]?) throws(ContractViolation) {
        var common = CommonEventFields()
        var listingID: String?, action: ListingAction?, title: String?, brand: String??
        var category: String?, price: Double?, currency: String?, stock: Int?
        var imageTextPrices: [Double]?, logos: [String]?, imageHashes: [String]?, seller: SellerSnapshot?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            if try common.take(field, from: &scanner) { continue }
            switch field {
            case "listing_id": listingID = try scanner.string(at: "listing_id")
            case "action": action = try scanner.enumeration(ListingAction.self, at: "action")
            case "title": title = try scanner.string(at: "title")
            case "brand": brand = .some(try scanner.nullableString(at: "brand"))
            case "category": category = try scanner.string(at: "category")
            case "price": price = try scanner.positiveNumber(at: "price")
            case "currency": currency = try scanner.currencyCode(at: "currency")
            case "stock": stock = try scanner.integer(at: "stock", in: 0...Int.max)
            case "image_text_prices": imageTextPrices = try scanner.numberArray(at: "image_text_prices")
            case "logos": logos = try scanner.stringArray(at: "logos")
            case "image_hashes": imageHashes = try scanner.stringArray(at: "image_hashes")
            case "seller": seller = try SellerSnapshot(scanning: &scanner)
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        let (eventID, merchantID, ts) = try common.finish(key: key)
        self.init(
            eventID: eventID, merchantID: merchantID, ts: ts,
            listingID: try required(listingID, "listing_id"),
            action: try required(action, "action"),
            title: try required(title, "title"),
            brand: try required(brand, "brand"),
            category: try required(category, "category"),
            price: try required(price, "price"),
            currency: try required(currency, "currency"),
            stock: try required(stock, "stock"),
            imageTextPrices: try required(imageTextPrices, "image_text_prices"),
            logos: try required(logos, "logos"),
            imageHashes: try required(imageHashes, "image_hashes"),
            seller: try required(seller, "seller")
        )
    }
}

extension ListingEvent.SellerSnapshot {
    /// Scans the `seller` object.
    init(scanning scanner: inout ContractScanner) throws(ContractViolation) {
        var storeAgeDays: Int?, template: ListingEvent.StoreTemplate?, verifiedID: Bool?
        var deviceID: String?, ip: String?, wifiBSSID: String??

        try scanner.beginObject(at: "seller")
        while let field = try scanner.nextKey(in: "seller") {
            switch field {
            case "store_age_days": storeAgeDays = try scanner.int(at: "seller.store_age_days")
            case "template": template = try scanner.enumeration(ListingEvent.StoreTemplate.self, at: "seller.template")
            case "verified_id": verifiedID = try scanner.bool(at: "seller.verified_id")
            case "device_id": deviceID = try scanner.string(at: "seller.device_id")
            case "ip": ip = try scanner.string(at: "seller.ip")
            case "wifi_bssid": wifiBSSID = .some(try scanner.nullableString(at: "seller.wifi_bssid"))
            default: try scanner.skipValue(at: "seller." + field.string)
            }
        }
        self.init(
            storeAgeDays: try required(storeAgeDays, "seller.store_age_days"),
            template: try required(template, "seller.template"),
            verifiedID: try required(verifiedID, "seller.verified_id"),
            deviceID: try required(deviceID, "seller.device_id"),
            ip: try required(ip, "seller.ip"),
            wifiBSSID: try required(wifiBSSID, "seller.wifi_bssid")
        )
    }
}
