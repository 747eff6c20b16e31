/// A validated topology, ready to run: every name resolved, every builder called.
public struct Topology: Sendable {
    /// Topology name.
    public var name: String
    /// Hashed lanes to run (resolved: never 0).
    public var laneCount: Int
    /// Allowed lateness, milliseconds.
    public var allowedLatenessMs: Int64
    /// Idle-key TTL in event time, milliseconds.
    public var idleTTLMs: Int64
    /// Checkpoint interval, milliseconds.
    public var checkpointIntervalMs: Int64
    /// Sources with their decoders.
    public var sources: [Source]
    /// Operators with their factories.
    public var operators: [Operator]
    /// Sink name → topic.
    public var sinkTopics: [String: String]
    /// Dead-letter topic.
    public var deadLetterTopic: String
    /// Late side-output topic, if any.
    public var lateTopic: String?

    /// A resolved source.
    public struct Source: Sendable {
        /// Source name.
        public var name: String
        /// Kafka topic.
        public var topic: String
        /// Its decoder.
        public var decoder: any RecordDecoder
        /// Whether its records are checked against the watermark.
        public var tracksLateness: Bool = true
    }

    /// A resolved operator.
    public struct Operator: Sendable {
        /// Operator name.
        public var name: String
        /// Names of the sources it consumes.
        public var sources: Set<String>
        /// Builds its per-partition, per-lane processors.
        public var factory: any OperatorFactory
    }

    /// Keys that each get a lane of their own after the ``laneCount`` hashed lanes (YAML
    /// `dedicated_lanes`), for single-key stages such as one global graph: hashed keys never
    /// queue behind them. Default: none.
    public var dedicatedLaneKeys: [String] = []

    /// All lanes: the hashed ones plus one per dedicated key.
    public var totalLaneCount: Int { laneCount + dedicatedLaneKeys.count }

    /// Every topic the engine writes to: the sinks', the dead-letter topic and the late side
    /// output, sorted.
    public var outputTopics: [String] {
        Set(sinkTopics.values).union([deadLetterTopic]).union(lateTopic.map { [$0] } ?? []).sorted()
    }

    /// Input topics, in declaration order.
    public var inputTopics: [String] { sources.map(\.topic) }

    /// The source reading a topic.
    public func source(forTopic topic: String) -> Source? { sources.first { $0.topic == topic } }
}
