import VigilKafka

/// What the engine is doing, for health and readiness checks.
public struct EngineStatus: Sendable, Equatable {
    /// Whether the run loop is running.
    public var running: Bool = false
    /// Partitions owned and restored.
    public var assigned: Set<KafkaTopicPartition> = []
    /// True once partitions are assigned and their state restored (and the loop is running).
    public var ready: Bool { running && !assigned.isEmpty && restoringShards == 0 }
    /// Shards whose state is being restored right now (from the changelog or the local checkpoint).
    public var restoringShards: Int = 0
    /// Shards restored from their changelog (rather than the local checkpoint) since start.
    public var changelogRestores: Int = 0
    /// Partitions revoked from this instance since start: by rebalances, and all that are left
    /// when it leaves the group at stop. With the cooperative-sticky assignor a member joining
    /// revokes only the partitions that move to it; with range every rebalance revokes all.
    public var revokedPartitions: Int = 0
    /// Of those, restores that read on from a standby's warm copy (`engine.standby_replicas`).
    public var warmRestores: Int = 0
    /// Partitions paused by backpressure right now.
    public var paused: Int = 0
    /// Times the consumer stopped taking records because a lane was over capacity.
    public var backpressureHolds: Int = 0
    /// Times the lanes stayed over capacity for ``EngineConfiguration/pauseAfter`` and the
    /// consumer paused its partitions.
    public var backpressurePauses: Int = 0
    /// Records consumed since start.
    public var recordsIn: Int = 0
    /// Records sent to the dead-letter topic since start.
    public var deadLetters: Int = 0
    /// Late records since start.
    public var lateRecords: Int = 0
    /// Times a partition's position was deleted by retention before it was read and the consumer
    /// skipped ahead (records lost; see ``VigilKafka/KafkaConsumer/outOfRangeResets``).
    public var outOfRangeResets: Int = 0
    /// Checkpoints written since start.
    public var checkpoints: Int = 0
    /// Shard checkpoints found untrustworthy (another cluster, positions beyond the log, progress
    /// the group never committed) and not restored, since start.
    public var discardedCheckpoints: Int = 0
    /// The most records any lane has had queued since start (bounded by backpressure to about
    /// the lane capacity plus one poll batch).
    public var deepestLaneQueue: Int = 0
}
