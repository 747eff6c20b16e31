import Testing
import VigilKafka
@testable import VigilEngine

/// The aligner's rules on hand-made records (the engine-level behaviour is in `EventTimeAlignmentTests`).
@Suite struct InputAlignerTests {
    let a0 = KafkaTopicPartition(topic: "a", partition: 0)
    let b0 = KafkaTopicPartition(topic: "b", partition: 0)
    let a1 = KafkaTopicPartition(topic: "a", partition: 1)
    let b1 = KafkaTopicPartition(topic: "b", partition: 1)
    let start = ContinuousClock.now

    /// Appends records of `partition` with these event times, at offsets 0, 1, …
    func fill(_ aligner: inout InputAligner<String>, _ partition: KafkaTopicPartition, _ times: [Int64], from offset: Int64 = 0) {
        for (index, time) in times.enumerated() {
            aligner.append(.init(partition: partition, eventTime: time, item: "\(partition.topic)\(partition.partition)@\(time)"), offset: offset + Int64(index))
        }
    }

    func release(_ aligner: inout InputAligner<String>, inputs: [KafkaTopicPartition], high: [KafkaTopicPartition: Int64] = [:], at now: ContinuousClock.Instant? = nil) -> [String] {
        var out: [String] = []
        aligner.release(inputs: Dictionary(grouping: inputs, by: \.partition), highWatermark: { high[$0] }, now: now ?? start) { out.append($0.item) }
        return out
    }

    @Test func mergesAShardByEventTimeAndKeepsEachPartitionInOffsetOrder() {
        var aligner = InputAligner<String>(maximumWait: .seconds(1), capacity: 100)
        fill(&aligner, a0, [1, 5, 3, 9])
        fill(&aligner, b0, [2, 4, 10])
        // b0 is caught up after its 3 records (high 3), a0 after its 4.
        let out = release(&aligner, inputs: [a0, b0], high: [a0: 4, b0: 3])
        #expect(out == ["a0@1", "b0@2", "b0@4", "a0@5", "a0@3", "a0@9", "b0@10"])
        #expect(aligner.count == 0)
    }

    @Test func aShardWaitsForAnEmptyPartitionWithUnreadRecordsAndOtherShardsDoNot() {
        var aligner = InputAligner<String>(maximumWait: .seconds(1), capacity: 100)
        fill(&aligner, a0, [1, 4])
        fill(&aligner, b0, [3])
        fill(&aligner, a1, [7])
        // b0 has 2 records on the broker and 1 received; a0 is caught up; b1 is empty.
        let high: [KafkaTopicPartition: Int64] = [a0: 2, b0: 2, a1: 1, b1: 0]
        var out = release(&aligner, inputs: [a0, b0, a1, b1], high: high)
        #expect(out == ["a0@1", "b0@3", "a1@7"], "shard 0 stops where b0 runs dry; shard 1 goes on")
        #expect(aligner.count == 1)
        fill(&aligner, b0, [8], from: 1)
        out = release(&aligner, inputs: [a0, b0, a1, b1], high: high)
        #expect(out == ["a0@4", "b0@8"])
    }

    @Test func aPartitionNeverHeardFromHoldsItsShardBackOnlyIfTheBrokerHasRecords() {
        var aligner = InputAligner<String>(maximumWait: .seconds(1), capacity: 100)
        fill(&aligner, a0, [1])
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 1, b0: 5]).isEmpty)
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 1, b0: 0]) == ["a0@1"])
    }

    @Test func aPartitionThatStaysEmptyIsPassedOverAfterTheWaitUntilItDeliversAgain() {
        var aligner = InputAligner<String>(maximumWait: .milliseconds(500), capacity: 100)
        let high: [KafkaTopicPartition: Int64] = [a0: 10, b0: 10]
        fill(&aligner, a0, [1])
        #expect(release(&aligner, inputs: [a0, b0], high: high, at: start).isEmpty)
        #expect(release(&aligner, inputs: [a0, b0], high: high, at: start.advanced(by: .milliseconds(499))).isEmpty)
        #expect(release(&aligner, inputs: [a0, b0], high: high, at: start.advanced(by: .milliseconds(500))) == ["a0@1"])
        fill(&aligner, a0, [2], from: 1)
        #expect(release(&aligner, inputs: [a0, b0], high: high, at: start.advanced(by: .milliseconds(501))) == ["a0@2"], "b0 is idle")
        fill(&aligner, b0, [5])
        fill(&aligner, a0, [3], from: 2)
        // a0 is caught up now (3 of 3), b0 delivered: both merge.
        let caughtUp: [KafkaTopicPartition: Int64] = [a0: 3, b0: 10]
        #expect(release(&aligner, inputs: [a0, b0], high: caughtUp, at: start.advanced(by: .milliseconds(600))) == ["a0@3", "b0@5"])
        // b0 delivered, so once it runs dry with records unread it is waited for again.
        fill(&aligner, a0, [6], from: 3)
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 4, b0: 10], at: start.advanced(by: .milliseconds(700))).isEmpty)
    }

    @Test func overCapacityTheOldestGoWithoutWaiting() {
        var aligner = InputAligner<String>(maximumWait: .seconds(60), capacity: 3)
        fill(&aligner, a0, [1, 2, 3])
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 3, b0: 9]).isEmpty, "at capacity it still waits")
        fill(&aligner, a0, [4], from: 3)
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 4, b0: 9]) == ["a0@1", "a0@2", "a0@3", "a0@4"])
    }

    @Test func partitionsThatAreNotAlignedGoAtOnceEvenWhileTheirShardWaits() {
        var aligner = InputAligner<String>(maximumWait: .seconds(1), capacity: 100)
        let internal0 = KafkaTopicPartition(topic: "internal", partition: 0)
        fill(&aligner, a0, [5])
        fill(&aligner, internal0, [9, 1])
        #expect(release(&aligner, inputs: [a0, b0], high: [a0: 1, b0: 4]) == ["internal0@9", "internal0@1"])
        #expect(aligner.count == 1)
    }

    @Test func droppedPartitionsLeaveNothingBehind() {
        var aligner = InputAligner<String>(maximumWait: .seconds(1), capacity: 100)
        fill(&aligner, a0, [1, 2])
        fill(&aligner, a1, [3])
        aligner.drop([a0])
        #expect(aligner.count == 1)
        #expect(release(&aligner, inputs: [a1], high: [a1: 1]) == ["a1@3"])
    }
}
