import VigilKafka

/// A decoded input record on its way to a keyed operator.
public struct SourceRecord: Sendable {
    /// The name of the topology source it came from (e.g. `listings`).
    public var source: String
    /// The partitioning key (the Kafka key); all records of one key go to one lane, in order.
    public var key: String
    /// Event time, epoch milliseconds.
    public var eventTime: Int64
    /// The decoder's output; operators cast it to the type their decoder produces.
    public var payload: any Sendable
    /// Where it was read from.
    public var origin: RecordOrigin
    /// The partition's watermark when this record arrived (max event time before it − allowed lateness).
    public var watermark: Int64
    /// True when `eventTime` is older than ``watermark``: windows must not absorb it.
    public var isLate: Bool { eventTime < watermark }

    /// Creates a record.
    public init(source: String, key: String, eventTime: Int64, payload: any Sendable, origin: RecordOrigin, watermark: Int64 = .min) {
        self.source = source
        self.key = key
        self.eventTime = eventTime
        self.payload = payload
        self.origin = origin
        self.watermark = watermark
    }
}

/// Topic, partition and offset of an input record.
public struct RecordOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Source topic and partition.
    public var partition: KafkaTopicPartition
    /// Offset in the partition.
    public var offset: Int64

    /// Creates an origin.
    public init(partition: KafkaTopicPartition, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }

    /// `topic[partition]@offset`.
    public var description: String { "\(partition)@\(offset)" }
}

/// What a decoder extracted from raw bytes.
public struct DecodedPayload: Sendable {
    /// The partitioning key.
    public var key: String
    /// Event time, epoch milliseconds.
    public var eventTime: Int64
    /// The decoded value.
    public var value: any Sendable

    /// Creates a decoded payload.
    public init(key: String, eventTime: Int64, value: any Sendable) {
        self.key = key
        self.eventTime = eventTime
        self.value = value
    }
}
