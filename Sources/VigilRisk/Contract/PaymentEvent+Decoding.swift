import VigilPrimitives

extension PaymentEvent {
    /// Scans a payment object, validating every contract field.
    init(scanning scanner: inout ContractScanner, key: [UInt8]?) throws(ContractViolation) {
        var common = CommonEventFields()
        var paymentID: String?, orderID: String?, listingID: String?, buyerID: String?, kind: PaymentKind?
        var amount: Double?, currency: String?, payoutAccount: String?, buyerAccount: String?

        try scanner.beginRootObject()
        while let field = try scanner.nextKey(in: nil) {
            if try common.take(field, from: &scanner) { continue }
            switch field {
            case "payment_id": paymentID = try scanner.string(at: "payment_id")
            case "order_id": orderID = try scanner.string(at: "order_id")
            case "listing_id": listingID = try scanner.string(at: "listing_id")
            case "buyer_id": buyerID = try scanner.string(at: "buyer_id")
            case "kind": kind = try scanner.enumeration(PaymentKind.self, at: "kind")
            case "amount": amount = try scanner.positiveNumber(at: "amount")
            case "currency": currency = try scanner.currencyCode(at: "currency")
            case "payout_account": payoutAccount = try scanner.string(at: "payout_account")
            case "buyer_account": buyerAccount = try scanner.string(at: "buyer_account")
            default: try scanner.skipValue(at: field.string)
            }
        }
        try scanner.finish()

        let (eventID, merchantID, ts) = try common.finish(key: key)
        self.init(
            eventID: eventID, merchantID: merchantID, ts: ts,
            paymentID: try required(paymentID, "payment_id"),
            orderID: try required(orderID, "order_id"),
            listingID: try required(listingID, "listing_id"),
            buyerID: try required(buyerID, "buyer_id"),
            kind: try required(kind, "kind"),
            amount: try required(amount, "amount"),
            currency: try required(currency, "currency"),
            payoutAccount: try required(payoutAccount, "payout_account"),
            buyerAccount: try required(buyerAccount, "buyer_account")
        )
    }
}
