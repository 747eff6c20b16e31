import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka

/// Keys by the Kafka key; the event time is the value, written as decimal digits.
struct TimedDecoder: RecordDecoder {
    func decode(_ record: RawRecord) throws -> DecodedPayload {
        guard let value = record.value, let time = Int64(String(decoding: value, as: UTF8.self)) else {
            throw DecodeError("value is not an event time")
        }
        return DecodedPayload(key: record.keyString ?? "", eventTime: time, value: 0)
    }
}

/// Records, per key, the event times in the order the records reached the operator.
final class ArrivalRecorder: KeyedProcessor {
    static let arrivals = Mutex<[String: [Int64]]>([:])
    static var count: Int { arrivals.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    var keyCount: Int { 0 }
    func process(_ record: SourceRecord, context: inout ProcessingContext) throws {
        Self.arrivals.withLock { $0[record.key, default: []].append(record.eventTime) }
    }
    func snapshot() -> [(key: String, state: [UInt8])] { [] }
    func restore(key: String, state: [UInt8]) throws {}
    func evictIdle(olderThan eventTime: Int64) -> Int { 0 }
}

struct ArrivalRecorderFactory: OperatorFactory {
    func makeProcessor() -> any KeyedProcessor { ArrivalRecorder() }
}

@Suite("Event-time alignment", .serialized)
struct EventTimeAlignmentTests {
    @Test("records of co-partitioned topics reach each key in event-time order, even when one topic's backlog was written first")
    func backlogsAreMergedByEventTime() throws {
        let perTopic = 3_000
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["orders", "refunds"] { try cluster.createTopic(topic, partitions: 4) }
        try cluster.createTopic("align-dlq", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        // Every order first (even times), then every refund (odd times): a backlog read topic by
        // topic would show each key all its orders before any refund.
        for (topic, parity) in [("orders", 0), ("refunds", 1)] {
            for index in 0..<perTopic {
                let time = Int64(2 * index + parity)
                try producer.send(KafkaProducerMessage(topic: topic, key: "k\(index % 16)", value: Array(String(time).utf8))) { report in
                    precondition(report.isDelivered)
                }
            }
        }
        try producer.flush(timeout: .seconds(60))
        producer.close()

        let registry = TopologyRegistry()
        registry.registerDecoder("timed") { _ in TimedDecoder() }
        registry.registerOperator("arrival-recorder") { _ in ArrivalRecorderFactory() }
        let topology = try TopologyLoader(registry: registry).load(yaml: """
            name: align
            lanes: 2
            allowed_lateness: 1h
            sources: [{name: orders, topic: orders, decoder: timed}, {name: refunds, topic: refunds, decoder: timed}]
            operators: [{name: recorder, type: arrival-recorder, sources: [orders, refunds]}]
            sinks: []
            dead_letter: align-dlq
            """)
        ArrivalRecorder.arrivals.withLock { $0.removeAll() }
        let engine = try StreamEngine(
            topology: topology,
            configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), alignmentWait: .seconds(10), assignment: .all),
            checkpoints: nil
        )
        let runner = EngineRunner(engine: engine)
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ArrivalRecorder.count < 2 * perTopic, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(runner.stop() == nil)
        let arrivals = ArrivalRecorder.arrivals.withLock { $0 }
        #expect(arrivals.values.reduce(0) { $0 + $1.count } == 2 * perTopic)
        #expect(arrivals.count == 16)
        for (key, times) in arrivals.sorted(by: { $0.key < $1.key }) {
            let misordered = zip(times, times.dropFirst()).filter { $0 >= $1 }.count
            #expect(misordered == 0, "\(key): \(misordered) records arrived before an earlier one; first times \(times.prefix(8))")
        }
    }
}
