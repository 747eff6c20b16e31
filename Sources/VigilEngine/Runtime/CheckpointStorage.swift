import VigilKafka
import VigilState

/// Where the engine keeps partition checkpoints. Saving several partitions is one atomic write.
///
/// `VigilState.CheckpointStore` (SQLite through GRDB, WAL) is the production implementation.
public protocol CheckpointStorage: Sendable {
    /// Saves checkpoints of several partitions atomically.
    func save(_ checkpoints: [PartitionCheckpoint]) throws
    /// The latest checkpoint of a partition, if any.
    func load(topic: String, partition: Int32) throws -> PartitionCheckpoint?
}

extension CheckpointStore: CheckpointStorage {}
