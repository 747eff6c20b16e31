import Foundation
import Testing
import VigilEngine
import VigilKafka
import VigilState

/// The cooperative-sticky assignor: incremental rebalances on the embedded cluster, and the
/// refusal of topologies whose shards it could split.
@Suite("Cooperative-sticky rebalances", .serialized)
struct CooperativeRebalanceTests {
    /// A window topology reading two co-partitioned topics into one operator.
    private static let twoInputs = """
        name: joined
        lanes: 2
        allowed_lateness: 2m
        checkpoint_interval: 1s
        sources:
          - {name: orders, topic: shop.orders, decoder: json}
          - {name: refunds, topic: shop.refunds, decoder: json}
        operators:
          - name: totals
            type: window-aggregate
            sources: [orders, refunds]
            sinks: [aggregates]
            config: {value_field: amount, distinct_field: buyer, windows: ["1h/5m"]}
        sinks:
          - {name: aggregates, topic: joined.out}
        dead_letter: joined.dlq
        """

    private static let kafka = KafkaConfiguration(bootstrapServers: "127.0.0.1:1")

    @Test("a topology with several input topics is refused under cooperative-sticky, at engine start, with the topics, the reason and the fix")
    func multiInputTopologyIsRefused() throws {
        let topology = try TopologyLoader(registry: .standard()).load(yaml: Self.twoInputs)
        let configuration = EngineConfiguration(kafka: Self.kafka, assignor: .cooperativeSticky)
        let error = try #require(throws: EngineError.self) {
            try StreamEngine(topology: topology, configuration: configuration, checkpoints: nil)
        }
        #expect(error.description.contains("topology 'joined' cannot run with assignor 'cooperative-sticky'"))
        #expect(error.description.contains("2 co-partitioned input topics (shop.orders, shop.refunds)"))
        #expect(error.description.contains("could be split over two instances"))
        #expect(error.description.contains("Use engine.assignor: range"))

        // The Kafka property is checked the same way, whichever assignor is configured.
        for strategy in ["cooperative-sticky", "roundrobin", "roundrobin,range"] {
            let explicit = EngineConfiguration(kafka: Self.kafka, consumerProperties: [PartitionAssignor.property: strategy])
            #expect(explicit.assignmentStrategy == strategy)
            let refused = try #require(throws: EngineError.self) { try explicit.checkAssignor(for: topology) }
            #expect(refused.description.contains("the Kafka property partition.assignment.strategy=\(strategy)"), "\(refused)")
        }
        let viaKafka = EngineConfiguration(kafka: KafkaConfiguration(bootstrapServers: "b:9092", properties: [PartitionAssignor.property: "cooperative-sticky"]))
        #expect(throws: EngineError.self) { try viaKafka.checkAssignor(for: topology) }

