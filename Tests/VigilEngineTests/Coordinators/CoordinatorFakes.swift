import Logging
import Metrics
import Synchronization
import VigilKafka
import VigilState
@testable import VigilEngine

/// Kafka-free stand-ins for the engine's seams, recording what the coordinators do.

/// A time that tests move by hand.
struct FakeClock {
    private(set) var now = ContinuousClock.now
    mutating func advance(by duration: Duration) { now = now.advanced(by: duration) }
}

struct FakeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Records commits; fails while `failing` is set.
final class FakeCommitter: OffsetCommitting {
    var commits: [[KafkaTopicPartition: Int64]] = []
    var failing = false

    func commit(_ positions: [KafkaTopicPartition: Int64]) throws {
        if failing { throw FakeError("broker unavailable") }
        commits.append(positions)
    }
}

/// Records pauses and resumes of its assigned partitions.
final class FakeConsumer: PartitionPausing {
    var assignedPartitions: Set<KafkaTopicPartition>
    var pauses = 0
    var resumes = 0
    var failing = false

    init(assigned: Set<KafkaTopicPartition>) { assignedPartitions = assigned }

    func pause(_ partitions: [KafkaTopicPartition]) throws {
        if failing { throw FakeError("pause failed") }
        pauses += 1
    }

    func resume(_ partitions: [KafkaTopicPartition]) throws {
        if failing { throw FakeError("resume failed") }
        resumes += 1
    }
}

/// Lanes holding fixed snapshots; records barriers, evictions and flushes.
final class FakeParticipants: CheckpointParticipants {
    /// Lane → shard → snapshot.
    var lanes: [[Int32: LaneShardSnapshot]]
    var snapshotRequests: [(shards: [Int32], includeState: Bool)] = []
    var evictions: [Int32: Int64] = [:]
    var flushes = 0
    var flushFails = false

    init(lanes: [[Int32: LaneShardSnapshot]]) { self.lanes = lanes }

    func snapshotLanes(shards: [Int32], includeState: Bool) -> [[LaneShardSnapshot]] {
        snapshotRequests.append((shards, includeState))
        return lanes.map { lane in shards.map { includeState ? lane[$0] ?? [:] : [:] } }
    }

    /// Background snapshots waiting for ``takeDeferredSnapshots()``; while `nil`, they are taken at once.
    var deferredSnapshots: [() -> Void]?

    func snapshotLanes(shards: [Int32], includeState: Bool, completion: @escaping @Sendable ([[LaneShardSnapshot]]) -> Void) {
        let snapshots = snapshotLanes(shards: shards, includeState: includeState)
        if deferredSnapshots != nil { deferredSnapshots?.append { completion(snapshots) } } else { completion(snapshots) }
    }

    /// The lanes reach the background snapshots queued to them.
    func takeDeferredSnapshots() {
        deferredSnapshots?.forEach { $0() }
        deferredSnapshots = []
    }

    func evictIdleKeys(shard: Int32, olderThan eventTime: Int64) { evictions[shard] = eventTime }

    func flushOutputs() throws {
        flushes += 1
        if flushFails { throw FakeError("flush timed out") }
    }
}

/// A checkpoint writer whose jobs run only when the test says so.
final class ManualCheckpointWriter: CheckpointWriting, @unchecked Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])

    func submit(_ job: @escaping @Sendable () -> Void) { jobs.withLock { $0.append(job) } }

    func drain() { runAll() }

    /// Jobs submitted and not yet run.
    var waiting: Int { jobs.withLock { $0.count } }

    /// Runs every job submitted so far, in order.
    func runAll() {
        let pending = jobs.withLock { jobs in defer { jobs = [] }; return jobs }
        pending.forEach { $0() }
    }
}

/// An in-memory checkpoint store.
final class MemoryCheckpointStore: CheckpointStorage, @unchecked Sendable {
    private let saved = Mutex<[String: PartitionCheckpoint]>([:])
    let failing = Atomic<Bool>(false)
    let loads = Atomic<Int>(0)

    func save(_ checkpoints: [PartitionCheckpoint]) throws {
        if failing.load(ordering: .relaxed) { throw FakeError("disk full") }
        saved.withLock { saved in
            for checkpoint in checkpoints { saved["\(checkpoint.topic)/\(checkpoint.partition)"] = checkpoint }
        }
    }

    func load(topic: String, partition: Int32) throws -> PartitionCheckpoint? {
        loads.add(1, ordering: .relaxed)
        return saved.withLock { $0["\(topic)/\(partition)"] }
    }

    var count: Int { saved.withLock { $0.count } }
}

/// A logger that drops everything.
let quietLogger = Logger(label: "test.quiet", factory: { _ in SwiftLogNoOpLogHandler() })

/// A partition's progress with offsets `range` registered, processed with no outputs (done).
func doneProgress(_ range: Range<Int64>, start: Int64? = nil) -> PartitionProgress {
    let progress = PartitionProgress(start: start)
    for offset in range { progress.register(offset) }
    for offset in range { progress.processed(offset, outputs: 0) }
    return progress
}

/// A commit coordinator whose counter goes nowhere.
func makeCommits(interval: Duration = .milliseconds(200), now: ContinuousClock.Instant) -> CommitCoordinator {
    CommitCoordinator(interval: interval, now: now, commits: Counter(label: "test_commits"), logger: quietLogger)
}
