import Logging
import Metrics
import VigilKafka

/// Where committed positions go: the Kafka consumer in production, a recording fake in tests.
protocol OffsetCommitting: AnyObject {
    /// Commits the next offset to read of each partition.
    func commit(_ positions: [KafkaTopicPartition: Int64]) throws
}

extension KafkaConsumer: OffsetCommitting {}

/// Decides which input positions are committed, and when.
///
/// A position is committed only once ``PartitionProgress`` says that its offset and every earlier
/// one are done (processed, every output acknowledged), and only when it moved since the last
/// commit. Without checkpoints the run loop commits every ``interval``
/// (``EngineConfiguration/commitInterval``); with checkpoints the checkpoint coordinator commits
/// the positions it saved, through ``commit(_:to:context:)``.
///
/// Time is injected: every decision takes `now`, so the cadence is tested with a fake clock.
/// Used on the consumer thread only.
struct CommitCoordinator {
    /// How often committable positions are committed when there are no checkpoints.
    let interval: Duration
    private let commits: Counter
    private let logger: Logger
    /// When the next periodic commit is due.
    private(set) var nextCommit: ContinuousClock.Instant
    /// The last position committed per partition.
    private(set) var lastCommitted: [KafkaTopicPartition: Int64] = [:]

    /// Creates a coordinator whose first periodic commit is due at `now`.
    init(interval: Duration, now: ContinuousClock.Instant, commits: Counter, logger: Logger) {
        self.interval = interval
        self.nextCommit = now
        self.commits = commits
        self.logger = logger
    }

    /// Commits what is committable if the interval has passed, then schedules the next commit.
    /// - Returns: whether a periodic commit was due.
    @discardableResult
    mutating func commitIfDue(_ progress: [KafkaTopicPartition: PartitionProgress], to committer: (any OffsetCommitting)?, now: ContinuousClock.Instant) -> Bool {
        guard now >= nextCommit else { return false }
        commitDone(progress, to: committer)
        nextCommit = now.advanced(by: interval)
        return true
    }

    /// The positions that are committable and not yet committed.
    func committable(_ progress: [KafkaTopicPartition: PartitionProgress]) -> [KafkaTopicPartition: Int64] {
        var positions: [KafkaTopicPartition: Int64] = [:]
        for (partition, tracker) in progress {
            if let position = tracker.committablePosition, position != lastCommitted[partition] {
                positions[partition] = position
            }
        }
        return positions
    }

    /// Commits every position that is committable and moved since the last commit.
    mutating func commitDone(_ progress: [KafkaTopicPartition: PartitionProgress], to committer: (any OffsetCommitting)?) {
        guard committer != nil else { return }
        let positions = committable(progress)
        guard !positions.isEmpty else { return }
        commit(positions, to: committer, context: "commit")
    }

    /// Commits `positions` as they are (the checkpoint path: the positions saved with the state).
    /// A failed commit is only logged: the positions stay committable and go with the next one.
    /// - Returns: whether the commit succeeded.
    @discardableResult
    mutating func commit(_ positions: [KafkaTopicPartition: Int64], to committer: (any OffsetCommitting)?, context: String) -> Bool {
        guard let committer, !positions.isEmpty else { return false }
        do {
            try committer.commit(positions)
            lastCommitted.merge(positions) { $1 }
            commits.increment()
            return true
        } catch {
            logger.debug("\(context) deferred: \(error)")
            return false
        }
    }

    /// Forgets revoked partitions (their next owner commits them).
    mutating func forget(_ partitions: [KafkaTopicPartition]) {
        for partition in partitions { lastCommitted[partition] = nil }
    }
}
