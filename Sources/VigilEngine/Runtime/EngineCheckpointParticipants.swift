import Synchronization
import VigilKafka

/// The engine's lanes and producer as a checkpoint sees them (see ``CheckpointParticipants``).
struct EngineCheckpointParticipants: CheckpointParticipants {
    let lanes: [Lane]
    let producer: KafkaProducer
    /// How long a flush may wait for acknowledgements.
    let flushTimeout: Duration

    func snapshotLanes(shards: [Int32], includeState: Bool) -> [[LaneShardSnapshot]] {
        // A barrier: each lane's snapshot runs after every record already queued to it.
        lanes.map { lane in
            lane.queue.sync { includeState ? shards.map { lane.snapshot($0) } : shards.map { _ in [:] } }
        }
    }

    func snapshotLanes(shards: [Int32], includeState: Bool, completion: @escaping @Sendable ([[LaneShardSnapshot]]) -> Void) {
        let collected = Mutex((remaining: lanes.count, snapshots: [[LaneShardSnapshot]](repeating: [], count: lanes.count)))
        for lane in lanes {
            lane.queue.async {
                let snapshot = includeState ? shards.map { lane.snapshot($0) } : shards.map { _ in [:] }
                let all = collected.withLock { collected -> [[LaneShardSnapshot]]? in
                    collected.snapshots[lane.index] = snapshot
                    collected.remaining -= 1
                    return collected.remaining == 0 ? collected.snapshots : nil
                }
                if let all { completion(all) }
            }
        }
    }

    func evictIdleKeys(shard: Int32, olderThan eventTime: Int64) {
        for lane in lanes { lane.queue.async { _ = lane.evictIdle(shard, olderThan: eventTime) } }
    }

    func flushOutputs() throws {
        try producer.flush(timeout: flushTimeout)
    }
}
