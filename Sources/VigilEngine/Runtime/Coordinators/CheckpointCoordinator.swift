import Logging
import VigilKafka
import VigilState

/// Each lane's state of some shards: operator name → every key's encoded state.
typealias LaneShardSnapshot = [String: [(key: String, state: [UInt8])]]

/// What a checkpoint needs from the rest of the engine: a barrier on the lanes, idle-key eviction
/// and flushing the producer. The engine's lanes and producer in production, fakes in tests.
protocol CheckpointParticipants {
    /// Waits until every lane has processed the records queued to it so far, then returns, per
    /// lane, the state of each of `shards` (in order); empty state when `includeState` is false
    /// (the barrier is still needed: the commit must follow those records).
    func snapshotLanes(shards: [Int32], includeState: Bool) -> [[LaneShardSnapshot]]
    /// Like ``snapshotLanes(shards:includeState:)`` without waiting: each lane takes its snapshot
    /// after the records already queued to it, and `completion` gets them all (from a lane's
    /// thread) once the last lane took its own.
    func snapshotLanes(shards: [Int32], includeState: Bool, completion: @escaping @Sendable ([[LaneShardSnapshot]]) -> Void)
    /// Evicts, on every lane, the keys of `shard` last seen before `eventTime`.
    func evictIdleKeys(shard: Int32, olderThan eventTime: Int64)
    /// Waits until every output produced so far is acknowledged by Kafka.
    func flushOutputs() throws
}

/// Saves the state of shards together with the input positions it reflects, on a cadence, and
/// commits exactly those positions afterwards.
///
/// A shard's checkpoint covers the records dispatched so far: the lanes are snapped after every
/// record already queued to them, the producer is flushed, and a shard is saved only if every
/// output before its positions is acknowledged (otherwise it is skipped until the next time).
///
/// Two ways to run one:
/// - In the background (``begin(_:progress:maxEventTimes:participants:now:)``, then
///   ``advance(now:progress:commits:committer:)`` between polls): the run loop's periodic
///   checkpoints. The consumer thread never waits: the lanes snapshot in their turn, outputs are
///   acknowledged in Kafka's time, and assembly, encoding and the SQLite write run on the
///   ``CheckpointWriting`` queue. The positions are committed once all of that is done.
/// - Blocking (``checkpoint(_:progress:maxEventTimes:participants:commits:committer:)``): on
///   revocation and shutdown, where the partitions must be settled before they are let go. It
///   first settles a background checkpoint still in flight, so commits only move forward.
///
/// Time is injected (``isDue(at:)``, ``scheduleNext(after:)``, `now` everywhere). Used on the
/// consumer thread only.
struct CheckpointCoordinator {
    /// Which shards a checkpoint covers and the position of each of their input partitions.
    struct Plan: Equatable {
        /// Shards with at least one dispatched position, ascending.
        var shards: [Int32]
        /// Shard → (input partition, position after its last dispatched record).
        var targets: [Int32: [KafkaTopicPartition: Int64]]

        /// The positions of every shard but `leftOut`: what a checkpoint of them commits.
        func positions(leavingOut leftOut: Set<Int32>) -> [KafkaTopicPartition: Int64] {
            var positions: [KafkaTopicPartition: Int64] = [:]
            for shard in shards where !leftOut.contains(shard) { positions.merge(targets[shard] ?? [:]) { $1 } }
            return positions
        }
    }

    /// What a checkpoint assembled: the checkpoints to save and the positions to commit after.
    struct Assembly {
        /// One checkpoint per shard whose outputs are all acknowledged.
        var checkpoints: [PartitionCheckpoint]
        /// The positions the checkpoints reflect.
        var positions: [KafkaTopicPartition: Int64]
        /// Shards left out because an output before their position is unacknowledged.
        var skipped: [(shard: Int32, partition: KafkaTopicPartition, position: Int64)]
    }

    /// How a checkpoint ended.
    enum Outcome: Equatable {
        /// No shard of the partitions had dispatched anything.
        case nothingToDo
        /// The producer could not be flushed; nothing was saved or committed.
        case postponed
        /// The store failed; nothing was committed.
        case storeFailed
        /// Saved (`stored` checkpoints, 0 without a store) and committed what was saved.
        case completed(stored: Int, skipped: [Int32])
    }

