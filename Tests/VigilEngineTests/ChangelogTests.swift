import Foundation
import Logging
import Testing
@testable import VigilEngine
import VigilKafka
import VigilState

/// State that follows its partition: changelog topics written at checkpoints, restored on assignment.
@Suite("Changelog topics", .serialized)
struct ChangelogTests {
    private func engine(_ cluster: EmbeddedKafkaCluster, name: String = "moved", statePath: String) throws -> StreamEngine {
        try StreamEngine(
            topology: TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: name, input: "in", output: "out", dlq: "dlq", lanes: 2)),
            configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), groupID: name, assignment: .all),
            checkpoints: try CheckpointStore(path: statePath)
        )
    }

    @Test("a partition taken over with an empty state directory is restored from its changelog; a stale local copy gives way to the newer changelog; outputs equal a clean run's")
    func restoreOnAnotherMachine() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for (topic, partitions) in [("in", Int32(4)), ("out", 4), ("dlq", 1), ("out-clean", 4), ("dlq-clean", 1)] { try cluster.createTopic(topic, partitions: partitions) }
        let rounds = [makeEvents(count: 2_000, keys: 80, seed: 31), makeEvents(count: 2_000, keys: 80, seed: 32), makeEvents(count: 2_000, keys: 80, seed: 33)]
        let machineA = temporaryPath("a.sqlite")
        let machineB = temporaryPath("b.sqlite")

        // Machine A processes the first round and stops (checkpoint, changelog, commit).
        try produceAll(rounds[0], topic: "in", cluster: cluster)
        let a = EngineRunner(engine: try engine(cluster, statePath: machineA))
        _ = try readTopic("out", cluster: cluster, atLeast: 2_000)
        #expect(a.stop() == nil)
        #expect(a.engine.status.changelogRestores == 0)
        let topics = try KafkaAdmin(configuration: cluster.clientConfiguration()).listTopics()
        #expect(topics.first { $0.name == "moved.totals-changelog" }?.partitionCount == 4, "the changelog is created with one partition per input partition")

        // Machine B, with nothing on disk, takes over: every shard comes from the changelog.
        try produceAll(rounds[1], topic: "in", cluster: cluster)
        let b = EngineRunner(engine: try engine(cluster, statePath: machineB))
        _ = try readTopic("out", cluster: cluster, atLeast: 4_000)
        #expect(b.stop() == nil)
        #expect(b.engine.status.changelogRestores == 4, "all four shards restored from the changelog")
        #expect(b.engine.status.discardedCheckpoints == 0)

        // Back on machine A, whose local copy is one round behind the changelog.
        try produceAll(rounds[2], topic: "in", cluster: cluster)
        let again = EngineRunner(engine: try engine(cluster, statePath: machineA))
        let outputs = try readTopic("out", cluster: cluster, atLeast: 6_000)
        #expect(again.stop() == nil)
        #expect(again.engine.status.changelogRestores == 4, "the stale local copy is not used")

        // And on machine A once more: now its local copy agrees with the changelog and is used.
        let cached = EngineRunner(engine: try engine(cluster, statePath: machineA))
        Thread.sleep(forTimeInterval: 3)
        #expect(cached.stop() == nil)
        #expect(cached.engine.status.changelogRestores == 0, "a local copy that agrees with the changelog saves the restore")

        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: 6_000)
        let (missing, mismatches) = compareWithCleanRun(outputs, expected: expected)
        #expect(missing.isEmpty, "\(missing.count) inputs without output, e.g. \(missing.prefix(5))")
        #expect(mismatches == 0, "every output after a restore equals the clean run's: the restored state is the same")
    }

    @Test("a writer stopped half-way leaves nothing half-applied; a compacted changelog restores the same state as the full one")
    func generationsAndCompaction() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let topics = ["counts": "t.counts-changelog", "index": "t.index-changelog"]
        for topic in topics.values { try cluster.createTopic(topic, partitions: 2) }
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let writer = ChangelogWriter(producer: producer, topics: topics, configuration: ChangelogConfiguration(minimumFullCopyBytes: 40))
        writer.setPartitionCounts(Dictionary(uniqueKeysWithValues: topics.values.map { ($0, Int32(2)) }))
        let input = KafkaTopicPartition(topic: "in", partition: 1)
        func state(_ offset: Int64, counts: [String: String], index: [String: String]) -> PartitionState {
            PartitionState(positions: [input: offset], maxEventTimes: [input: offset * 10],
                           operators: ["counts": counts.mapValues { Array($0.utf8) }, "index": index.mapValues { Array($0.utf8) }])
        }
        var positions: [ChangelogPosition] = []
        // Many small changes, so full copies are written along the way.
        for round in 1...12 {
            var counts = ["a": "a\(round)", "b": "b\(round / 3)", "c": "c"]
            if round % 4 == 0 { counts["c"] = nil } // evicted now and then: a tombstone
            positions.append(try writer.write(shard: 1, state: state(Int64(round * 100), counts: counts, index: ["x": "x\(round / 5)"])))
        }
        #expect(positions.map(\.generation) == Array(1...12))
        #expect(Set(positions.compactMap { $0.logs["counts"]?.fullCopyStart }).count > 1, "full copies were written as the log grew")

        let restorer = ChangelogRestorer(kafka: cluster.consumerConfiguration(), configuration: ChangelogConfiguration(), logger: Logger(label: "test"))
        func restore(_ topics: [String: String]) throws -> ChangelogRestorer.Restored? {
            let operators = topics.sorted(by: { $0.key < $1.key }).map { (name: $0.key, topic: $0.value) }
            let marks = try restorer.watermarks(operators.map { KafkaTopicPartition(topic: $0.topic, partition: 1) })
            return try restorer.restore(shard: 1, operators: operators, marks: marks)
        }
        let complete = try #require(try restore(topics))
        let expected = state(1_200, counts: ["a": "a12", "b": "b4"], index: ["x": "x2"])
        #expect(complete.state.operators == expected.operators, "the newest state, evicted key gone")
        #expect(complete.state.positions == expected.positions && complete.state.maxEventTimes == expected.maxEventTimes)
        #expect(complete.unsure.isEmpty)

        // Generation 13 is cut off after one operator's keys: no marker anywhere.
        for (key, value) in [("a", "a13"), ("d", "d13")] {
            try producer.send(KafkaProducerMessage(topic: topics["counts"]!, partition: 1, key: key, value: Array(value.utf8), headers: [ChangelogMarker.header(13)])) { _ in }
        }
        try producer.flush()
        let cut = try #require(try restore(topics))
        #expect(cut.state.operators == expected.operators, "generation 13 is not applied")
        #expect(cut.state.positions == expected.positions, "processing resumes where generation 12 ended")
        #expect(cut.unsure["counts"] == ["a", "d"], "its keys are written again by the next checkpoint")
        #expect(cut.state.changelog?.generation == 13, "generation 13 is never reused")

        // The new owner's restore writes those keys again with their restored state (what the
        // engine does on assignment); then compaction, which keeps each key's newest record and
        // the newest marker, leaves a changelog that restores the same state.
        writer.adopt(shard: 1, operators: cut.state.operators, position: try #require(cut.state.changelog), unsure: cut.unsure)
        let repaired = try writer.write(shard: 1, state: cut.state)
        #expect(repaired.generation == 14)
        let afterRepair = try #require(try restore(topics))
        #expect(afterRepair.state.operators == expected.operators && afterRepair.state.positions == expected.positions)
        #expect(afterRepair.unsure.isEmpty)
        let compacted = ["counts": "c.counts-changelog", "index": "c.index-changelog"]
        for topic in compacted.values { try cluster.createTopic(topic, partitions: 2) }
        for (name, topic) in topics {
            let reader = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: "compactor-\(name)")
            let partition = KafkaTopicPartition(topic: topic, partition: 1)
            let high = try reader.watermarks(partition).high
            try reader.assign([partition], startOffsets: [partition: 0])
            var newest: [String: KafkaConsumerMessage] = [:]
            var order: [String] = []
            var read: Int64 = 0
            while read < high {
                for message in reader.poll(timeout: .milliseconds(200)) {
                    let key = message.keyString!
                    if newest[key] == nil { order.append(key) }
                    newest[key] = message
                    read = message.offset + 1
                }
            }
            reader.close()
            for key in order.sorted(by: { newest[$0]!.offset < newest[$1]!.offset }) {
                let message = newest[key]!
                try producer.send(KafkaProducerMessage(topic: compacted[name]!, partition: 1, key: message.key, value: message.value, headers: message.headers)) { _ in }
            }
        }
        try producer.flush()
        let fromCompacted = try #require(try restore(compacted))
        #expect(fromCompacted.state.operators == afterRepair.state.operators)
        #expect(fromCompacted.state.positions == afterRepair.state.positions)
        #expect(fromCompacted.unsure.isEmpty)
        producer.close()
    }

    @Test("with a standby, partitions that move here are restored from the warm copy; outputs equal a clean run's")
    func standbyReplica() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for (topic, partitions) in [("in", Int32(4)), ("out", 4), ("dlq", 1), ("out-clean", 4), ("dlq-clean", 1)] { try cluster.createTopic(topic, partitions: partitions) }
        func member(_ path: String) throws -> StreamEngine {
            try StreamEngine(
                topology: TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "standby", input: "in", output: "out", dlq: "dlq", lanes: 2)),
                configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), groupID: "standby", consumerProperties: EmbeddedKafkaCluster.consumerProperties,
                                                   changelog: ChangelogConfiguration(standbyReplicas: 1)),
                checkpoints: try CheckpointStore(path: path)
            )
        }
        try produceAll(makeEvents(count: 2_000, keys: 80, seed: 51), topic: "in", cluster: cluster)
        let a = EngineRunner(engine: try member(temporaryPath("a.sqlite")))
        _ = try readTopic("out", cluster: cluster, atLeast: 2_000)
        let b = EngineRunner(engine: try member(temporaryPath("b.sqlite")))
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, a.engine.status.assigned.isEmpty || b.engine.status.assigned.isEmpty { Thread.sleep(forTimeInterval: 0.2) }
        #expect(!a.engine.status.assigned.isEmpty && !b.engine.status.assigned.isEmpty, "both members own partitions")
        try produceAll(makeEvents(count: 2_000, keys: 80, seed: 52), topic: "in", cluster: cluster)
        _ = try readTopic("out", cluster: cluster, atLeast: 4_000)
        // A leaves: its partitions move to B, whose standby has followed their changelogs.
        Thread.sleep(forTimeInterval: 2)
        #expect(a.stop() == nil)
        let moved = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < moved, b.engine.status.assigned.count < 4 { Thread.sleep(forTimeInterval: 0.2) }
        try produceAll(makeEvents(count: 2_000, keys: 80, seed: 53), topic: "in", cluster: cluster)
        let outputs = try readTopic("out", cluster: cluster, atLeast: 6_000)
        #expect(b.stop() == nil)
        #expect(b.engine.status.warmRestores > 0, "the moved shards were restored from the standby's copy (restores: \(b.engine.status.changelogRestores))")
        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: 6_000)
        let (missing, mismatches) = compareWithCleanRun(outputs, expected: expected)
        #expect(missing.isEmpty, "\(missing.count) inputs without output")
        #expect(mismatches == 0, "outputs after the moves equal the clean run's")
    }

    @Test("more than one standby replica is refused with an error that says why")
    func standbyReplicasBound() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let error = #expect(throws: EngineError.self) {
            try StreamEngine(
                topology: TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "standby2", input: "in", output: "out", dlq: "dlq", lanes: 1)),
                configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), changelog: ChangelogConfiguration(standbyReplicas: 2)),
                checkpoints: try CheckpointStore(path: temporaryPath("s.sqlite"))
            )
        }
        #expect(error?.description.contains("only 0 or 1") == true)
    }

    @Test("one key's state larger than Kafka's 1 MB default record (the ring stage's single key) is written and restored")
    func largeKeyState() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("big.rings-changelog", partitions: 1)
        let configuration = ChangelogConfiguration()
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: ["message.max.bytes": String(configuration.maximumRecordBytes)]))
        defer { producer.close() }
        let writer = ChangelogWriter(producer: producer, topics: ["rings": "big.rings-changelog"], configuration: configuration)
        writer.setPartitionCounts(["big.rings-changelog": 1])
        let big = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let input = KafkaTopicPartition(topic: "ring-input", partition: 0)
        _ = try writer.write(shard: 0, state: PartitionState(positions: [input: 9], maxEventTimes: [:], operators: ["rings": ["ring": big]]))
        let restorer = ChangelogRestorer(kafka: cluster.consumerConfiguration(), configuration: configuration, logger: Logger(label: "test"))
        let partition = KafkaTopicPartition(topic: "big.rings-changelog", partition: 0)
        let restored = try #require(try restorer.restore(shard: 0, operators: [(name: "rings", topic: "big.rings-changelog")], marks: try restorer.watermarks([partition])))
        #expect(restored.state.operators["rings"]?["ring"] == big)
        #expect(restored.state.positions == [input: 9])
    }
}
