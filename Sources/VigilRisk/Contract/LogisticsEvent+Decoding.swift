import VigilPrimitives

extension LogisticsEvent {
    /// Scans a logistics object, validating every contract field.
    init(scanning scanner: inout ContractScanner, key: [UInt8]?) throws(ContractViolation) {
        var common = CommonEventFields()
        var shipmentID: String?, orderID: String?, status: ShipmentStatus?, carrier: String?
        var shipFrom: ShipFrom?, returnAddressHash: String?, receiverAddressHash: String?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            if try common.take(field, from: &scanner) { continue }
            switch field {
            case "shipment_id": shipmentID = try scanner.string(at: "shipment_id")
            case "order_id": orderID = try scanner.string(at: "order_id")
            case "status": status = try scanner.enumeration(ShipmentStatus.self, at: "status")
            case "carrier": carrier = try scanner.string(at: "carrier")
            case "ship_from": shipFrom = try ShipFrom(scanning: &scanner)
            case "return_address_hash": returnAddressHash = try scanner.string(at: "return_address_hash")
            case "receiver_address_hash": receiverAddressHash = try scanner.string(at: "receiver_address_hash")
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        let (eventID, merchantID, ts) = try common.finish(key: key)
        self.init(
            eventID: eventID, merchantID: merchantID, ts: ts,
            shipmentID: try required(shipmentID, "shipment_id"),
            orderID: try required(orderID, "order_id"),
            status: try required(status, "status"),
            carrier: try required(carrier, "carrier"),
            shipFrom: try required(shipFrom, "ship_from"),
            returnAddressHash: try required(returnAddressHash, "return_address_hash"),
            receiverAddressHash: try required(receiverAddressHash, "receiver_address_hash")
        )
    }
}

extension LogisticsEvent.ShipFrom {
    /// Scans the `ship_from` object.
    init(scanning scanner: inout ContractScanner) throws(ContractViolation) {
        var province: String?, city: String?, district: String?, addressHash: String?
        try scanner.beginObject(at: "ship_from")
        while let field = try scanner.nextKey(in: "ship_from") {
            switch field {
            case "province": province = try scanner.string(at: "ship_from.province")
            case "city": city = try scanner.string(at: "ship_from.city")
            case "district": district = try scanner.string(at: "ship_from.district")
            case "address_hash": addressHash = try scanner.string(at: "ship_from.address_hash")
            default: try scanner.skipValue(at: "ship_from." + field.string)
            }
        }
        self.init(
            province: try required(province, "ship_from.province"),
            city: try required(city, "ship_from.city"),
            district: try required(district, "ship_from.district"),
            addressHash: try required(addressHash, "ship_from.address_hash")
        )
    }
}
