import VigilKafka

/// Decides whether a shard's checkpoint may be restored, before any of its state is used.
///
/// A checkpoint is a cache of what the input partitions built up to its positions. It is
/// trusted only when it plainly belongs to the partitions the engine now reads:
/// - it was taken against the same Kafka cluster (same cluster id), when both ids are known;
/// - none of its positions lies beyond its partition's end (a re-created topic, or another
///   cluster's log): resuming there would wait for records that will never come, or skip the
///   ones that do;
/// - for every partition where it claims progress, the consumer group has committed a position
///   too. The engine commits only after a checkpoint is saved, so progress the group never
///   committed means the file comes from another run (another cluster or group, or topics
///   deleted and created again), and resuming from it would skip the records before it.
///
/// A checkpoint ahead of the group's committed position is trusted (a crash between saving the
/// checkpoint and committing), and so is one behind it (records are processed again, at least
/// once). Pure: everything it reads is passed in, so it is unit-tested without Kafka.
public struct CheckpointValidator: Sendable {
    /// What the brokers say about one input partition now.
    public struct PartitionFacts: Sendable, Hashable {
        /// First offset still in the log.
        public var low: Int64
        /// Offset after the last record in the log.
        public var high: Int64
        /// The group's committed position, `nil` when it has none.
        public var committed: Int64?

        /// Creates the facts of one partition.
        public init(low: Int64, high: Int64, committed: Int64?) {
            self.low = low
            self.high = high
            self.committed = committed
        }
    }

    /// The outcome for one checkpoint.
    public enum Decision: Sendable, Hashable {
        /// Restore it and resume from its positions.
        case trusted
        /// Do not use it; the reason says why, in one line for the log.
        case discarded(reason: String)
    }

    /// The cluster the engine is connected to, `nil` when unknown.
    public var clusterID: String?

    /// Creates a validator for checkpoints read while connected to `clusterID`.
    public init(clusterID: String?) {
        self.clusterID = clusterID
    }

    /// Validates the checkpoint of one shard.
    /// - Parameters:
    ///   - positions: The checkpoint's next offset per input partition.
    ///   - checkpointClusterID: The cluster the checkpoint store recorded, `nil` for an old file.
    ///   - facts: What the brokers report per partition; a partition missing here is not checked.
    public func validate(positions: [KafkaTopicPartition: Int64], checkpointClusterID: String?,
                         facts: [KafkaTopicPartition: PartitionFacts]) -> Decision {
        if let clusterID, let checkpointClusterID, clusterID != checkpointClusterID {
            return .discarded(reason: "it was taken against Kafka cluster '\(checkpointClusterID)', but the brokers are cluster '\(clusterID)'")
        }
        for (partition, position) in positions.sorted(by: { $0.key < $1.key }) {
            guard let fact = facts[partition] else { continue }
            if position > fact.high {
                return .discarded(reason: "its position \(position) in \(partition) lies beyond the partition's end \(fact.high) (the topic was re-created, or the file belongs to another cluster)")
            }
            if fact.committed == nil, position > fact.low {
                return .discarded(reason: "it claims \(partition) up to \(position), but the consumer group never committed a position there (the file belongs to another run, cluster or group); resuming from it would skip offsets \(fact.low)..<\(position)")
            }
        }
        return .trusted
    }
}
