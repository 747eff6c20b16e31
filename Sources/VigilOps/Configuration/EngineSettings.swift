import Foundation
import VigilEngine
import VigilKafka
import VigilPrimitives

extension VigilConfiguration {
    /// The `engine:` section.
    public struct EngineSettings: Sendable, Equatable {
        /// The counterfeit topology's file, relative to the repository root:
        /// `topologies/counterfeit.yml`. The one place this default is written; `vigil run`,
        /// `vigil broker`, `vigil demo` and the benchmarks use it.
        public static let defaultTopology = "topologies/counterfeit.yml"

        /// `topology`: topology file. Default ``defaultTopology``.
        public var topology = EngineSettings.defaultTopology
        /// `lanes`: keyed lanes; `0` keeps the topology's setting. Default `0`.
        public var lanes = 0
        /// `lane_capacity`: records a lane may queue before the consumer stops taking records.
        /// Default: the engine's, 20,000 (``VigilEngine/EngineConfiguration/Defaults/laneCapacity``).
        public var laneCapacity = EngineConfiguration.Defaults.laneCapacity
        /// `pause_after`: how long the lanes may stay over capacity before the consumer pauses
        /// its partitions, e.g. `1s`. Default: the engine's, 1 s.
        public var pauseAfter = EngineConfiguration.Defaults.pauseAfter
        /// `alignment_wait`: how long a partition number's records wait for a co-partitioned
        /// input with unread records before going on without it, e.g. `100ms`. Default: the
        /// engine's, 100 ms.
        public var alignmentWait = EngineConfiguration.Defaults.alignmentWait
        /// `fetch_wait`: how long a broker may hold a fetch waiting for data (`fetch.wait.max.ms`).
        /// Default: the engine's, 10 ms.
        public var fetchWait = EngineConfiguration.Defaults.fetchWait
        /// `linger`: how long outputs wait to be batched (`linger.ms` of the engine's producer).
        /// Default: the engine's, 5 ms.
        public var linger = EngineConfiguration.Defaults.outputLinger
        /// `poll_batch_size`: most records taken from Kafka per poll. Default: the engine's, 5,000.
        public var pollBatchSize = EngineConfiguration.Defaults.pollBatchSize
        /// `checkpoint_path`: SQLite file for state checkpoints. Default `.vigil/state.sqlite`.
        public var checkpointPath = ".vigil/state.sqlite"
        /// `checkpoint_interval`: e.g. `30s`. Default `nil`: the topology's `checkpoint_interval`.
        public var checkpointInterval: Duration?
        /// `changelog`: write the operators' state to compacted changelog topics and restore
        /// from them when a partition moves (the local checkpoint is then a cache). Default: the
        /// engine's, `true` (``VigilEngine/ChangelogConfiguration/Defaults/enabled``).
        public var changelog = ChangelogConfiguration.Defaults.enabled
        /// `assignor`: how the consumer group divides the partitions among instances: `range`
        /// (eager rebalances; needed by topologies with several co-partitioned input topics) or
        /// `cooperative-sticky` (incremental: only the partitions that move are revoked; single-
        /// input topologies only). A `partition.assignment.strategy` in `kafka.properties` wins
        /// and is checked the same way. Default `range` (``VigilEngine/PartitionAssignor``).
        public var assignor = PartitionAssignor.range
        /// `changelog_restore_timeout`: longest restore of one shard from its changelog. Default:
        /// the engine's, 5 min.
        public var changelogRestoreTimeout = ChangelogConfiguration.Defaults.restoreTimeout
        /// `standby_replicas`: 0 or 1: keep warm copies of the shards other instances own, restored
        /// from in seconds when they move here (``VigilEngine/ChangelogConfiguration/standbyReplicas``).
        /// Default: the engine's, 0 (``VigilEngine/ChangelogConfiguration/Defaults/standbyReplicas``).
        public var standbyReplicas = ChangelogConfiguration.Defaults.standbyReplicas
        /// `processing_guarantee`: `at_least_once` (default) or `exactly_once` (outputs, changelog
        /// and input positions in one Kafka transaction per checkpoint; see
        /// ``VigilEngine/ProcessingGuarantee``).
        public var processingGuarantee = ProcessingGuarantee.atLeastOnce
        /// `transactional_id`: the producer's `transactional.id` under exactly-once. Default: derived
        /// from the group and the state file's path, so it is stable for one instance and differs
        /// between instances.
        public var transactionalID: String?

        /// The defaults.
        public init() {}
    }
}

extension VigilConfiguration {
    /// `<group>-<hash of the state file's absolute path>`: one id per instance (its state
    /// directory), the same across its restarts.
    func defaultTransactionalID(group: String) -> String {
        let path = URL(fileURLWithPath: engine.checkpointPath).standardizedFileURL.path
        return "\(group)-\(String(FNV1a64.hash(Array(path.utf8)), radix: 16))"
    }

    /// The engine configuration these settings describe, built in this one place: Kafka
    /// connection (`kafka.*`, client id `vigil-<topology>` when `kafka.client_id` is left at its
    /// default), consumer group (`kafka.group`, else the topology's name) and the engine's limits
    /// (`engine.*`; unset ones keep ``VigilEngine/EngineConfiguration/Defaults``).
    /// - Parameters:
    ///   - topologyName: The topology being run (default group and client id).
    ///   - bootstrapServers: The brokers to use (`kafka.brokers`, or an embedded cluster's).
    ///   - assignment: How partitions are shared.
    ///   - consumerProperties: Extra librdkafka properties for the consumer only.
    public func engineConfiguration(topologyName: String, bootstrapServers: String, assignment: PartitionAssignment = .group,
                                    consumerProperties: [String: String] = [:]) -> EngineConfiguration {
        let clientID = kafka.clientID == KafkaSettings().clientID ? "\(kafka.clientID)-\(topologyName)" : kafka.clientID
        return EngineConfiguration(
            kafka: KafkaConfiguration(bootstrapServers: bootstrapServers, clientID: clientID, properties: kafka.properties),
            groupID: kafka.group ?? topologyName,
            laneCapacity: engine.laneCapacity,
            pauseAfter: engine.pauseAfter,
            alignmentWait: engine.alignmentWait,
            pollBatchSize: engine.pollBatchSize,
            checkpointInterval: engine.checkpointInterval,
            assignment: assignment,
            assignor: engine.assignor,
            consumerProperties: consumerProperties,
            fetchWait: engine.fetchWait,
            outputLinger: engine.linger,
            changelog: ChangelogConfiguration(enabled: engine.changelog, restoreTimeout: engine.changelogRestoreTimeout, standbyReplicas: engine.standbyReplicas),
            processingGuarantee: engine.processingGuarantee,
            transactionalID: engine.transactionalID ?? defaultTransactionalID(group: kafka.group ?? topologyName)
        )
    }
}
