import VigilKafka
import VigilPrimitives

/// How a ``StreamEngine`` runs a topology. Every field has a documented default.
public struct EngineConfiguration: Sendable {
    /// Kafka connection and librdkafka properties for the consumer and producer.
    public var kafka: KafkaConfiguration
    /// Consumer group. Default: the topology's name.
    public var groupID: String?
    /// Records a lane may have queued before the consumer stops taking records. Default 20,000.
    ///
    /// While a lane is over capacity the consumer takes nothing from librdkafka, whose prefetch
    /// is itself bounded (`queued.max.messages.kbytes`), so memory stays bounded and nothing
    /// already fetched is thrown away.
    public var laneCapacity: Int
    /// How long the lanes may stay over capacity before the consumer pauses its partitions.
    /// Default 1 s.
    ///
    /// A paused consumer keeps polling, so group membership and rebalances are served while an
    /// operator is stuck; but pausing makes librdkafka discard the records it prefetched for
    /// those partitions (its version barrier) and fetch them again on resume, so it is kept
    /// for lanes that stay full, not for ordinary bursts.
    public var pauseAfter: Duration
    /// How long records of one partition number wait for a co-partitioned input partition that
    /// has unread records on the broker but none buffered yet, before they are processed without
    /// it. Default 100 ms. (Event-time alignment of the inputs; see `InputAligner`.)
    public var alignmentWait: Duration
    /// Most records taken from Kafka per poll. Default 5,000.
    public var pollBatchSize: Int
    /// How often committable positions are committed. Default 200 ms.
    public var commitInterval: Duration
    /// Checkpoint interval; `nil` uses the topology's `checkpoint_interval`.
    public var checkpointInterval: Duration?
    /// How long a graceful stop may take to drain, flush and commit before giving up. Default 30 s.
    public var shutdownTimeout: Duration
    /// How partitions are shared. Default ``PartitionAssignment/group``.
    public var assignment: PartitionAssignment
    /// How the consumer group divides the partitions among its members (with
    /// ``PartitionAssignment/group``). Default ``PartitionAssignor/range``. A
    /// `partition.assignment.strategy` in ``kafka`` or ``consumerProperties`` wins over it (see
    /// ``assignmentStrategy``); ``checkAssignor(for:)`` checks whichever is used.
    public var assignor: PartitionAssignor
    /// Extra librdkafka properties for the consumer only (e.g. session timeouts for the embedded cluster).
    public var consumerProperties: [String: String]
    /// How long a broker may hold a fetch waiting for data (librdkafka `fetch.wait.max.ms`, unless
    /// the Kafka properties set it). Default 10 ms: a record is fetched within 10 ms of reaching
    /// the broker (librdkafka's own default, 500 ms, would add up to half a second).
    public var fetchWait: Duration
    /// How long outputs may wait to be batched before they are sent (librdkafka `linger.ms` of
    /// the engine's producer, unless the Kafka properties set it). Default 5 ms.
    public var outputLinger: Duration
    /// Changelog topics for the operators' state (with a checkpoint store). Default: on, see
    /// ``ChangelogConfiguration``.
    public var changelog: ChangelogConfiguration
    /// At-least-once (default) or exactly-once outputs; see ``ProcessingGuarantee``.
    public var processingGuarantee: ProcessingGuarantee
    /// The producer's `transactional.id` under ``ProcessingGuarantee/exactlyOnce``: stable for one
    /// instance across restarts (a restarted instance then fences its previous incarnation) and
    /// different between instances. Default `nil`: `<group>-<client id>`; `vigil run` derives
    /// it from the state directory.
    public var transactionalID: String?

    /// Creates a configuration.
    public init(
        kafka: KafkaConfiguration,
        groupID: String? = nil,
        laneCapacity: Int = Defaults.laneCapacity,
        pauseAfter: Duration = Defaults.pauseAfter,
        alignmentWait: Duration = Defaults.alignmentWait,
        pollBatchSize: Int = Defaults.pollBatchSize,
        commitInterval: Duration = Defaults.commitInterval,
        checkpointInterval: Duration? = nil,
        shutdownTimeout: Duration = Defaults.shutdownTimeout,
        assignment: PartitionAssignment = .group,
        assignor: PartitionAssignor = .range,
        consumerProperties: [String: String] = [:],
        fetchWait: Duration = Defaults.fetchWait,
        outputLinger: Duration = Defaults.outputLinger,
        changelog: ChangelogConfiguration = ChangelogConfiguration(),
        processingGuarantee: ProcessingGuarantee = .atLeastOnce,
        transactionalID: String? = nil
    ) {
        self.changelog = changelog
        self.processingGuarantee = processingGuarantee
        self.transactionalID = transactionalID
        self.assignment = assignment
        self.assignor = assignor
        self.kafka = kafka
        self.groupID = groupID
        self.laneCapacity = laneCapacity
        self.pauseAfter = pauseAfter
        self.alignmentWait = alignmentWait
        self.pollBatchSize = pollBatchSize
        self.commitInterval = commitInterval
        self.checkpointInterval = checkpointInterval
        self.shutdownTimeout = shutdownTimeout
        self.consumerProperties = consumerProperties
        self.fetchWait = fetchWait
        self.outputLinger = outputLinger
    }