        // Allowed: range (the default, or named by the property over a cooperative assignor), and
        // any assignor without group membership.
        try EngineConfiguration(kafka: Self.kafka).checkAssignor(for: topology)
        try EngineConfiguration(kafka: Self.kafka, assignor: .cooperativeSticky, consumerProperties: [PartitionAssignor.property: "range"]).checkAssignor(for: topology)
        try EngineConfiguration(kafka: Self.kafka, assignment: .all, assignor: .cooperativeSticky).checkAssignor(for: topology)
    }

    @Test("the assignor becomes partition.assignment.strategy unless the Kafka properties set it; a single-input topology may rebalance cooperatively")
    func assignorBecomesTheStrategy() throws {
        let single = try TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "single", input: "in", output: "out", dlq: "dlq", lanes: 2))
        let range = EngineConfiguration(kafka: Self.kafka)
        #expect(range.assignor == .range)
        #expect(range.consumerKafka.properties[PartitionAssignor.property] == "range,roundrobin", "the default is today's range,roundrobin")
        #expect(!range.rebalancesCooperatively)

        let cooperative = EngineConfiguration(kafka: Self.kafka, assignor: .cooperativeSticky)
        #expect(cooperative.consumerKafka.properties[PartitionAssignor.property] == "cooperative-sticky")
        #expect(cooperative.rebalancesCooperatively)
        try cooperative.checkAssignor(for: single)

        let overridden = EngineConfiguration(kafka: Self.kafka, assignor: .cooperativeSticky, consumerProperties: [PartitionAssignor.property: " Range "])
        #expect(overridden.consumerKafka.properties[PartitionAssignor.property] == " Range ", "an explicit property wins")
        #expect(!overridden.rebalancesCooperatively)
        #expect(PartitionAssignor(rawValue: "cooperative-sticky") == .cooperativeSticky)
    }

    /// What one handover run observed.
    private struct Handover {
        /// A's status while alone, and A's and B's once B owns partitions.
        var alone, afterA, afterB: EngineStatus
        /// Partitions revoked from A by the time all input was processed.
        var revokedFromALater: Int
        /// Inputs without output, and outputs that differ from a clean run's.
        var missing: [String]
        var mismatches: Int
    }

    /// Two engines in one group with cooperative-sticky, each with its own state file: A runs
    /// alone over a first batch, B joins, more input follows, both stop; the outputs are
    /// compared with a clean run's.
    private func handover(checkpointInterval: Duration) throws -> Handover {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["in", "out", "dlq", "out-clean", "dlq-clean"] { try cluster.createTopic(topic, partitions: 6) }
        let first = makeEvents(count: 3_000, keys: 120, seed: 41)
        let second = makeEvents(count: 3_000, keys: 120, seed: 42)
        try produceAll(first, topic: "in", cluster: cluster)
        let yaml = windowTopology(name: "coop", input: "in", output: "out", dlq: "dlq", lanes: 2)
        func makeEngine(_ machine: String) throws -> StreamEngine {
            try StreamEngine(
                topology: TopologyLoader(registry: .standard()).load(yaml: yaml),
                configuration: EngineConfiguration(kafka: cluster.clientConfiguration(clientID: "coop-\(machine)"), groupID: "coop", checkpointInterval: checkpointInterval,
                                                   assignor: .cooperativeSticky, consumerProperties: EmbeddedKafkaCluster.consumerProperties),
                checkpoints: try CheckpointStore(path: temporaryPath("\(machine).sqlite"))
            )
        }

        let a = EngineRunner(engine: try makeEngine("a"))
        _ = try readTopic("out", cluster: cluster, atLeast: first.count, timeout: .seconds(60))
        let alone = a.engine.status
        let b = EngineRunner(engine: try makeEngine("b"))
        let deadline = ContinuousClock.now.advanced(by: .seconds(90))
        while ContinuousClock.now < deadline {
            let (sa, sb) = (a.engine.status, b.engine.status)
            if !sb.assigned.isEmpty, sb.restoringShards == 0, sa.assigned.count + sb.assigned.count == 6 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let (afterA, afterB) = (a.engine.status, b.engine.status)

        try produceAll(second, topic: "in", cluster: cluster)
        _ = try readTopic("out", cluster: cluster, atLeast: first.count + second.count, timeout: .seconds(90))
        let revokedLater = a.engine.status.revokedPartitions
        a.engine.stop()
        b.engine.stop()
        #expect(a.stop() == nil)
        #expect(b.stop() == nil)
        let outputs = try readTopic("out", cluster: cluster, atLeast: first.count + second.count, timeout: .seconds(60))
        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: first.count + second.count)
        let (missing, mismatches) = compareWithCleanRun(outputs, expected: expected)
        return Handover(alone: alone, afterA: afterA, afterB: afterB, revokedFromALater: revokedLater, missing: missing, mismatches: mismatches)
    }

    @Test("two instances with their own state files under cooperative-sticky: the one alone gives up only the partitions that move, settling them first; the other restores them from the changelog; every output equals a clean run's")
    func incrementalHandover() throws {
        // No periodic checkpoint during the test: librdkafka 2.0.2 takes a commit in flight when
        // B's join reaches A as a lost assignment and revokes everything (see the next test and
        // CooperativeGroupTests.commitDuringRejoinLosesTheAssignment). So the only checkpoint
        // before the handover is the one A takes when it gives partitions up, and B can only
        // restore what that one wrote to the changelog and committed.
        let run = try handover(checkpointInterval: .seconds(600))
        let (alone, afterA, afterB) = (run.alone, run.afterA, run.afterB)
        #expect(alone.assigned.count == 6, "the only member owns all six partitions")
        #expect(alone.revokedPartitions == 0)
        #expect(!afterA.assigned.isEmpty && !afterB.assigned.isEmpty, "both instances own partitions: A \(afterA.assigned.sorted()), B \(afterB.assigned.sorted())")
        #expect(afterA.assigned.isDisjoint(with: afterB.assigned))
        #expect(afterA.assigned.union(afterB.assigned) == alone.assigned)
        #expect(afterA.revokedPartitions == afterB.assigned.count,
                "A was revoked only the \(afterB.assigned.count) partitions that moved to B, not all six (revoked \(afterA.revokedPartitions))")
        #expect(afterA.checkpoints == 1, "A's only checkpoint so far is the one it took when it gave the partitions up")
        #expect(afterA.changelogRestores == 0, "A kept the state of the partitions it kept")
        #expect(afterB.changelogRestores == afterB.assigned.count, "B, with an empty state file, restored every moved shard from the changelog A wrote on revocation")
        #expect(afterB.discardedCheckpoints == 0, "the positions A saved on revocation were committed too")
        #expect(run.revokedFromALater == afterA.revokedPartitions, "no rebalance revoked more from A while both ran")
        #expect(run.missing.isEmpty, "every input has its output; \(run.missing.count) missing, e.g. \(run.missing.prefix(5))")
        #expect(run.mismatches == 0, "outputs after the handover equal the clean run's: B's restored state is A's")
    }

    @Test("with checkpoints committing during the handover, librdkafka 2.0.2 may take all of A's partitions away as lost; every output still equals a clean run's")
    func handoverWithCommitsInFlight() throws {
        // A checkpoint (and commit) every second, while the embedded coordinator holds the
        // rejoin for about 5 s: a commit is in flight when B's join reaches A, and librdkafka
        // 2.0.2 then revokes all six partitions as lost (issue #4059). Not asserted, since it
        // depends on timing; what must hold either way is the output.
        let run = try handover(checkpointInterval: .seconds(1))
        #expect(run.afterA.assigned.count + run.afterB.assigned.count == 6 && !run.afterB.assigned.isEmpty)
        #expect(run.missing.isEmpty, "every input has its output; \(run.missing.count) missing, e.g. \(run.missing.prefix(5))")
        #expect(run.mismatches == 0, "outputs equal the clean run's whether or not the assignment was lost")
    }
}
