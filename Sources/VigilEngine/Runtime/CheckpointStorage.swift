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
    /// The Kafka cluster id the checkpoints were taken against, `nil` when not recorded.
    func checkpointClusterID() throws -> String?
    /// Records the Kafka cluster id the checkpoints are taken against.
    func recordCheckpointClusterID(_ id: String) throws
}

extension CheckpointStorage {
    /// Storage that records no cluster id: checkpoints are checked against the logs and the
    /// group's committed offsets only.
    public func checkpointClusterID() throws -> String? { nil }
    /// Storage that records no cluster id ignores it.
    public func recordCheckpointClusterID(_ id: String) throws {}
}

extension CheckpointStore: CheckpointStorage {
    /// The cluster id in the store's metadata (``CheckpointStore/clusterIDKey``).
    public func checkpointClusterID() throws -> String? { try metadata(Self.clusterIDKey) }
    /// Writes the cluster id to the store's metadata (``CheckpointStore/clusterIDKey``).
    public func recordCheckpointClusterID(_ id: String) throws { try setMetadata(Self.clusterIDKey, id) }
}