    /// Time between checkpoints.
    let interval: Duration
    /// The store; `nil` runs without state (checkpoints are then only barriers before commits).
    let store: (any CheckpointStorage)?
    /// The store's namespace for the topology's shards.
    let namespace: String
    /// Idle keys are evicted once they are older than this in event time.
    let idleTTLMs: Int64
    /// How long a background checkpoint waits for the acknowledgements of its shards' outputs
    /// before it leaves those shards out.
    let acknowledgementTimeout: Duration
    /// Where background checkpoints are assembled and saved.
    let writer: any CheckpointWriting
    let logger: Logger
    /// When the next checkpoint is due.
    private(set) var nextCheckpoint: ContinuousClock.Instant
    /// The background checkpoint under way, if any.
    var inFlight: CheckpointInFlight?

    /// Creates a coordinator whose first checkpoint is due one interval after `now`.
    init(
        interval: Duration, store: (any CheckpointStorage)?, namespace: String, idleTTLMs: Int64, now: ContinuousClock.Instant, logger: Logger,
        acknowledgementTimeout: Duration = EngineConfiguration.Defaults.shutdownTimeout, writer: any CheckpointWriting = DispatchCheckpointWriter()
    ) {
        self.interval = interval
        self.store = store
        self.namespace = namespace
        self.idleTTLMs = idleTTLMs
        self.acknowledgementTimeout = acknowledgementTimeout
        self.writer = writer
        self.logger = logger
        self.nextCheckpoint = now.advanced(by: interval)
    }

    /// Whether a checkpoint is due.
    func isDue(at now: ContinuousClock.Instant) -> Bool { now >= nextCheckpoint }

    /// Schedules the next checkpoint one interval after `now` (call when one has run).
    mutating func scheduleNext(after now: ContinuousClock.Instant) {
        nextCheckpoint = now.advanced(by: interval)
    }

    /// The shards of `partitions` and the positions a checkpoint of them covers; `nil` when no
    /// shard has dispatched anything.
    static func plan(for partitions: [KafkaTopicPartition], progress: [KafkaTopicPartition: PartitionProgress]) -> Plan? {
        let shards = Set(partitions.map(\.partition))
        guard !shards.isEmpty else { return nil }
        var targets: [Int32: [KafkaTopicPartition: Int64]] = [:]
        for (partition, tracker) in progress where shards.contains(partition.partition) {
            if let target = tracker.dispatchedPosition { targets[partition.partition, default: [:]][partition] = target }
        }
        let active = shards.filter { targets[$0] != nil }.sorted()
        return active.isEmpty ? nil : Plan(shards: active, targets: targets)
    }

    /// The newest event time of each shard of `partitions` minus the idle TTL: keys last seen
    /// before it are evicted.
    func evictionCutoffs(_ partitions: [KafkaTopicPartition], maxEventTimes: [KafkaTopicPartition: Int64]) -> [Int32: Int64] {
        var newest: [Int32: Int64] = [:]
        for partition in partitions {
            guard let time = maxEventTimes[partition] else { continue }
            newest[partition.partition] = max(newest[partition.partition] ?? .min, time)
        }
        return newest.mapValues { $0 &- idleTTLMs }
    }

    /// The shards of a plan with an output before their position still unacknowledged, each with
    /// the first partition that lags.
    static func unacknowledged(_ plan: Plan, progress: [KafkaTopicPartition: PartitionProgress]) -> [(shard: Int32, partition: KafkaTopicPartition, position: Int64)] {
        plan.shards.compactMap { shard in
            let targets = (plan.targets[shard] ?? [:]).sorted(by: { $0.key < $1.key })
            guard let lagging = targets.first(where: { target in (progress[target.key]?.committablePosition).map { $0 < target.value } ?? true }) else { return nil }
            return (shard, lagging.key, lagging.value)
        }
    }

