import Testing
import VigilKafka
import VigilState
@testable import VigilEngine

/// Checkpoints without Kafka: cadence, what is saved, what is committed after.
@Suite struct CheckpointCoordinatorTests {
    let a0 = KafkaTopicPartition(topic: "a", partition: 0)
    let b0 = KafkaTopicPartition(topic: "b", partition: 0)
    let a1 = KafkaTopicPartition(topic: "a", partition: 1)

    func coordinator(store: (any CheckpointStorage)?, now: ContinuousClock.Instant, interval: Duration = .seconds(5)) -> CheckpointCoordinator {
        CheckpointCoordinator(interval: interval, store: store, namespace: "topology:test", idleTTLMs: 1_000, now: now, logger: quietLogger)
    }

    @Test func checkpointsFollowTheirCadence() {
        var clock = FakeClock()
        var checkpoints = coordinator(store: MemoryCheckpointStore(), now: clock.now, interval: .seconds(5))
        #expect(!checkpoints.isDue(at: clock.now), "the first checkpoint is one interval away")
        clock.advance(by: .milliseconds(4_999))
        #expect(!checkpoints.isDue(at: clock.now))
        clock.advance(by: .milliseconds(1))
        #expect(checkpoints.isDue(at: clock.now))
        clock.advance(by: .seconds(2))
        checkpoints.scheduleNext(after: clock.now)
        #expect(!checkpoints.isDue(at: clock.now.advanced(by: .milliseconds(4_999))))
        #expect(checkpoints.isDue(at: clock.now.advanced(by: .seconds(5))))
    }

    @Test func aPlanCoversOnlyShardsThatDispatchedSomething() {
        let progress: [KafkaTopicPartition: PartitionProgress] = [a0: doneProgress(0..<3), b0: PartitionProgress(), a1: PartitionProgress()]
        let plan = CheckpointCoordinator.plan(for: [a0, b0, a1], progress: progress)
        #expect(plan == .init(shards: [0], targets: [0: [a0: 3]]))
        #expect(CheckpointCoordinator.plan(for: [a1], progress: progress) == nil)
        #expect(CheckpointCoordinator.plan(for: [], progress: progress) == nil)
    }

    @Test func savesTheLanesStateWithItsPositionsAndCommitsThem() throws {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        var checkpoints = coordinator(store: store, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let lanes = FakeParticipants(lanes: [
            [0: ["agg": [(key: "k1", state: [1])]]],
            [0: ["agg": [(key: "k2", state: [2])], "other": [(key: "k3", state: [3])]]],
        ])
        let progress = [a0: doneProgress(0..<4), b0: doneProgress(10..<12, start: 10)]
        let outcome = checkpoints.checkpoint([a0, b0], progress: progress, maxEventTimes: [a0: 5_000], participants: lanes, commits: &commits, committer: committer)
        #expect(outcome == .completed(stored: 1, skipped: []))
        #expect(lanes.flushes == 1)
        #expect(lanes.snapshotRequests.map(\.includeState) == [true])
        #expect(committer.commits == [[a0: 4, b0: 12]])
        let saved = try #require(try store.load(topic: "topology:test", partition: 0))
        let state = try PartitionStateCodec.decode(saved.state)
        #expect(state == PartitionState(positions: [a0: 4, b0: 12], maxEventTimes: [a0: 5_000], operators: ["agg": ["k1": [1], "k2": [2]], "other": ["k3": [3]]]))
        #expect(lanes.evictions == [0: 4_000], "keys idle for the TTL before the shard's newest event time")
    }

    @Test func aShardWithAnUnacknowledgedOutputIsSkippedAndNotCommitted() {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        var checkpoints = coordinator(store: store, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let waiting = PartitionProgress()
        waiting.register(0)
        waiting.processed(0, outputs: 1)
        let progress = [a0: waiting, a1: doneProgress(0..<2)]
        let outcome = checkpoints.checkpoint([a0, a1], progress: progress, maxEventTimes: [:], participants: FakeParticipants(lanes: [[:]]), commits: &commits, committer: committer)
        #expect(outcome == .completed(stored: 1, skipped: [0]))
        #expect(committer.commits == [[a1: 2]])
        #expect(store.count == 1)
    }

    @Test func nothingIsSavedOrCommittedWhenTheFlushOrTheStoreFails() {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        var checkpoints = coordinator(store: store, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let lanes = FakeParticipants(lanes: [[:]])
        lanes.flushFails = true
        let progress = [a0: doneProgress(0..<2)]
        let outcome1 = checkpoints.checkpoint([a0], progress: progress, maxEventTimes: [:], participants: lanes, commits: &commits, committer: committer)
        #expect(outcome1 == .postponed)
        lanes.flushFails = false
        store.failing.store(true, ordering: .relaxed)
        let outcome2 = checkpoints.checkpoint([a0], progress: progress, maxEventTimes: [:], participants: lanes, commits: &commits, committer: committer)
        #expect(outcome2 == .storeFailed)
        #expect(committer.commits.isEmpty)
        #expect(store.count == 0)
    }

    @Test func withoutAStoreACheckpointIsABarrierBeforeTheCommit() {
        let clock = FakeClock()
        var checkpoints = coordinator(store: nil, now: clock.now)
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let lanes = FakeParticipants(lanes: [[0: ["agg": [(key: "k", state: [9])]]]])
        let outcome = checkpoints.checkpoint([a0], progress: [a0: doneProgress(0..<7)], maxEventTimes: [:], participants: lanes, commits: &commits, committer: committer)
        #expect(outcome == .completed(stored: 0, skipped: []))
        #expect(lanes.snapshotRequests.map(\.includeState) == [false])
        #expect(committer.commits == [[a0: 7]])
    }

    @Test func evictionCutoffsUseEachShardsNewestEventTime() {
        let checkpoints = coordinator(store: nil, now: FakeClock().now)
        let cutoffs = checkpoints.evictionCutoffs([a0, b0, a1], maxEventTimes: [a0: 10_000, b0: 12_000])
        #expect(cutoffs == [0: 11_000])
    }

    @Test func loadsWhatItSaved() throws {
        let clock = FakeClock()
        let store = MemoryCheckpointStore()
        var checkpoints = coordinator(store: store, now: clock.now)
        var commits = makeCommits(now: clock.now)
        _ = checkpoints.checkpoint([a0], progress: [a0: doneProgress(0..<3)], maxEventTimes: [a0: 77], participants: FakeParticipants(lanes: [[:]]), commits: &commits, committer: nil)
        #expect(try checkpoints.load(shard: 0)?.positions == [a0: 3])
        #expect(try checkpoints.load(shard: 1) == nil)
        #expect(try coordinator(store: nil, now: clock.now).load(shard: 0) == nil)
    }
}
