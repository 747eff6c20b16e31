import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka

/// Keys by the Kafka key; event time is the record's position so nothing is late.
struct RawDecoder: RecordDecoder {
    func decode(_ record: RawRecord) throws -> DecodedPayload {
        DecodedPayload(key: record.keyString ?? "", eventTime: record.offset, value: record.value?.count ?? 0)
    }
}

/// Counts records per key and burns a little CPU on each, to be slower than the consumer.
final class SlowCounter: KeyedProcessor {
    static let processed = Atomic<Int>(0)
    var counts: [String: Int] = [:]
    var keyCount: Int { counts.count }
    func process(_ record: SourceRecord, context: inout ProcessingContext) throws {
        counts[record.key, default: 0] += 1
        var spin = 0
        for index in 0..<3_000 { spin &+= index &* 31 }
        if spin == 42 { print(spin) }
        Self.processed.add(1, ordering: .relaxed)
    }
    func snapshot() -> [(key: String, state: [UInt8])] { [] }
    func restore(key: String, state: [UInt8]) throws {}
    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}

struct SlowCounterFactory: OperatorFactory {
    func makeProcessor() -> any KeyedProcessor { SlowCounter() }
}

/// Resident set size of this process in bytes.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

@Suite("Backpressure", .serialized)
struct EngineBackpressureTests {
    /// Creates `topic` (and `topic-dlq`) and writes `records` records keyed `k0…` round robin, each
    /// acknowledged; the value is the record's number.
    func fill(_ cluster: EmbeddedKafkaCluster, topic: String, partitions: Int32, records: Int, keys: Int, producerProperties: [String: String] = [:]) throws {
        try cluster.createTopic(topic, partitions: partitions)
        try cluster.createTopic("\(topic)-dlq", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: producerProperties))
        let keyBytes = (0..<keys).map { Array("k\($0)".utf8) }
        for index in 0..<records {
            try producer.send(KafkaProducerMessage(topic: topic, key: keyBytes[index % keys], value: Array("\(index)".utf8))) { report in
                precondition(report.isDelivered)
            }
        }
        try producer.flush(timeout: .seconds(120))
        producer.close()
    }

    /// A two-lane topology named after `topic` that reads it with ``RawDecoder`` into one operator.
    func singleOperatorTopology(_ topic: String, operatorType: String, factory: some OperatorFactory) throws -> Topology {
        let registry = TopologyRegistry()
        registry.registerDecoder("raw") { _ in RawDecoder() }
        registry.registerOperator(operatorType) { _ in factory }
        return try TopologyLoader(registry: registry).load(yaml: """
            name: \(topic)
            lanes: 2
            sources: [{name: \(topic), topic: \(topic), decoder: raw}]
            operators: [{name: only, type: \(operatorType), sources: [\(topic)]}]
            sinks: []
            dead_letter: \(topic)-dlq
            """)
    }

    @Test("a burst of 2 million records into a slow operator keeps resident memory bounded and all are processed")
    func boundedMemory() throws {
        let total = 2_000_000
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try fill(cluster, topic: "burst", partitions: 64, records: total, keys: 1000, producerProperties: ["linger.ms": "20"])
        let topology = try singleOperatorTopology("burst", operatorType: "slow-counter", factory: SlowCounterFactory())
        SlowCounter.processed.store(0, ordering: .relaxed)
        let engine = try StreamEngine(
            topology: topology,
            configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), laneCapacity: 5_000, assignment: .all),
            checkpoints: nil
        )
        let baseline = residentBytes()
        var peak = baseline
        let runner = EngineRunner(engine: engine)
        let deadline = ContinuousClock.now.advanced(by: .seconds(300))
        while SlowCounter.processed.load(ordering: .relaxed) < total, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            peak = max(peak, residentBytes())
        }
        #expect(runner.stop() == nil)
        #expect(SlowCounter.processed.load(ordering: .relaxed) == total, "every record processed")
        #expect(engine.status.recordsIn == total)
        #expect(engine.status.backpressureHolds > 0, "the consumer stopped taking records while the lanes were full")
        // The bound backpressure enforces: no lane ever holds more than its capacity plus one
        // poll batch (without backpressure the lanes would queue most of the 2M records).
        #expect(engine.status.deepestLaneQueue <= 5_000 + 5_000, "deepest lane queue \(engine.status.deepestLaneQueue)")
        // Stated memory bound for the whole test process, which also hosts the embedded broker
        // holding the 2M records: growth under 256 MiB (measured 42 MiB alone, ~150 MiB after
        // the rest of the suite has run in the same process).
        let growth = peak - baseline
        print("backpressure test: resident memory grew by \(growth / 1_048_576) MiB, deepest lane queue \(engine.status.deepestLaneQueue)")
        #expect(growth < 256 * 1024 * 1024, "resident memory grew by \(growth / 1_048_576) MiB")
    }

    @Test("lanes that stay full pause the partitions; they resume once the lanes drain, and every record is processed exactly once")
    func stuckOperatorPausesAndResumes() throws {
        let total = 40_000
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try fill(cluster, topic: "stuck", partitions: 8, records: total, keys: 500)
        let topology = try singleOperatorTopology("stuck", operatorType: "gated-counter", factory: GatedCounterFactory())
        GatedCounter.reset()
        let engine = try StreamEngine(
            topology: topology,
            configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), laneCapacity: 1_000, pauseAfter: .milliseconds(200), assignment: .all),
            checkpoints: nil
        )
        let runner = EngineRunner(engine: engine)
        // The operator is stuck: the lanes fill, the consumer holds, then pauses.
        let pausedBy = ContinuousClock.now.advanced(by: .seconds(60))
        while engine.status.paused == 0, ContinuousClock.now < pausedBy { Thread.sleep(forTimeInterval: 0.02) }
        let whileStuck = engine.status
        #expect(whileStuck.paused == 8, "all 8 partitions paused while the operator was stuck")
        #expect(whileStuck.backpressurePauses == 1)
        #expect(whileStuck.recordsIn < total, "the consumer stopped taking records: \(whileStuck.recordsIn) of \(total)")
        // Unstuck: the lanes drain, the partitions resume, everything arrives.
        GatedCounter.open.store(true, ordering: .releasing)
        let doneBy = ContinuousClock.now.advanced(by: .seconds(120))
        while GatedCounter.processed.load(ordering: .relaxed) < total || engine.status.paused > 0, ContinuousClock.now < doneBy {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(runner.stop() == nil)
        #expect(engine.status.paused == 0, "partitions resumed")
        // Pausing makes librdkafka drop its prefetched records and fetch them again on resume:
        // each record still reaches the operator exactly once.
        #expect(GatedCounter.processed.load(ordering: .relaxed) == total)
        #expect(engine.status.recordsIn == total)
        #expect(GatedCounter.distinctValues() == total, "no record processed twice or skipped")
    }
}

/// Blocks every record until ``open`` is set, then records each value it saw.
final class GatedCounter: KeyedProcessor {
    static let open = Atomic<Bool>(false)
    static let processed = Atomic<Int>(0)
    private static let seen = Mutex(Set<Int>())

    static func reset() {
        open.store(false, ordering: .releasing)
        processed.store(0, ordering: .relaxed)
        seen.withLock { $0.removeAll() }
    }

    static func distinctValues() -> Int { seen.withLock { $0.count } }

    var keyCount: Int { 0 }
    func process(_ record: SourceRecord, context: inout ProcessingContext) throws {
        while !Self.open.load(ordering: .acquiring) { usleep(1_000) }
        _ = Self.seen.withLock { $0.insert(Int(record.origin.offset) << 8 | Int(record.origin.partition.partition)) }
        Self.processed.add(1, ordering: .relaxed)
    }
    func snapshot() -> [(key: String, state: [UInt8])] { [] }
    func restore(key: String, state: [UInt8]) throws {}
    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}

struct GatedCounterFactory: OperatorFactory {
    func makeProcessor() -> any KeyedProcessor { GatedCounter() }
}