    /// Builds the checkpoints of a plan from the lanes' snapshots (`snapshots[lane][shardIndex]`),
    /// leaving out shards with an output before their position still unacknowledged.
    func assemble(_ plan: Plan, snapshots: [[LaneShardSnapshot]], progress: [KafkaTopicPartition: PartitionProgress], maxEventTimes: [KafkaTopicPartition: Int64]) -> Assembly {
        let skipped = Self.unacknowledged(plan, progress: progress)
        let leftOut = Set(skipped.map(\.shard))
        let checkpoints = Self.build(plan, leavingOut: leftOut, snapshots: snapshots, maxEventTimes: maxEventTimes, namespace: namespace)
        return Assembly(checkpoints: checkpoints, positions: plan.positions(leavingOut: leftOut), skipped: skipped)
    }

    /// Merges the lanes' snapshots of each shard of `plan` but `leftOut` into one encoded
    /// checkpoint. Pure: runs on any thread.
    static func build(
        _ plan: Plan, leavingOut leftOut: Set<Int32>, snapshots: [[LaneShardSnapshot]], maxEventTimes: [KafkaTopicPartition: Int64], namespace: String
    ) -> [PartitionCheckpoint] {
        var checkpoints: [PartitionCheckpoint] = []
        for (index, shard) in plan.shards.enumerated() where !leftOut.contains(shard) {
            let targets = plan.targets[shard] ?? [:]
            var operators: [String: [String: [UInt8]]] = [:]
            for laneSnapshots in snapshots {
                for (name, keys) in laneSnapshots[index] {
                    for (key, state) in keys { operators[name, default: [:]][key] = state }
                }
            }
            var shardMax: [KafkaTopicPartition: Int64] = [:]
            for partition in targets.keys { shardMax[partition] = maxEventTimes[partition] }
            let state = PartitionState(positions: targets, maxEventTimes: shardMax, operators: operators)
            checkpoints.append(PartitionCheckpoint(topic: namespace, partition: shard, nextOffset: 0, state: PartitionStateCodec.encode(state)))
        }
        return checkpoints
    }

    /// Checkpoints the shards of `partitions` as of exactly the records dispatched so far, after
    /// every output of those records is acknowledged; then commits the same positions.
    mutating func checkpoint(
        _ partitions: [KafkaTopicPartition],
        progress: [KafkaTopicPartition: PartitionProgress],
        maxEventTimes: [KafkaTopicPartition: Int64],
        participants: some CheckpointParticipants,
        commits: inout CommitCoordinator,
        committer: (any OffsetCommitting)?
    ) -> Outcome {
        settleInFlight(commits: &commits, committer: committer)
        guard let plan = Self.plan(for: partitions, progress: progress) else { return .nothingToDo }
        let snapshots = participants.snapshotLanes(shards: plan.shards, includeState: store != nil)
        evictIdleKeys(partitions, maxEventTimes: maxEventTimes, participants: participants)
        do {
            try participants.flushOutputs()
        } catch {
            logger.warning("checkpoint postponed: \(error)")
            return .postponed
        }
        let assembly = assemble(plan, snapshots: snapshots, progress: progress, maxEventTimes: maxEventTimes)
        for skipped in assembly.skipped {
            logger.warning("checkpoint of shard \(skipped.shard) skipped: outputs before \(skipped.partition)@\(skipped.position) are not all acknowledged")
        }
        var stored = 0
        if let store, !assembly.checkpoints.isEmpty {
            do {
                try store.save(assembly.checkpoints)
                stored = assembly.checkpoints.count
            } catch {
                logger.error("checkpoint failed: \(error)")
                return .storeFailed
            }
        }
        commits.commit(assembly.positions, to: committer, context: "commit after checkpoint")
        return .completed(stored: stored, skipped: assembly.skipped.map(\.shard))
    }

    /// Evicts the idle keys of the shards of `partitions` (see ``evictionCutoffs(_:maxEventTimes:)``).
    func evictIdleKeys(_ partitions: [KafkaTopicPartition], maxEventTimes: [KafkaTopicPartition: Int64], participants: some CheckpointParticipants) {
        for (shard, cutoff) in evictionCutoffs(partitions, maxEventTimes: maxEventTimes) {
            participants.evictIdleKeys(shard: shard, olderThan: cutoff)
        }
    }

    /// Loads and decodes the checkpoint of a shard; `nil` when there is none (or no store).
    func load(shard: Int32) throws -> PartitionState? {
        guard let store, let checkpoint = try store.load(topic: namespace, partition: shard) else { return nil }
        return try PartitionStateCodec.decode(checkpoint.state)
    }
}
