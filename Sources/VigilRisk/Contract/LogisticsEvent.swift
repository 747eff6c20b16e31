/// A shipment's status change, from `marketplace.logistics`.
public struct LogisticsEvent: ContractEvent {
    /// Always ``EventKind/logistics``.
    public static var kind: EventKind { .logistics }

    /// `event_id`.
    public var eventID: String
    /// `merchant_id`: the shipping merchant.
    public var merchantID: String
    /// `ts`, epoch milliseconds.
    public var ts: Int64
    /// `shipment_id`.
    public var shipmentID: String
    /// `order_id`.
    public var orderID: String
    /// `status` of the shipment.
    public var status: ShipmentStatus
    /// `carrier`.
    public var carrier: String
    /// `ship_from`: where the parcel left from.
    public var shipFrom: ShipFrom
    /// `return_address_hash`.
    public var returnAddressHash: String
    /// `receiver_address_hash`.
    public var receiverAddressHash: String

    /// Creates a logistics event; values are taken as given (validation happens in ``ContractDecoder``).
    public init(
        eventID: String, merchantID: String, ts: Int64, shipmentID: String, orderID: String, status: ShipmentStatus,
        carrier: String, shipFrom: ShipFrom, returnAddressHash: String, receiverAddressHash: String
    ) {
        self.eventID = eventID
        self.merchantID = merchantID
        self.ts = ts
        self.shipmentID = shipmentID
        self.orderID = orderID
        self.status = status
        self.carrier = carrier
        self.shipFrom = shipFrom
        self.returnAddressHash = returnAddressHash
        self.receiverAddressHash = receiverAddressHash
    }

    /// `status` of a logistics event.
    public enum ShipmentStatus: String, Sendable, Hashable, CaseIterable, Codable {
        /// Handed to the carrier.
        case shipped
        /// Received by the buyer.
        case delivered
        /// Sent back.
        case returned
    }

    /// `ship_from`: the dispatch location; the address itself is only known by its hash.
    public struct ShipFrom: Sendable, Hashable {
        /// `province`.
        public var province: String
        /// `city`.
        public var city: String
        /// `district`.
        public var district: String
        /// `address_hash`.
        public var addressHash: String

        /// Creates a dispatch location.
        public init(province: String, city: String, district: String, addressHash: String) {
            self.province = province
            self.city = city
            self.district = district
            self.addressHash = addressHash
        }
    }
}
