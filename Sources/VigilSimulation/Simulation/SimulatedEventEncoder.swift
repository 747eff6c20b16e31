import VigilPrimitives
import VigilRisk

/// Writes the four input events as the contract's JSON objects, fields in contract order.
///
/// Only the simulator uses it: values come from ``MarketplacePlan`` and are valid by
/// construction (tests decode every one with ``ContractDecoder``).
struct SimulatedEventEncoder {
    let currency: String

    /// A storefront snapshot as `seller`.
    struct Seller {
        var storeAgeDays: Int
        var template: ListingEvent.StoreTemplate
        var verifiedID: Bool
        var deviceID: String
        var ip: String
        var wifi: String?
    }

    func common(_ writer: inout JSONWriter, eventID: String, merchantID: String, ts: Int64) {
        writer.beginObject()
        writer.key("event_id"); writer.string(eventID)
        writer.key("merchant_id"); writer.string(merchantID)
        writer.key("ts"); writer.int(ts)
    }

    func listing(eventID: String, merchantID: String, ts: Int64, listing: ListingPlan, action: ListingEvent.ListingAction,
                 priceCents: Int64, stock: Int, seller: Seller) -> [UInt8] {
        var writer = JSONWriter(capacity: 640)
        common(&writer, eventID: eventID, merchantID: merchantID, ts: ts)
        writer.key("listing_id"); writer.string(listing.id)
        writer.key("action"); writer.string(action.rawValue)
        writer.key("title"); writer.string(listing.title)
        writer.key("brand"); writer.optionalString(listing.brand)
        writer.key("category"); writer.string(listing.category)
        writer.key("price"); writer.money(cents: priceCents)
        writer.key("currency"); writer.string(currency)
        writer.key("stock"); writer.int(stock)
        writer.key("image_text_prices"); writer.moneyArray(cents: listing.imageTextCents)
        writer.key("logos"); writer.stringArray(listing.logos)
        writer.key("image_hashes"); writer.stringArray(listing.imageHashes)
        writer.key("seller")
        writer.beginObject()
        writer.key("store_age_days"); writer.int(seller.storeAgeDays)
        writer.key("template"); writer.string(seller.template.rawValue)
        writer.key("verified_id"); writer.bool(seller.verifiedID)
        writer.key("device_id"); writer.string(seller.deviceID)
        writer.key("ip"); writer.string(seller.ip)
        writer.key("wifi_bssid"); writer.optionalString(seller.wifi)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    /// A review (fields in contract order).
    struct Review {
        var reviewID: String
        var listingID: String
        var buyerID: String
        var rating: Int
        var text: String
        var buyerAccountAgeDays: Int
        var deviceID: String
        var ip: String
    }

    func review(eventID: String, merchantID: String, ts: Int64, _ review: Review) -> [UInt8] {
        var writer = JSONWriter(capacity: 320)
        common(&writer, eventID: eventID, merchantID: merchantID, ts: ts)
        writer.key("review_id"); writer.string(review.reviewID)
        writer.key("listing_id"); writer.string(review.listingID)
        writer.key("buyer_id"); writer.string(review.buyerID)
        writer.key("rating"); writer.int(review.rating)
        writer.key("text"); writer.string(review.text)
        writer.key("buyer_account_age_days"); writer.int(review.buyerAccountAgeDays)
        writer.key("device_id"); writer.string(review.deviceID)
        writer.key("ip"); writer.string(review.ip)
        writer.endObject()
        return writer.bytes
    }

    /// A payment (fields in contract order).
    struct Payment {
        var paymentID: String
        var orderID: String
        var listingID: String
        var buyerID: String
        var kind: PaymentEvent.PaymentKind
        var amountCents: Int64
        var payoutAccount: String
        var buyerAccount: String
    }

    func payment(eventID: String, merchantID: String, ts: Int64, _ payment: Payment) -> [UInt8] {
        var writer = JSONWriter(capacity: 320)
        common(&writer, eventID: eventID, merchantID: merchantID, ts: ts)
        writer.key("payment_id"); writer.string(payment.paymentID)
        writer.key("order_id"); writer.string(payment.orderID)
        writer.key("listing_id"); writer.string(payment.listingID)
        writer.key("buyer_id"); writer.string(payment.buyerID)
        writer.key("kind"); writer.string(payment.kind.rawValue)
        writer.key("amount"); writer.money(cents: payment.amountCents)
        writer.key("currency"); writer.string(currency)
        writer.key("payout_account"); writer.string(payment.payoutAccount)
        writer.key("buyer_account"); writer.string(payment.buyerAccount)
        writer.endObject()
        return writer.bytes
    }

    /// A shipment status change (fields in contract order).
    struct Shipment {
        var shipmentID: String
        var orderID: String
        var status: LogisticsEvent.ShipmentStatus
        var carrier: String
        var shipFrom: ShipFromAddress
        var returnAddressHash: String
        var receiverAddressHash: String
    }

    func logistics(eventID: String, merchantID: String, ts: Int64, _ shipment: Shipment) -> [UInt8] {
        var writer = JSONWriter(capacity: 400)
        common(&writer, eventID: eventID, merchantID: merchantID, ts: ts)
        writer.key("shipment_id"); writer.string(shipment.shipmentID)
        writer.key("order_id"); writer.string(shipment.orderID)
        writer.key("status"); writer.string(shipment.status.rawValue)
        writer.key("carrier"); writer.string(shipment.carrier)
        writer.key("ship_from")
        writer.beginObject()
        writer.key("province"); writer.string(shipment.shipFrom.province)
        writer.key("city"); writer.string(shipment.shipFrom.city)
        writer.key("district"); writer.string(shipment.shipFrom.district)
        writer.key("address_hash"); writer.string(shipment.shipFrom.addressHash)
        writer.endObject()
        writer.key("return_address_hash"); writer.string(shipment.returnAddressHash)
        writer.key("receiver_address_hash"); writer.string(shipment.receiverAddressHash)
        writer.endObject()
        return writer.bytes
    }
}

extension SimulatedEventEncoder {
    /// A label (fields in contract order), with its common fields: ``LabelEvent/encoded()``.
    func label(eventID: String, _ label: SimulatedLabel) -> [UInt8] {
        LabelEvent(eventID: eventID, merchantID: label.merchantID, ts: label.eventTime, labelID: label.labelID, listingID: label.listingID,
                   outcome: label.outcome, source: label.source, brand: label.brand, note: label.note).encoded()
    }
}
