import Testing
import VigilKafka
@testable import VigilEngine

/// Shard ownership without Kafka: what an assignment restores and where it starts, what a
/// revocation releases, which inputs are aligned.
@Suite struct RebalanceCoordinatorTests {
    let a0 = KafkaTopicPartition(topic: "a", partition: 0)
    let b0 = KafkaTopicPartition(topic: "b", partition: 0)
    let internal0 = KafkaTopicPartition(topic: "internal", partition: 0)
    let a1 = KafkaTopicPartition(topic: "a", partition: 1)

    func coordinator() -> RebalanceCoordinator {
        RebalanceCoordinator(tracksLateness: ["a": true, "b": true, "internal": false], logger: quietLogger)
    }

    @Test func anAssignmentStartsFromTheCheckpointAndRestoresEachShardOnce() {
        var rebalances = coordinator()
        let saved = PartitionState(positions: [a0: 40, b0: 7], maxEventTimes: [a0: 1_000], operators: ["agg": ["k": [1]]])
        var loads: [Int32] = []
        let assignment = rebalances.assign([a0, b0, a1]) { shard in
            loads.append(shard)
            return shard == 0 ? saved : nil
        }
        #expect(loads == [0, 1])
        #expect(assignment.restored == [0: saved])
        #expect(assignment.starts == [a0: 40, b0: 7])
        #expect(assignment.maxEventTimes == [a0: 1_000])
        let again = rebalances.assign([internal0]) { loads.append($0); return saved }
        #expect(loads == [0, 1], "shard 0 is already restored")
        #expect(again.restored.isEmpty && again.starts.isEmpty)
    }

    @Test func anUnreadableCheckpointStartsTheShardEmpty() {
        var rebalances = coordinator()
        let assignment = rebalances.assign([a0]) { _ in throw FakeError("corrupt") }
        #expect(assignment.restored.isEmpty && assignment.starts.isEmpty)
        #expect(rebalances.restoredShards == [0])
    }

    @Test func aRevocationReleasesOnlyShardsNoOwnedPartitionUses() {
        var rebalances = coordinator()
        _ = rebalances.assign([a0, b0, a1]) { _ in nil }
        #expect(rebalances.revoke([a0], stillOwned: [b0, a1]).isEmpty)
        #expect(rebalances.revoke([b0], stillOwned: [a1]) == [0])
        #expect(rebalances.restoredShards == [1])
        #expect(rebalances.inputsByShard == [1: [a1]])
    }

    @Test func onlyShardsWithTwoComparableInputsAreAligned() {
        var rebalances = coordinator()
        _ = rebalances.assign([a0, internal0, a1]) { _ in nil }
        #expect(rebalances.alignedInputsByShard == [0: [a0], 1: [a1]], "internal topics are not waited for")
        #expect(!rebalances.alignmentNeeded)
        _ = rebalances.assign([b0]) { _ in nil }
        #expect(rebalances.alignedInputsByShard[0] == [a0, b0])
        #expect(rebalances.alignmentNeeded)
        rebalances.updateInputs(adding: [], removing: [b0])
        #expect(!rebalances.alignmentNeeded)
    }
}