    /// The consumer's Kafka configuration: ``kafka`` with ``consumerProperties`` over it,
    /// ``fetchWait`` as `fetch.wait.max.ms` and ``assignor`` as `partition.assignment.strategy`,
    /// each unless one of them sets it.
    public var consumerKafka: KafkaConfiguration {
        var properties = kafka.properties
        properties.merge(consumerProperties) { $1 }
        if properties["fetch.wait.max.ms"] == nil { properties["fetch.wait.max.ms"] = String(fetchWait.wholeMilliseconds) }
        if properties[PartitionAssignor.property] == nil { properties[PartitionAssignor.property] = assignor.strategy }
        if processingGuarantee == .exactlyOnce { properties["isolation.level"] = "read_committed" }
        return KafkaConfiguration(bootstrapServers: kafka.bootstrapServers, clientID: kafka.clientID, properties: properties)
    }

    /// The `partition.assignment.strategy` the consumer uses: the one set in ``consumerProperties``
    /// or ``kafka``'s properties, else ``assignor``'s.
    public var assignmentStrategy: String {
        consumerProperties[PartitionAssignor.property] ?? kafka.properties[PartitionAssignor.property] ?? assignor.strategy
    }

    /// Whether the group rebalances incrementally: ``assignmentStrategy`` names
    /// `cooperative-sticky` (librdkafka refuses to mix it with the eager assignors).
    public var rebalancesCooperatively: Bool {
        PartitionAssignor.names(in: assignmentStrategy).contains(PartitionAssignor.cooperativeSticky.strategy)
    }

    /// Refuses an assignor that could split a shard's state over two instances.
    ///
    /// The engine keeps state per partition number (a shard) across all the topology's input
    /// topics, so one instance must own the same-numbered partition of every input topic. The
    /// range assignor guarantees it for topics with equal partition counts; cooperative-sticky
    /// and roundrobin do not (librdkafka's C API has no custom assignors to make them). So with
    /// ``PartitionAssignment/group`` and more than one input topic, the preferred strategy (the
    /// first of ``assignmentStrategy``) must be `range`. A single-input topology may use any.
    /// - Throws: ``EngineError`` naming the topics, the strategy and the fix.
    public func checkAssignor(for topology: Topology) throws(EngineError) {
        guard assignment == .group, topology.inputTopics.count > 1 else { return }
        let names = PartitionAssignor.names(in: assignmentStrategy)
        guard rebalancesCooperatively || names.first != "range" else { return }
        let source = consumerProperties[PartitionAssignor.property] != nil || kafka.properties[PartitionAssignor.property] != nil
            ? "the Kafka property \(PartitionAssignor.property)=\(assignmentStrategy)"
            : "assignor '\(assignor.rawValue)' (partition.assignment.strategy=\(assignmentStrategy))"
        throw EngineError(
            "topology '\(topology.name)' cannot run with \(source): it reads \(topology.inputTopics.count) co-partitioned input topics "
                + "(\(topology.inputTopics.joined(separator: ", "))) and keeps its state per partition number across them, so partition n of every one "
                + "of them must belong to the same instance. Only the range assignor keeps them together; with \(names.first ?? "this strategy") one "
                + "partition number's state could be split over two instances. Use engine.assignor: range (the default) and remove "
                + "\(PartitionAssignor.property) from the Kafka properties, or run a topology with a single input topic."
        )
    }

    /// The producer's Kafka configuration: ``kafka`` with ``outputLinger`` as `linger.ms` unless
    /// it sets it, and the `transactional.id` under exactly-once.
    public var producerKafka: KafkaConfiguration {
        var configuration = kafka
        if configuration.properties["linger.ms"] == nil {
            configuration.properties["linger.ms"] = String(outputLinger.wholeMilliseconds)
        }
        if processingGuarantee == .exactlyOnce {
            // Changelog records go through this producer too.
            if configuration.properties["message.max.bytes"] == nil { configuration.properties["message.max.bytes"] = String(changelog.maximumRecordBytes) }
            configuration.properties["transactional.id"] = transactionalID ?? "\(groupID ?? "vigil")-\(kafka.clientID)"
        }
        return configuration
    }
}

