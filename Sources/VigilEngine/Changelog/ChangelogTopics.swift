import VigilKafka

/// The changelog topics of a topology: one compacted topic per operator, co-partitioned with the
/// operator's inputs (partition *n* holds the state of shard *n*).
public enum ChangelogTopics {
    /// The topic configuration of a changelog: compacted, so the newest state of every key (and
    /// the newest checkpoint marker) is kept however long the engine runs, and records up to
    /// ``ChangelogConfiguration/maximumRecordBytes``.
    public static let topicConfig = ["cleanup.policy": "compact", "max.message.bytes": String(ChangelogConfiguration.Defaults.maximumRecordBytes)]

    /// The changelog topic of one operator, e.g. `vigil.merchants-changelog`.
    public static func name(topology: String, operator name: String) -> String {
        "\(topology).\(name)-changelog"
    }

    /// Operator name → changelog topic, for every operator of `topology`.
    public static func names(of topology: Topology) -> [String: String] {
        Dictionary(uniqueKeysWithValues: topology.operators.map { ($0.name, name(topology: topology.name, operator: $0.name)) })
    }

    /// The changelog topics of `topology`, each with as many partitions as the most partitioned
    /// of its operator's input topics (`partitionCounts`: topic → partitions; inputs missing there
    /// count as one partition).
    public static func specifications(for topology: Topology, partitionCounts: [String: Int32]) -> [KafkaTopicSpecification] {
        let topicOfSource = Dictionary(uniqueKeysWithValues: topology.sources.map { ($0.name, $0.topic) })
        return specifications(topology: topology.name, operators: topology.operators.map { op in (op.name, op.sources.compactMap { topicOfSource[$0] }) }, partitionCounts: partitionCounts)
    }

    /// The changelog topics of a topology file not yet compiled (for tools that create topics
    /// before any engine runs, such as `vigil broker`).
    public static func specifications(for definition: TopologyDefinition, partitionCounts: [String: Int32]) -> [KafkaTopicSpecification] {
        let topicOfSource = Dictionary(definition.sources.map { ($0.name, $0.topic) }) { first, _ in first }
        return specifications(topology: definition.name, operators: definition.operators.map { op in (op.name, op.sources.compactMap { topicOfSource[$0] }) }, partitionCounts: partitionCounts)
    }

    private static func specifications(topology: String, operators: [(name: String, inputs: [String])], partitionCounts: [String: Int32]) -> [KafkaTopicSpecification] {
        operators.map { op in
            let partitions = op.inputs.compactMap { partitionCounts[$0] }.max() ?? 1
            return KafkaTopicSpecification(name: name(topology: topology, operator: op.name), partitions: partitions, config: topicConfig)
        }
    }
}
