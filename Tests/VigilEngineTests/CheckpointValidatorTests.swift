import Testing
import VigilEngine
import VigilKafka

@Suite("Checkpoint validation")
struct CheckpointValidatorTests {
    let listings = KafkaTopicPartition(topic: "marketplace.listings", partition: 3)
    let reviews = KafkaTopicPartition(topic: "marketplace.reviews", partition: 3)

    @Test("a checkpoint of this cluster, within the logs, with committed positions, is trusted")
    func trusted() {
        let validator = CheckpointValidator(clusterID: "c-1")
        let decision = validator.validate(
            positions: [listings: 120, reviews: 40], checkpointClusterID: "c-1",
            facts: [listings: .init(low: 0, high: 500, committed: 100), reviews: .init(low: 0, high: 90, committed: 40)])
        #expect(decision == .trusted)
    }

    @Test("a checkpoint ahead of or behind the committed position is trusted (crash between save and commit; replay)")
    func aheadOrBehindCommitted() {
        let validator = CheckpointValidator(clusterID: nil)
        #expect(validator.validate(positions: [listings: 120], checkpointClusterID: nil, facts: [listings: .init(low: 0, high: 500, committed: 80)]) == .trusted)
        #expect(validator.validate(positions: [listings: 120], checkpointClusterID: nil, facts: [listings: .init(low: 0, high: 500, committed: 300)]) == .trusted)
    }

    @Test("a checkpoint of another cluster is discarded, naming both clusters")
    func foreignCluster() throws {
        let decision = CheckpointValidator(clusterID: "c-new").validate(
            positions: [listings: 10], checkpointClusterID: "c-old", facts: [listings: .init(low: 0, high: 500, committed: 10)])
        guard case .discarded(let reason) = decision else { Issue.record("expected a discard, got \(decision)"); return }
        #expect(reason.contains("c-old") && reason.contains("c-new"))
    }

    @Test("a position beyond the partition's end is discarded (topics re-created or another cluster)")
    func beyondEnd() {
        let decision = CheckpointValidator(clusterID: "c-1").validate(
            positions: [listings: 120, reviews: 600], checkpointClusterID: "c-1",
            facts: [listings: .init(low: 0, high: 500, committed: 100), reviews: .init(low: 0, high: 90, committed: 90)])
        guard case .discarded(let reason) = decision else { Issue.record("expected a discard, got \(decision)"); return }
        #expect(reason.contains("marketplace.reviews") && reason.contains("600") && reason.contains("90"))
    }

    @Test("progress the group never committed would skip records: discarded, naming the offsets skipped")
    func neverCommitted() {
        let decision = CheckpointValidator(clusterID: nil).validate(
            positions: [listings: 120], checkpointClusterID: nil, facts: [listings: .init(low: 0, high: 500, committed: nil)])
        guard case .discarded(let reason) = decision else { Issue.record("expected a discard, got \(decision)"); return }
        #expect(reason.contains("0..<120"))
        // Nothing claimed beyond the log's start skips nothing.
        #expect(CheckpointValidator(clusterID: nil).validate(positions: [listings: 0], checkpointClusterID: nil,
                                                             facts: [listings: .init(low: 0, high: 500, committed: nil)]) == .trusted)
    }

    @Test("partitions the brokers say nothing about are not held against the checkpoint")
    func unknownPartitions() {
        #expect(CheckpointValidator(clusterID: "c-1").validate(positions: [listings: 120], checkpointClusterID: nil, facts: [:]) == .trusted)
    }
}
