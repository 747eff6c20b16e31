import VigilKafka
import VigilState

/// Consumer thread, inside poll or close: rebalances, applied with the ``RebalanceCoordinator``'s decisions.
extension StreamEngine {
    /// Restores checkpointed state before fetching starts; returns the start offsets.
    func partitionsAssigned(_ partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        metrics.recordRebalance("assigned")
        let coordinator = checkpoints
        let assignment = rebalances.assign(partitions) { shard in
            statusBox.withLock { $0.restoringShards += 1 }
            metrics.restoringShards.record(statusBox.withLock { $0.restoringShards })
            defer {
                statusBox.withLock { $0.restoringShards -= 1 }
                metrics.restoringShards.record(statusBox.withLock { $0.restoringShards })
                recordLoad(shard: shard)
            }
            guard let state = try coordinator.load(shard: shard) else { return nil }
            if case .discarded(let reason) = validate(state) {
                logger.warning("checkpoint of shard \(shard) discarded: \(reason). Its state is rebuilt from the input instead (from the group's committed offsets, else from the beginning): nothing is skipped.")
                statusBox.withLock { $0.discardedCheckpoints += 1 }
                return nil
            }
            return state
        }
        for (shard, state) in assignment.restored.sorted(by: { $0.key < $1.key }) { restore(state, shard: shard) }
        for partition in partitions {
            maxEventTime[partition] = assignment.maxEventTimes[partition]
            progress[partition] = PartitionProgress(start: assignment.starts[partition])
        }
        statusBox.withLock { $0.assigned.formUnion(partitions) }
        return assignment.starts
    }

    /// Counts where a shard's state came from (changelog restores in status and metrics).
    private func recordLoad(shard: Int32) {
        guard let load = changelog?.takeLoad(shard: shard) else { return }
        if load.source == .discarded { statusBox.withLock { $0.discardedCheckpoints += 1 } }
        if case .changelog(let records, _, let warm) = load.source {
            statusBox.withLock {
                $0.changelogRestores += 1
                if warm { $0.warmRestores += 1 }
            }
            metrics.changelogRestoredRecords.increment(by: records)
            metrics.changelogRestoreDuration.recordNanoseconds(load.duration.wholeNanoseconds)
        }
    }

    /// Checks a shard's checkpoint against the cluster, the partitions' logs and the group's
    /// committed offsets (``CheckpointValidator``). Facts the brokers do not answer with are not
    /// held against it.
    private func validate(_ state: PartitionState) -> CheckpointValidator.Decision {
        guard let consumer else { return .trusted }
        let partitions = Array(state.positions.keys)
        let committed = (try? consumer.committed(partitions, timeout: .seconds(10))) ?? [:]
        var facts: [KafkaTopicPartition: CheckpointValidator.PartitionFacts] = [:]
        for partition in partitions {
            guard let marks = try? consumer.watermarks(partition, timeout: .seconds(10)) else { continue }
            let position = committed[partition].flatMap { $0 >= 0 ? $0 : nil }
            facts[partition] = .init(low: marks.low, high: marks.high, committed: position)
        }
        // State that agrees with this cluster's changelog (restored from it, or a local copy whose
        // changelog ends match) belongs to this cluster whatever the file recorded.
        let recordedClusterID = state.changelog == nil ? checkpointClusterID : nil
        return CheckpointValidator(clusterID: clusterID).validate(positions: state.positions, checkpointClusterID: recordedClusterID, facts: facts)
    }

    /// Finishes in-flight work, checkpoints and commits, drops state.
    ///
    /// Only `partitions` are settled: under the cooperative-sticky assignor they are the ones
    /// moving to another instance, and the partitions kept go on being processed after this
    /// returns (their state stays on the lanes, their positions are committed at the next
    /// checkpoint). The lanes drain completely first (a barrier: the revoked shards' records may
    /// be queued behind the others').
    func partitionsRevoked(_ partitions: [KafkaTopicPartition]) {
        metrics.recordRebalance("revoked")
        statusBox.withLock { $0.revokedPartitions += partitions.count }
        // Buffered records were never handed out: the partitions' next owner reads them again.
        aligner.drop(partitions)
        rebalances.updateInputs(adding: [], removing: partitions)
        for lane in lanes { lane.queue.sync {} }
        let revoked = partitions.filter { progress[$0] != nil }
        let settled = Set(revoked)
        // Under exactly-once the transaction holds the outputs of every owned partition, so all of
        // them are committed with it (an incremental revocation keeps the others).
        checkpoint(exactlyOnce ? Array(progress.keys) : revoked)
        if checkpoints.store == nil, !exactlyOnce { commits.commitDone(progress.filter { settled.contains($0.key) }, to: consumer) }
        for partition in partitions {
            progress[partition] = nil
            maxEventTime[partition] = nil
        }
        commits.forget(partitions)
        let released = rebalances.revoke(partitions, stillOwned: progress.keys)
        for lane in lanes { lane.queue.sync { released.forEach(lane.drop) } }
        // Shards that leave are followed by the standby again (another instance writes them now).
        changelog?.standby?.follow(Set(released))
        statusBox.withLock { $0.assigned.subtract(partitions) }
    }

    /// Puts a shard's checkpointed key states back on the lanes their keys route to.
    private func restore(_ state: PartitionState, shard: Int32) {
        var perLane = [[(op: Topology.Operator, key: String, state: [UInt8])]](repeating: [], count: lanes.count)
        for (name, keys) in state.operators {
            guard let op = operatorsByName[name] else {
                logger.warning("checkpoint of shard \(shard) holds state of operator '\(name)', which the topology no longer has; ignored")
                continue
            }
            for (key, bytes) in keys { perLane[router.lane(for: key)].append((op, key, bytes)) }
        }
        for (index, entries) in perLane.enumerated() where !entries.isEmpty {
            let lane = lanes[index]
            lane.queue.sync {
                for entry in entries {
                    do { try lane.processor(entry.op, shard: shard).restore(key: entry.key, state: entry.state) } catch {
                        logger.error("state of key '\(entry.key)' in shard \(shard) unreadable, starting it empty: \(error)")
                    }
                }
            }
        }
    }
}

/// Forwards the consumer's rebalance notifications to the engine (on the consumer thread).
struct EngineRebalanceListener: KafkaRebalanceListener {
    unowned let engine: StreamEngine

    func consumer(_ consumer: KafkaConsumer, willAssign partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        engine.partitionsAssigned(partitions)
    }

    func consumer(_ consumer: KafkaConsumer, willRevoke partitions: [KafkaTopicPartition]) {
        engine.partitionsRevoked(partitions)
    }
}
