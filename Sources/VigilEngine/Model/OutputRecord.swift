import VigilKafka

/// A record an operator emits to a named sink of its topology.
public struct OutputRecord: Sendable {
    /// The sink name from the topology (e.g. `verdicts`), not the topic.
    public var sink: String
    /// The Kafka key.
    public var key: [UInt8]?
    /// The encoded value.
    public var value: [UInt8]
    /// Headers to attach.
    public var headers: [KafkaHeader]

    /// Creates an output record.
    public init(sink: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []) {
        self.sink = sink
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Creates an output record with a string key.
    public init(sink: String, key: String, value: [UInt8], headers: [KafkaHeader] = []) {
        self.init(sink: sink, key: Array(key.utf8), value: value, headers: headers)
    }
}
