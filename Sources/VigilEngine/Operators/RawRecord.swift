import VigilKafka

/// One input record as a ``RecordDecoder`` sees it: where it came from and its bytes, with no
/// Kafka binding attached, so domain decoders (and their tests) need not import `VigilKafka`.
public struct RawRecord: Sendable, Hashable {
    /// The topic the record was read from.
    public var topic: String
    /// The partition within ``topic``.
    public var partition: Int32
    /// The record's offset within its partition.
    public var offset: Int64
    /// The key bytes, `nil` when the record has no key.
    public var key: [UInt8]?
    /// The value bytes, `nil` for a tombstone.
    public var value: [UInt8]?
    /// The broker or producer timestamp, Unix epoch milliseconds, if any.
    public var timestamp: Int64?

    /// Creates a record.
    public init(topic: String, partition: Int32 = 0, offset: Int64 = 0, key: [UInt8]? = nil, value: [UInt8]?, timestamp: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.timestamp = timestamp
    }

    /// The record of a consumed Kafka message (its headers are not needed to decode it).
    public init(_ message: KafkaConsumerMessage) {
        self.init(topic: message.topic, partition: message.partition, offset: message.offset, key: message.key, value: message.value, timestamp: message.timestamp)
    }

    /// The key decoded as UTF-8, if present.
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }
}
