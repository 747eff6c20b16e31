import Testing
import VigilKafka
@testable import VigilEngine

/// Commits without Kafka: what is committed, and when, on a fake clock.
@Suite struct CommitCoordinatorTests {
    let p0 = KafkaTopicPartition(topic: "in", partition: 0)
    let p1 = KafkaTopicPartition(topic: "in", partition: 1)

    @Test func commitsOnlyWhenEveryEarlierOffsetIsAcknowledged() {
        let clock = FakeClock()
        var commits = makeCommits(now: clock.now)
        let committer = FakeCommitter()
        let progress = PartitionProgress()
        for offset: Int64 in 0...2 { progress.register(offset) }
        progress.processed(1, outputs: 0)
        progress.processed(2, outputs: 0)
        commits.commitDone([p0: progress], to: committer)
        #expect(committer.commits.isEmpty, "offset 0 is not processed yet")
        progress.processed(0, outputs: 2)
        progress.delivered(0)
        commits.commitDone([p0: progress], to: committer)
        #expect(committer.commits.isEmpty, "one of offset 0's two outputs is unacknowledged")
        progress.delivered(0)
        commits.commitDone([p0: progress], to: committer)
        #expect(committer.commits == [[p0: 3]])
    }

    @Test func aPositionIsCommittedOnceAndOnlyWhenItMoves() {
        var commits = makeCommits(now: FakeClock().now)
        let committer = FakeCommitter()
        let a = doneProgress(0..<5)
        let b = doneProgress(0..<2)
        commits.commitDone([p0: a, p1: b], to: committer)
        commits.commitDone([p0: a, p1: b], to: committer)
        #expect(committer.commits == [[p0: 5, p1: 2]])
        b.register(2)
        b.processed(2, outputs: 0)
        commits.commitDone([p0: a, p1: b], to: committer)
        #expect(committer.commits.last == [p1: 3])
        #expect(commits.lastCommitted == [p0: 5, p1: 3])
    }

    @Test func aFailedCommitIsRetriedWithTheNextOne() {
        var commits = makeCommits(now: FakeClock().now)
        let committer = FakeCommitter()
        committer.failing = true
        commits.commitDone([p0: doneProgress(0..<4)], to: committer)
        #expect(commits.lastCommitted.isEmpty)
        committer.failing = false
        commits.commitDone([p0: doneProgress(0..<4)], to: committer)
        #expect(committer.commits == [[p0: 4]])
    }

    @Test func aFailedDeliveryStopsThePositionForGood() {
        var commits = makeCommits(now: FakeClock().now)
        let committer = FakeCommitter()
        let progress = PartitionProgress()
        for offset: Int64 in 0...1 { progress.register(offset) }
        progress.processed(0, outputs: 0)
        progress.processed(1, outputs: 1)
        progress.failed(1, reason: "topic deleted")
        progress.delivered(1)
        commits.commitDone([p0: progress], to: committer)
        #expect(committer.commits == [[p0: 1]])
        #expect(progress.failure?.contains("topic deleted") == true)
    }

    @Test func periodicCommitsFollowTheInterval() {
        var clock = FakeClock()
        var commits = makeCommits(interval: .milliseconds(200), now: clock.now)
        let committer = FakeCommitter()
        let progress = PartitionProgress()
        let due1 = commits.commitIfDue([p0: progress], to: committer, now: clock.now)
        #expect(due1, "the first commit is due at once")
        clock.advance(by: .milliseconds(199))
        progress.register(0)
        progress.processed(0, outputs: 0)
        let due2 = commits.commitIfDue([p0: progress], to: committer, now: clock.now)
        #expect(!due2)
        #expect(committer.commits.isEmpty)
        clock.advance(by: .milliseconds(1))
        let due3 = commits.commitIfDue([p0: progress], to: committer, now: clock.now)
        #expect(due3)
        #expect(committer.commits == [[p0: 1]])
        #expect(commits.nextCommit == clock.now.advanced(by: .milliseconds(200)))
    }

    @Test func forgottenPartitionsAreCommittedAgainByTheirNextOwner() {
        var commits = makeCommits(now: FakeClock().now)
        let committer = FakeCommitter()
        commits.commitDone([p0: doneProgress(0..<3)], to: committer)
        commits.forget([p0])
        #expect(commits.lastCommitted.isEmpty)
        commits.commitDone([p0: doneProgress(0..<3)], to: committer)
        #expect(committer.commits.count == 2)
        commits.commitDone([p0: doneProgress(0..<3)], to: nil)
        #expect(committer.commits.count == 2, "no consumer, no commit")
    }
}