extension EngineConfiguration {
    /// The defaults of the runtime limits, defined once: ``EngineConfiguration/init(kafka:groupID:laneCapacity:pauseAfter:alignmentWait:pollBatchSize:commitInterval:checkpointInterval:shutdownTimeout:assignment:assignor:consumerProperties:fetchWait:outputLinger:changelog:processingGuarantee:transactionalID:)``
    /// and the service configuration (`engine:` in `config/vigil.yml`) both use them.
    public enum Defaults {
        /// Records a lane may queue before the consumer stops taking records: 20,000.
        public static let laneCapacity = 20_000
        /// How long the lanes may stay over capacity before the partitions are paused: 1 s.
        public static let pauseAfter: Duration = .seconds(1)
        /// How long a partition number waits for a co-partitioned input with unread records: 100 ms.
        public static let alignmentWait: Duration = .milliseconds(100)
        /// How long a broker may hold a fetch for data (`fetch.wait.max.ms`): 10 ms.
        public static let fetchWait: Duration = .milliseconds(10)
        /// How long outputs wait to be batched (`linger.ms`): 5 ms.
        public static let outputLinger: Duration = .milliseconds(5)
        /// Most records taken per poll: 5,000.
        public static let pollBatchSize = 5_000
        /// How often positions are committed without checkpoints: 200 ms.
        public static let commitInterval: Duration = .milliseconds(200)
        /// How long a graceful stop may take: 30 s.
        public static let shutdownTimeout: Duration = .seconds(30)
    }
}

/// How a consumer group divides the input partitions among its members (librdkafka's
/// `partition.assignment.strategy`).
public enum PartitionAssignor: String, Sendable, CaseIterable {
    /// `range,roundrobin`: the range assignor (roundrobin only if some member lacks it), with
    /// eager rebalances: every member gives up all its partitions, then takes its new share.
    /// Keeps the same-numbered partitions of equally partitioned topics on one member, as
    /// topologies with several input topics need.
    case range
    /// `cooperative-sticky`: incremental rebalances. Members keep the partitions that stay with
    /// them and go on processing them; only the partitions that move are revoked (settled:
    /// outputs flushed, state written to the changelog, positions committed) and then assigned
    /// to their new owner, in a second rebalance. It does not keep same-numbered partitions of
    /// different topics together, so the engine allows it only for single-input topologies
    /// (``EngineConfiguration/checkAssignor(for:)``).
    ///
    /// With librdkafka 2.0.2, a checkpoint's commit in flight when a rebalance started by another
    /// member reaches this one makes librdkafka take all of this member's partitions away as lost
    /// (librdkafka issue #4059, fixed in 2.10.0): that rebalance then moves every partition, as
    /// with range, and the outputs stay the same. Commits while the member rejoins after giving
    /// partitions up are deferred (``VigilKafka/KafkaConsumer/isRejoiningCooperatively``).
    case cooperativeSticky = "cooperative-sticky"

    /// The librdkafka property naming the strategies.
    public static let property = "partition.assignment.strategy"

    /// The value of `partition.assignment.strategy` for this assignor.
    public var strategy: String { strategyNames.joined(separator: ",") }

    /// The strategies, in order of preference.
    var strategyNames: [String] {
        switch self {
        case .range: ["range", "roundrobin"]
        case .cooperativeSticky: ["cooperative-sticky"]
        }
    }

    /// The strategy names of a `partition.assignment.strategy` value, trimmed and lower-cased.
    static func names(in strategy: String) -> [String] {
        strategy.split(separator: ",").map { String($0.filter { !$0.isWhitespace }).lowercased() }.filter { !$0.isEmpty }
    }
}

/// How an engine instance gets its input partitions.
public enum PartitionAssignment: String, Sendable {
    /// Join the consumer group: partitions are shared among all instances and move on rebalance.
    case group
    /// Read every partition of the input topics directly, without group membership (a single
    /// instance; offsets are still committed under the group id). Useful where a group
    /// coordinator is unwanted, and against the embedded cluster, whose coordinator stalls for a
    /// long time after a member is killed without leaving.
    case all
}

/// What a crash or rebalance may do to the outputs.
public enum ProcessingGuarantee: String, Sendable, CaseIterable {
    /// Every input gets its outputs; after a crash the outputs since the last commit are produced
    /// again, with the same content (consumers deduplicate by id, e.g. `verdict_id`). Outputs are
    /// sent as soon as they are made. The default.
    case atLeastOnce = "at_least_once"
    /// Outputs, dead letters, changelog records and input positions are committed in one Kafka
    /// transaction at each checkpoint: a `read_committed` consumer sees every output exactly
    /// once across crashes and rebalances. Outputs become visible at the checkpoint that commits
    /// them (set a short `checkpoint_interval` for latency), and each checkpoint holds the
    /// consumer loop while it is written. Needs brokers with transactions (Kafka 2.5 or later).
    case exactlyOnce = "exactly_once"
}
