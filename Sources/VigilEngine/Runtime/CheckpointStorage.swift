import VigilKafka

/// The saved state of one input partition: the position to resume from and the operators'
/// state as of exactly the records before it.
public struct EngineCheckpoint: Sendable, Equatable {
    /// The input partition.
    public var partition: KafkaTopicPartition
    /// The next offset to read: state reflects every record before it and none after.
    public var nextOffset: Int64
    /// Encoded state (see ``PartitionStateCodec``).
    public var state: [UInt8]

    /// Creates a checkpoint.
    public init(partition: KafkaTopicPartition, nextOffset: Int64, state: [UInt8]) {
        self.partition = partition
        self.nextOffset = nextOffset
        self.state = state
    }
}

/// Where checkpoints are kept. Saving several partitions is one atomic write.
public protocol CheckpointStorage: Sendable {
    /// Saves checkpoints of several partitions atomically.
    func save(_ checkpoints: [EngineCheckpoint]) throws
    /// The latest checkpoint of a partition, if any.
    func load(_ partition: KafkaTopicPartition) throws -> EngineCheckpoint?
}
