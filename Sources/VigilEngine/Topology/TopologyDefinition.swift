/// A topology as written in `topologies/*.yml`: sources, keyed operators, sinks and dead letters.
///
/// ```yaml
/// name: window-demo
/// lanes: 0                  # 0 = one per active core (default)
/// dedicated_lanes: [global] # keys with a lane of their own, after the hashed ones (default none)
/// allowed_lateness: 2m      # default 2m
/// idle_ttl: 30d             # keys idle this long in event time are evicted (default 30d)
/// checkpoint_interval: 10s  # default 10s
/// sources:
///   - {name: events, topic: demo.events, decoder: json}
/// operators:
///   - {name: counts, type: window-aggregate, sources: [events], sinks: [aggregates], config: {...}}
/// sinks:
///   - {name: aggregates, topic: demo.aggregates}
/// dead_letter: demo.dlq     # required: bad input is never dropped
/// late_output: demo.late    # optional side output for events beyond the allowed lateness
/// ```
public struct TopologyDefinition: Sendable, Decodable {
    /// Topology name, used in logs and as the default consumer group.
    public var name: String
    /// Lane count; 0 or absent means one per active core.
    public var lanes: Int?
    /// Keys that each get a lane of their own (default none).
    public var dedicatedLanes: [String]?
    /// Allowed lateness as a duration string (default `2m`).
    public var allowedLateness: String?
    /// Idle-key TTL in event time (default `30d`).
    public var idleTTL: String?
    /// Checkpoint interval (default `10s`).
    public var checkpointInterval: String?
    /// Input sources.
    public var sources: [SourceDeclaration]
    /// Keyed operators.
    public var operators: [OperatorDeclaration]
    /// Output sinks.
    public var sinks: [SinkDeclaration]
    /// Dead-letter topic.
    public var deadLetter: String?
    /// Late side-output topic.
    public var lateOutput: String?

    enum CodingKeys: String, CodingKey {
        case name, lanes, sources, operators, sinks
        case allowedLateness = "allowed_lateness"
        case idleTTL = "idle_ttl"
        case checkpointInterval = "checkpoint_interval"
        case dedicatedLanes = "dedicated_lanes"
        case deadLetter = "dead_letter"
        case lateOutput = "late_output"
    }
}

/// An input topic and the decoder for its records.
public struct SourceDeclaration: Sendable, Decodable {
    /// Source name, referenced by operators.
    public var name: String
    /// Kafka topic.
    public var topic: String
    /// Registered decoder name.
    public var decoder: String
    /// Decoder settings.
    public var config: [String: ConfigValue]?
    /// Whether records of this source are checked against the watermark (default `true`). Set it
    /// to `false` for internal repartition topics whose order is processing order, not event time.
    public var trackLateness: Bool?

    enum CodingKeys: String, CodingKey {
        case name, topic, decoder, config
        case trackLateness = "track_lateness"
    }
}

/// A keyed operator: a registered type applied to some sources, emitting to some sinks.
public struct OperatorDeclaration: Sendable, Decodable {
    /// Operator name.
    public var name: String
    /// Registered operator type.
    public var type: String
    /// Sources it consumes.
    public var sources: [String]
    /// Sinks it may emit to.
    public var sinks: [String]?
    /// Operator settings.
    public var config: [String: ConfigValue]?
}

/// An output topic.
public struct SinkDeclaration: Sendable, Decodable {
    /// Sink name, referenced by operators.
    public var name: String
    /// Kafka topic.
    public var topic: String
}
