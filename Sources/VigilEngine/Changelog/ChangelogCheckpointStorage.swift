import Logging
import Synchronization
import VigilKafka
import VigilState

/// Checkpoint storage whose truth is the changelog topics, with the local store as a cache.
///
/// Saving a shard writes its changed keys and a marker to the changelog (``ChangelogWriter``),
/// then the checkpoint, with the changelog's position, to the local store. Loading a shard:
/// - the local checkpoint is used when every changelog partition of the shard ends exactly where
///   it says (nobody wrote newer state since): the restore is saved;
/// - otherwise the state is rebuilt from the changelog (``ChangelogRestorer``): the partition
///   moved here from another instance, or the local file is older than the log;
/// - a local checkpoint that claims changelog records the brokers do not have (a re-created
///   topic, another cluster) is discarded, with one log line saying why;
/// - a restore that finds keys of an unfinished write (a writer killed half-way) writes their
///   restored state again at once, so compaction cannot keep only the unfinished records;
/// - with empty changelogs, a local checkpoint written without changelogs is still offered (and
///   validated by the engine like any other).
final class ChangelogCheckpointStorage: CheckpointStorage {
    /// How a load was answered, for status and metrics.
    enum Source: Sendable, Equatable {
        /// No state anywhere.
        case none
        /// The local checkpoint, which agrees with the changelog.
        case localCache
        /// The local checkpoint was discarded: it claims changelog records the brokers lack.
        case discarded
        /// Rebuilt from the changelog (records and bytes read; `warm` when a standby copy was
        /// read on from rather than the whole changelog).
        case changelog(records: Int, bytes: Int, warm: Bool)
    }

    let cache: (any CheckpointStorage)?
    let writer: ChangelogWriter
    let restorer: ChangelogRestorer
    let logger: Logger
    /// Warm copies of the shards this instance does not own (`engine.standby_replicas: 1`).
    private let standbyBox = Mutex<ChangelogStandby?>(nil)
    /// Shard → where its last load came from and how long it took (taken by the engine).
    private let loads = Mutex<[Int32: (source: Source, duration: Duration)]>([:])

    init(cache: (any CheckpointStorage)?, writer: ChangelogWriter, restorer: ChangelogRestorer, logger: Logger) {
        self.cache = cache
        self.writer = writer
        self.restorer = restorer
        self.logger = logger
    }

    /// The standby whose copies restores read on from (set once the changelog topics are known).
    var standby: ChangelogStandby? {
        get { standbyBox.withLock { $0 } }
        set { standbyBox.withLock { $0 = newValue } }
    }

    /// Where the last load of `shard` came from and how long it took; forgets it.
    func takeLoad(shard: Int32) -> (source: Source, duration: Duration)? {
        loads.withLock { $0.removeValue(forKey: shard) }
    }

    func save(_ checkpoints: [PartitionCheckpoint]) throws {
        var local: [PartitionCheckpoint] = []
        local.reserveCapacity(checkpoints.count)
        for checkpoint in checkpoints {
            var state = try PartitionStateCodec.decode(checkpoint.state)
            state.changelog = try writer.write(shard: checkpoint.partition, state: state)
            local.append(PartitionCheckpoint(topic: checkpoint.topic, partition: checkpoint.partition, nextOffset: checkpoint.nextOffset, state: PartitionStateCodec.encode(state)))
        }
        try cache?.save(local)
    }

    func load(topic: String, partition shard: Int32) throws -> PartitionCheckpoint? {
        let started = ContinuousClock.now
        let operators = writer.operators(for: shard)
        let marks = try restorer.watermarks(operators.map { KafkaTopicPartition(topic: $0.topic, partition: shard) })
        let local = try cache?.load(topic: topic, partition: shard).map { try PartitionStateCodec.decode($0.state) }
        // The shard is owned from now on: the standby hands over its copy and stops following it.
        let warm = standby?.take(shard: shard) ?? [:]
        func answer(_ state: PartitionState?, _ source: Source) -> PartitionCheckpoint? {
            let duration = ContinuousClock.now - started
            loads.withLock { $0[shard] = (source, duration) }
            return state.map { PartitionCheckpoint(topic: topic, partition: shard, nextOffset: 0, state: PartitionStateCodec.encode($0)) }
        }
        let changelogEmpty = marks.values.allSatisfy { $0.high <= $0.low }

        if let local, let position = local.changelog {
            let disagreement = operators.lazy.compactMap { op -> String? in
                let partition = KafkaTopicPartition(topic: op.topic, partition: shard)
                let end = position.logs[op.name]?.end ?? 0
                let high = marks[partition]?.high ?? 0
                return end == high ? nil : "\(partition) ends at \(high), the local checkpoint at \(end)"
            }.first
            if disagreement == nil {
                writer.adopt(shard: shard, operators: local.operators, position: position)
                logger.info("shard \(shard): local checkpoint agrees with its changelog; restored from the local copy")
                return answer(local, .localCache)
            }
            if changelogEmpty {
                writer.forget(shard: shard)
                logger.warning("checkpoint of shard \(shard) discarded: it was written with changelog records the brokers do not have (\(disagreement!); the changelog topic was re-created, or the file belongs to another cluster). Its state is rebuilt from the input: nothing is skipped.")
                return answer(nil, .discarded)
            }
            logger.info("shard \(shard): the local checkpoint is older than the changelog (\(disagreement!)); restoring from the changelog")
        }
        if changelogEmpty {
            writer.forget(shard: shard)
            return answer(local, local == nil ? .none : .localCache)
        }
        guard let restored = try restorer.restore(shard: shard, operators: operators, marks: marks, warm: warm) else {
            writer.forget(shard: shard)
            return answer(nil, .none)
        }
        writer.adopt(shard: shard, operators: restored.state.operators, position: restored.state.changelog ?? ChangelogPosition(generation: 0), unsure: restored.unsure)
        var state = restored.state
        if !restored.unsure.isEmpty, !state.positions.isEmpty {
            // A writer stopped half-way: write the restored state of those keys again at once, as
            // a complete generation, so compaction can never keep only the unfinished records.
            state.changelog = try writer.write(shard: shard, state: state)
            let count = restored.unsure.values.reduce(0) { $0 + $1.count }
            logger.info("shard \(shard): \(count) keys of an unfinished changelog write rewritten with their restored state")
        }
        let keys = restored.state.operators.values.reduce(0) { $0 + $1.count }
        let elapsed = ContinuousClock.now - started
        logger.info("shard \(shard) restored from its changelog: \(keys) keys from \(restored.records) records (\(restored.bytes) bytes\(warm.isEmpty ? "" : ", read on from the standby copy")) in \(elapsed)")
        guard !state.positions.isEmpty else { return answer(nil, .changelog(records: restored.records, bytes: restored.bytes, warm: !warm.isEmpty)) }
        return answer(state, .changelog(records: restored.records, bytes: restored.bytes, warm: !warm.isEmpty))
    }

    func checkpointClusterID() throws -> String? { try cache?.checkpointClusterID() }

    func recordCheckpointClusterID(_ id: String) throws { try cache?.recordCheckpointClusterID(id) }
}
