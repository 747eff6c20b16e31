import Testing
import VigilKafka
import VigilState
@testable import VigilEngine

/// Background checkpoints without Kafka: the consumer thread never waits, and positions are
/// committed only after the lanes' snapshots, every acknowledgement and the write.
@Suite struct BackgroundCheckpointTests {
    let a0 = KafkaTopicPartition(topic: "a", partition: 0)
    let a1 = KafkaTopicPartition(topic: "a", partition: 1)

    func coordinator(store: (any CheckpointStorage)?, writer: ManualCheckpointWriter, now: ContinuousClock.Instant) -> CheckpointCoordinator {
        CheckpointCoordinator(
            interval: .seconds(5), store: store, namespace: "topology:test", idleTTLMs: 1_000, now: now, logger: quietLogger,
            acknowledgementTimeout: .seconds(2), writer: writer
        )
    }

    /// Offset 0 processed with one output still unacknowledged.
    func waitingForOneAck() -> PartitionProgress {
        let progress = PartitionProgress()
        progress.register(0)
        progress.processed(0, outputs: 1)
        return progress
    }

    @Test func commitsOnlyAfterSnapshotsAcknowledgementsAndTheWrite() throws {
        var clock = FakeClock()
        let store = MemoryCheckpointStore()
        let writer = ManualCheckpointWriter()
        var checkpoints = coordinator(store: store, writer: writer, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let lanes = FakeParticipants(lanes: [[0: ["agg": [(key: "k1", state: [1])]]]])
        lanes.deferredSnapshots = []
        let progress = [a0: waitingForOneAck()]

        let step1 = checkpoints.begin([a0], progress: progress, maxEventTimes: [a0: 9_000], participants: lanes, now: clock.now)
        #expect(step1)
        #expect(lanes.flushes == 0, "a background checkpoint never flushes the producer on the consumer thread")
        #expect(lanes.evictions == [0: 8_000])
        let step2 = checkpoints.begin([a0], progress: progress, maxEventTimes: [:], participants: lanes, now: clock.now)
        #expect(!step2, "one at a time")

        clock.advance(by: .milliseconds(10))
        let step3 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step3 == nil, "the lanes have not snapshotted yet")
        lanes.takeDeferredSnapshots()
        let step4 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step4 == nil, "an output is unacknowledged")
        #expect(writer.waiting == 0)

        progress[a0]!.delivered(0)
        // Records dispatched after the checkpoint started do not delay it.
        progress[a0]!.register(1)
        let step5 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step5 == nil, "handed to the writer")
        #expect(writer.waiting == 1)
        #expect(store.count == 0 && committer.commits.isEmpty, "nothing is committed before the write")
        let step6 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step6 == nil)

        writer.runAll()
        let outcome = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(outcome == .completed(stored: 1, skipped: []))
        #expect(committer.commits == [[a0: 1]], "exactly the positions the state reflects")
        #expect(checkpoints.inFlight == nil)
        let saved = try #require(try store.load(topic: "topology:test", partition: 0))
        #expect(try PartitionStateCodec.decode(saved.state) == PartitionState(positions: [a0: 1], maxEventTimes: [a0: 9_000], operators: ["agg": ["k1": [1]]]))
    }

    @Test func aShardStillUnacknowledgedAtTheTimeoutIsLeftOut() {
        var clock = FakeClock()
        let store = MemoryCheckpointStore()
        let writer = ManualCheckpointWriter()
        var checkpoints = coordinator(store: store, writer: writer, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let progress = [a0: waitingForOneAck(), a1: doneProgress(0..<3)]
        checkpoints.begin([a0, a1], progress: progress, maxEventTimes: [:], participants: FakeParticipants(lanes: [[:]]), now: clock.now)
        clock.advance(by: .milliseconds(1_999))
        let step7 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step7 == nil)
        clock.advance(by: .milliseconds(1))
        let step8 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step8 == nil)
        writer.runAll()
        let step9 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step9 == .completed(stored: 1, skipped: [0]))
        #expect(committer.commits == [[a1: 3]])
    }

    @Test func aFailedWriteCommitsNothing() {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        store.failing.store(true, ordering: .relaxed)
        let writer = ManualCheckpointWriter()
        var checkpoints = coordinator(store: store, writer: writer, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let progress = [a0: doneProgress(0..<2)]
        checkpoints.begin([a0], progress: progress, maxEventTimes: [:], participants: FakeParticipants(lanes: [[:]]), now: clock.now)
        _ = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        writer.runAll()
        let step10 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step10 == .storeFailed)
        #expect(committer.commits.isEmpty)
        #expect(checkpoints.inFlight == nil, "the next one starts afresh")
    }

    @Test func aBlockingCheckpointFirstSettlesTheOneInFlight() {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        let writer = ManualCheckpointWriter()
        var checkpoints = coordinator(store: store, writer: writer, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let early = doneProgress(0..<2)
        let lanes = FakeParticipants(lanes: [[:]])
        let both = [a0: early, a1: doneProgress(0..<4)]
        checkpoints.begin([a0, a1], progress: both, maxEventTimes: [:], participants: lanes, now: clock.now)
        _ = checkpoints.advance(now: clock.now, progress: both, commits: &commits, committer: committer)
        #expect(writer.waiting == 1)
        // Revocation of a0: the write in flight finishes and is committed first, then a0's own.
        early.register(2)
        early.processed(2, outputs: 0)
        let outcome = checkpoints.checkpoint([a0], progress: both, maxEventTimes: [:], participants: lanes, commits: &commits, committer: committer)
        #expect(outcome == .completed(stored: 1, skipped: []))
        #expect(committer.commits == [[a0: 2, a1: 4], [a0: 3]], "commits only move forward")
        #expect(checkpoints.inFlight == nil)
    }

    @Test func withoutAStoreItIsABarrierBeforeTheCommit() {
        let clock = FakeClock()
        let writer = ManualCheckpointWriter()
        var checkpoints = coordinator(store: nil, writer: writer, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let progress = [a0: doneProgress(0..<5)]
        let lanes = FakeParticipants(lanes: [[:]])
        checkpoints.begin([a0], progress: progress, maxEventTimes: [:], participants: lanes, now: clock.now)
        #expect(lanes.snapshotRequests.map(\.includeState) == [false])
        let step11 = checkpoints.advance(now: clock.now, progress: progress, commits: &commits, committer: committer)
        #expect(step11 == .completed(stored: 0, skipped: []))
        #expect(committer.commits == [[a0: 5]])
        #expect(writer.waiting == 0)
    }
}
