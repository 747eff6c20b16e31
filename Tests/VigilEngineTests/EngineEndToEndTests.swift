import Foundation
import Testing
import VigilEngine
import VigilKafka
import VigilState

@Suite("Engine end to end on the embedded cluster", .serialized)
struct EngineEndToEndTests {
    @Test("per-key order holds with 1, 2 and 8 lanes, and results are identical whatever the lane count")
    func laneCountInvariance() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("in", partitions: 4)
        let events = makeEvents(count: 6_000, keys: 150, seed: 7)
        try produceAll(events, topic: "in", cluster: cluster)
        var results: [Int: [String: [String]]] = [:]
        for lanes in [1, 2, 8] {
            let output = "out-\(lanes)"
            try cluster.createTopic(output, partitions: 4)
            try cluster.createTopic("dlq-\(lanes)", partitions: 1)
            let topology = try TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "lanes-\(lanes)", input: "in", output: output, dlq: "dlq-\(lanes)", lanes: lanes))
            #expect(topology.laneCount == lanes)
            let engine = try StreamEngine(
                topology: topology,
                configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), consumerProperties: EmbeddedKafkaCluster.consumerProperties),
                checkpoints: nil
            )
            let runner = EngineRunner(engine: engine)
            let outputs = try readTopic(output, cluster: cluster, atLeast: events.count)
            #expect(runner.stop() == nil)
            #expect(outputs.count == events.count)
            let byKey = outputsByKey(outputs)
            for (key, values) in byKey {
                let offsets = values.map(inputOffset)
                #expect(offsets == offsets.sorted(), "outputs of \(key) out of input order with \(lanes) lanes")
            }
            results[lanes] = byKey
        }
        #expect(results[1] == results[2])
        #expect(results[1] == results[8])
        #expect(results[1]?.count == 150)
    }

    @Test("malformed records reach the dead-letter topic unchanged with reason, topic, partition and offset; processing goes on")
    func deadLetters() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["in", "out", "dlq"] { try cluster.createTopic(topic, partitions: 2) }
        let bad: [(key: String, value: [UInt8])] = [
            ("m1", Array("not json".utf8)),
            ("m1", [0xFF, 0xFE, 0x7B]),
            ("m2", Array(#"{"amount": 3}"#.utf8)),
            ("m2", Array(#"{"ts": "yesterday", "amount": 3}"#.utf8)),
            ("m3", Array(#"[1,2,3]"#.utf8)),
            ("m3", Array(#"{"ts": 1700000000000}"#.utf8)),
        ]
        let good = makeEvents(count: 500, keys: 10, seed: 3)
        try produceAll(Array(good[..<250]) + bad + Array(good[250...]), topic: "in", cluster: cluster)
        let topology = try TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "dlq", input: "in", output: "out", dlq: "dlq", lanes: 2))
        let engine = try StreamEngine(topology: topology, configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), consumerProperties: EmbeddedKafkaCluster.consumerProperties), checkpoints: nil)
        let runner = EngineRunner(engine: engine)
        let outputs = try readTopic("out", cluster: cluster, atLeast: good.count)
        let letters = try readTopic("dlq", cluster: cluster, atLeast: bad.count)
        #expect(runner.stop() == nil)
        #expect(outputs.count == good.count)
        #expect(letters.count == bad.count)
        let inputs = try readTopic("in", cluster: cluster, atLeast: good.count + bad.count)
        for letter in letters {
            let reason = try #require(letter.header("dlq.reason")?.stringValue)
            let partition = try #require(Int32(letter.header("dlq.partition")?.stringValue ?? ""))
            let offset = try #require(Int64(letter.header("dlq.offset")?.stringValue ?? ""))
            #expect(letter.header("dlq.topic")?.stringValue == "in")
            let original = try #require(inputs.first { $0.partition == partition && $0.offset == offset })
            #expect(original.value == letter.value, "dead letter carries the original bytes unchanged")
            #expect(original.key == letter.key)
            #expect(!reason.isEmpty)
        }
        let reasons = letters.compactMap { $0.header("dlq.reason")?.stringValue }
        #expect(reasons.contains { $0.contains("not valid JSON") })
        #expect(reasons.contains { $0.contains("UTF-8") })
        #expect(reasons.contains { $0.contains("'ts'") })
        #expect(reasons.contains { $0.contains("not an object") })
        #expect(reasons.contains { $0.contains("'amount'") })
    }

    @Test("events later than the allowed lateness go to the late side output and leave windows unchanged")
    func lateEvents() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["in", "out", "dlq", "late"] { try cluster.createTopic(topic, partitions: 1) }
        let base: Int64 = 1_700_000_000_000
        let records: [(key: String, value: [UInt8])] = [
            ("k", Array(#"{"ts":\#(base),"amount":1}"#.utf8)),
            ("k", Array(#"{"ts":\#(base + 600_000),"amount":2}"#.utf8)),
            ("k", Array(#"{"ts":\#(base + 500_000),"amount":4}"#.utf8)),   // 100 s late: within 2 min
            ("k", Array(#"{"ts":\#(base + 100_000),"amount":8}"#.utf8)),   // 500 s late: beyond
        ]
        try produceAll(records, topic: "in", cluster: cluster)
        let topology = try TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "late", input: "in", output: "out", dlq: "dlq", lanes: 1, late: "late"))
        let engine = try StreamEngine(topology: topology, configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), consumerProperties: EmbeddedKafkaCluster.consumerProperties), checkpoints: nil)
        let runner = EngineRunner(engine: engine)
        let outputs = try readTopic("out", cluster: cluster, atLeast: 4)
        let late = try readTopic("late", cluster: cluster, atLeast: 1)
        #expect(runner.stop() == nil)
        #expect(late.count == 1)
        #expect(late.first?.value == records[3].value)
        #expect(engine.status.lateRecords == 1)
        let last = try #require(outputs.last.map { String(decoding: $0.value!, as: UTF8.self) })
        #expect(last.contains(#""late":true"#))
        #expect(last.contains(#""1h":{"count":3,"sum":7.0"#), "the late event's 8 is not in the window: \(last)")
    }

    @Test("two engine instances in one group: partitions move on rebalance, nothing is lost, repeats carry the same input offset")
    func twoInstances() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["in", "out", "dlq"] { try cluster.createTopic(topic, partitions: 6) }
        let first = makeEvents(count: 3_000, keys: 120, seed: 11)
        try produceAll(first, topic: "in", cluster: cluster)
        let yaml = windowTopology(name: "pair", input: "in", output: "out", dlq: "dlq", lanes: 2)
        let store = try CheckpointStore(path: temporaryPath("pair.sqlite"))
        func makeEngine() throws -> StreamEngine {
            try StreamEngine(
                topology: TopologyLoader(registry: .standard()).load(yaml: yaml),
                configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), groupID: "pair", consumerProperties: EmbeddedKafkaCluster.consumerProperties),
                checkpoints: store
            )
        }
        let a = EngineRunner(engine: try makeEngine())
        _ = try readTopic("out", cluster: cluster, atLeast: 1_000, timeout: .seconds(30))
        let b = EngineRunner(engine: try makeEngine())
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, a.engine.status.assigned.isEmpty || b.engine.status.assigned.isEmpty {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(!a.engine.status.assigned.isEmpty && !b.engine.status.assigned.isEmpty, "both instances own partitions")
        #expect(a.engine.status.assigned.isDisjoint(with: b.engine.status.assigned))
        let second = makeEvents(count: 3_000, keys: 120, seed: 12)
        try produceAll(second, topic: "in", cluster: cluster)
        _ = try readTopic("out", cluster: cluster, atLeast: 6_000, timeout: .seconds(60))
        #expect(a.stop() == nil)
        let outputs = try readTopic("out", cluster: cluster, atLeast: 6_000, timeout: .seconds(60))
        #expect(b.stop() == nil)
        let inputs = try readTopic("in", cluster: cluster, atLeast: 6_000)
        let inputIDs = Set(inputs.map { "\($0.partition):\($0.offset)" })
        var outputIDs = Set<String>()
        for message in outputs {
            outputIDs.insert("\(message.partition):\(inputOffset(String(decoding: message.value!, as: UTF8.self)))")
        }
        #expect(outputIDs == inputIDs, "every input record has its output; a repeat is recognisable by its input offset")
    }
}
