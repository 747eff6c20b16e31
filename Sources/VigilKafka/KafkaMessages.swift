/// A Kafka record header: a name and an optional byte value.
public struct KafkaHeader: Hashable, Sendable {
    /// The header name.
    public var key: String
    /// The header value; `nil` is a header with a null value.
    public var value: [UInt8]?

    /// Creates a header with a byte value.
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }

    /// Creates a header with a UTF-8 string value.
    public init(key: String, string: String) {
        self.key = key
        self.value = Array(string.utf8)
    }

    /// The value decoded as UTF-8, if present.
    public var stringValue: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}

/// A record to send with a ``KafkaProducer``.
public struct KafkaProducerMessage: Sendable {
    /// Destination topic.
    public var topic: String
    /// Explicit partition, or `nil` to let the default partitioner pick one from the key
    /// (librdkafka's `consistent_random`, i.e. murmur2-compatible only if configured; see ``KafkaProducer``).
    public var partition: Int32?
    /// The record key; records with the same key go to the same partition.
    public var key: [UInt8]?
    /// The record value.
    public var value: [UInt8]?
    /// Record headers, in order.
    public var headers: [KafkaHeader]

    /// Creates a record with byte key and value.
    public init(topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Creates a record with a string key and byte value.
    public init(topic: String, partition: Int32? = nil, key: String?, value: [UInt8]?, headers: [KafkaHeader] = []) {
        self.init(topic: topic, partition: partition, key: key.map { Array($0.utf8) }, value: value, headers: headers)
    }
}

/// A record received by a ``KafkaConsumer``. Key, value and headers are owned copies.
public struct KafkaConsumerMessage: Sendable {
    /// Source topic.
    public var topic: String
    /// Source partition.
    public var partition: Int32
    /// The record's offset in its partition.
    public var offset: Int64
    /// The record key.
    public var key: [UInt8]?
    /// The record value (empty for a tombstone is `nil`).
    public var value: [UInt8]?
    /// Record headers, in order.
    public var headers: [KafkaHeader]
    /// The record timestamp in epoch milliseconds, or `nil` when the broker gave none.
    public var timestamp: Int64?

    /// Creates a message (mostly for tests and in-process sources).
    public init(topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = [], timestamp: Int64? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The source topic and partition.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The key decoded as UTF-8, if present.
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }

    /// The first header with this name.
    public func header(_ name: String) -> KafkaHeader? { headers.first { $0.key == name } }
}

/// The outcome of one produced record, as acknowledged (or not) by the broker.
public struct KafkaDeliveryReport: Sendable {
    /// Topic the record was sent to.
    public var topic: String
    /// Partition it was written to (or -1 if it never got one).
    public var partition: Int32
    /// Offset it was written at, or -1 if unknown or failed.
    public var offset: Int64
    /// The failure, or `nil` if the broker acknowledged the record.
    public var error: KafkaError?

    /// Whether the broker acknowledged the record.
    public var isDelivered: Bool { error == nil }
}
