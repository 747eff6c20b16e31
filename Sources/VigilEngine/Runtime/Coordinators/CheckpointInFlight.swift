import Synchronization
import VigilKafka

/// A checkpoint the consumer thread started and no longer waits for: the lanes snapshot their
/// state in their turn, Kafka acknowledges the outputs in its own time, a background job
/// assembles and saves, and the consumer thread only looks in between polls
/// (``CheckpointCoordinator/advance(now:progress:commits:committer:)``).
struct CheckpointInFlight {
    /// Where the checkpoint is.
    enum Phase {
        /// Waiting for the lanes' snapshots and the acknowledgements of every output before the plan's positions.
        case collecting
        /// The save runs in the background; `positions` are committed once it succeeded.
        case writing(positions: [KafkaTopicPartition: Int64], skipped: [Int32])
    }

    /// What the lanes and the writer hand back, from their own threads.
    final class Results: Sendable {
        private struct Values {
            var snapshots: [[LaneShardSnapshot]]?
            var written: Result<Int, any Error>?
        }
        private let values = Mutex(Values())

        /// The lanes' snapshots, once every lane took its own.
        var snapshots: [[LaneShardSnapshot]]? { values.withLock { $0.snapshots } }
        /// How the save ended: the number of checkpoints saved, or the store's error.
        var written: Result<Int, any Error>? { values.withLock { $0.written } }

        func snapshotsTaken(_ snapshots: [[LaneShardSnapshot]]) { values.withLock { $0.snapshots = snapshots } }
        func saved(_ result: Result<Int, any Error>) { values.withLock { $0.written = result } }
    }

    /// The shards and positions it covers.
    let plan: CheckpointCoordinator.Plan
    /// Each input partition's newest event time when it started.
    let maxEventTimes: [KafkaTopicPartition: Int64]
    /// When it started.
    let started: ContinuousClock.Instant
    /// After this, shards whose outputs are still unacknowledged are left out (as a flush timeout would).
    let deadline: ContinuousClock.Instant
    /// What the other threads handed back.
    let results = Results()
    /// Where it is.
    var phase: Phase = .collecting
}
