import VigilOps
import VigilRisk

/// One simulated input message, ready for Kafka: topic, key (the merchant id) and value
/// (the event's JSON bytes, exactly as the contract describes them).
public struct SimulatedRecord: Sendable, Hashable {
    /// Which of the four input events this is.
    public var kind: EventKind
    /// The contract's default topic for ``kind`` (`marketplace.listings`, …).
    public var topic: String
    /// The Kafka key: the event's `merchant_id`.
    public var key: String
    /// The event object as compact UTF-8 JSON.
    public var value: [UInt8]
    /// The event's `ts`, epoch ms. Records come in delivery order, which is by event time
    /// except for late and duplicated ones (up to the scenario's `maxLateness`).
    public var eventTime: Int64

    /// Creates a record.
    public init(kind: EventKind, topic: String, key: String, value: [UInt8], eventTime: Int64) {
        self.kind = kind
        self.topic = topic
        self.key = key
        self.value = value
        self.eventTime = eventTime
    }

    /// The contract's default topic of each input event kind (``VigilOps/ContractTopicNames``).
    public static func defaultTopic(for kind: EventKind) -> String {
        let topics = ContractTopicNames()
        switch kind {
        case .listing: return topics.listings
        case .review: return topics.reviews
        case .payment: return topics.payments
        case .logistics: return topics.logistics
        }
    }
}
