import Logging
import VigilKafka

/// Which shards (input partition numbers) this instance owns, which of their state was restored,
/// and which inputs the aligner must put in event-time order; decides what a rebalance restores,
/// where consumption starts and which shards' state is released.
///
/// The engine applies the decisions (restores lanes, drains, checkpoints, drops state); this type
/// holds no Kafka handle and is tested alone. Used on the consumer thread only.
struct RebalanceCoordinator {
    /// What an assignment restores and where it starts reading.
    struct Assignment {
        /// Shards restored from their checkpoint, with the state to put back on the lanes.
        var restored: [Int32: PartitionState] = [:]
        /// Start offsets from the checkpoints (partitions without one start at their committed offset).
        var starts: [KafkaTopicPartition: Int64] = [:]
        /// The highest event time each partition had seen when it was checkpointed.
        var maxEventTimes: [KafkaTopicPartition: Int64] = [:]
    }

    /// Whether a topic's records are tracked for lateness (and so aligned by event time).
    private let tracksLateness: [String: Bool]
    private let logger: Logger
    /// Shards whose checkpoint was already loaded (a shard is restored once while owned).
    private(set) var restoredShards = Set<Int32>()
    /// The owned input partitions, by partition number (the shards the aligner orders).
    private(set) var inputsByShard: [Int32: [KafkaTopicPartition]] = [:]
    /// The same, limited to the sources that are aligned by event time.
    private(set) var alignedInputsByShard: [Int32: [KafkaTopicPartition]] = [:]
    /// Whether some shard has two or more inputs to put in event-time order.
    private(set) var alignmentNeeded = false

    /// Creates a coordinator owning nothing; `tracksLateness` maps input topics to whether their
    /// event times are comparable (internal repartition topics are not).
    init(tracksLateness: [String: Bool], logger: Logger) {
        self.tracksLateness = tracksLateness
        self.logger = logger
    }

    /// Takes ownership of `partitions`, loading (with `load`) the checkpoint of each shard not
    /// restored yet. An unreadable checkpoint is logged and the shard starts empty from the
    /// committed offsets.
    mutating func assign(_ partitions: [KafkaTopicPartition], load: (Int32) throws -> PartitionState?) -> Assignment {
        var assignment = Assignment()
        for shard in Set(partitions.map(\.partition)).sorted() where !restoredShards.contains(shard) {
            restoredShards.insert(shard)
            do {
                if let state = try load(shard) {
                    assignment.restored[shard] = state
                    logger.info("restored shard \(shard) from its checkpoint", metadata: ["positions": "\(state.positions.sorted { $0.key < $1.key })"])
                }
            } catch {
                logger.error("checkpoint of shard \(shard) unreadable, starting from the committed offsets with empty state: \(error)")
            }
        }
        for partition in partitions {
            guard let saved = assignment.restored[partition.partition] else { continue }
            if let start = saved.positions[partition] { assignment.starts[partition] = start }
            if let time = saved.maxEventTimes[partition] { assignment.maxEventTimes[partition] = time }
        }
        updateInputs(adding: partitions, removing: [])
        return assignment
    }

    /// Gives up `partitions`; `stillOwned` are the partitions kept. Returns the shards no owned
    /// partition uses any more, whose state the lanes must drop (they are restored again if
    /// assigned again).
    mutating func revoke(_ partitions: [KafkaTopicPartition], stillOwned: some Sequence<KafkaTopicPartition>) -> Set<Int32> {
        updateInputs(adding: [], removing: partitions)
        let released = Set(partitions.map(\.partition)).subtracting(stillOwned.map(\.partition))
        restoredShards.subtract(released)
        return released
    }

    /// Removes `partitions` from the inputs the aligner orders (before the lanes drain on revoke).
    mutating func updateInputs(adding: [KafkaTopicPartition], removing: [KafkaTopicPartition]) {
        var owned = Set(inputsByShard.values.joined())
        owned.formUnion(adding)
        owned.subtract(removing)
        inputsByShard = Dictionary(grouping: owned.sorted(), by: \.partition)
        // Only sources whose event times are comparable are aligned: internal repartition topics
        // opt out of lateness tracking, and a shard must not wait on the engine's own feedback.
        alignedInputsByShard = inputsByShard.mapValues { $0.filter { tracksLateness[$0.topic] ?? true } }
        alignmentNeeded = alignedInputsByShard.values.contains { $0.count > 1 }
    }
}
