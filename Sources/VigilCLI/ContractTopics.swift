import Foundation
import VigilEngine
import VigilKafka
import VigilOps
import VigilRisk

/// The topics Vigil creates, with their partition counts: the wire contract's (named by
/// ``VigilOps/ContractTopicNames``) and the counterfeit topology's internal topics. The one place
/// `vigil broker`, `vigil run` and `vigil demo` get them from.
enum ContractTopics {
    /// The counterfeit topology's internal repartition and feature-log topics.
    static let internalTopics = ["vigil.identifiers", "vigil.links", "vigil.ring-input", "vigil.ring-features", FeatureLogRow.topic]
    /// The ring stage's input: one partition, so one instance sees every ring.
    static let ringInput = "vigil.ring-input"

    /// Every contract and internal topic.
    static func specifications(names: ContractTopicNames = ContractTopicNames(), partitions: Int32) -> [KafkaTopicSpecification] {
        specifications(of: Set(names.all + internalTopics), names: names, partitions: partitions)
    }

    /// The topics a topology reads and writes, plus the contract's brand and label topics (the
    /// brand table is followed besides the topology; labels are read by `vigil demo --labels`).
    static func specifications(for topology: Topology, names: ContractTopicNames = ContractTopicNames(), partitions: Int32) -> [KafkaTopicSpecification] {
        var topics = Set(topology.inputTopics + Array(topology.sinkTopics.values) + [topology.deadLetterTopic, names.brands, names.labels])
        if let late = topology.lateTopic { topics.insert(late) }
        return specifications(of: topics, names: names, partitions: partitions)
    }

    /// The topology file's definition, `nil` when there is no such file (a broker started outside
    /// the repository); a file that is not valid topology YAML is an error naming it.
    static func definition(file: String) throws -> TopologyDefinition? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return try TopologyLoader.definition(yaml: text, file: file)
    }

    /// `topics` plus the changelog topics of the topology in `topologyFile` (co-partitioned with the
    /// operators' inputs among `topics`), for processes that create topics on an embedded cluster
    /// other processes' engines use (`vigil broker`, the benchmarks); none when there is no such file.
    static func addingChangelogs(to topics: [KafkaTopicSpecification], topologyFile: String = VigilConfiguration.EngineSettings.defaultTopology) throws -> [KafkaTopicSpecification] {
        guard let definition = try definition(file: topologyFile) else { return topics }
        let counts = Dictionary(topics.map { ($0.name, $0.partitions) }) { first, _ in first }
        return topics + ChangelogTopics.specifications(for: definition, partitionCounts: counts)
    }

    /// Co-partitioned merchant-keyed topics share `partitions`; the ring stage's input and the
    /// (compacted) brand table have one partition.
    private static func specifications(of topics: Set<String>, names: ContractTopicNames, partitions: Int32) -> [KafkaTopicSpecification] {
        topics.sorted().map { name in
            switch name {
            case ringInput: KafkaTopicSpecification(name: name, partitions: 1)
            case names.brands: KafkaTopicSpecification(name: name, partitions: 1, config: ["cleanup.policy": "compact"])
            default: KafkaTopicSpecification(name: name, partitions: partitions)
            }
        }
    }
}
