import ArgumentParser
import Dispatch
import Foundation
import Logging
import VigilEngine
import VigilKafka
import VigilOps

/// `vigil bench engine`: throughput of the generic window topology, in-process and end to end.
struct EngineBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Window-aggregate topology (3 sliding windows x 8 aggregates per key): in-process updates/s, and end-to-end events/s through the embedded cluster."
    )

    @Option(help: "Events to process.")
    var events: Int = 1_000_000

    @Option(help: "Distinct keys.")
    var keys: Int = 100_000

    @Option(help: "Lanes (0 = one per core).")
    var lanes: Int = 0

    @Flag(help: "Also run the end-to-end measurement (consume → lanes → produce → commit) through the embedded cluster.")
    var endToEnd = false

    @Option(help: "Events for the end-to-end measurement.")
    var endToEndEvents: Int = 300_000

    @Option(help: "Partitions of the end-to-end input and output topics.")
    var partitions: Int = 16

    @Option(help: "Records a lane may queue before the consumer holds (the engine's lane capacity).")
    var laneCapacity: Int = EngineConfiguration.Defaults.laneCapacity

    @Option(name: .customLong("kafka-property"), help: ArgumentHelp("A librdkafka property for the engine's producer and consumer, as name=value (repeatable), e.g. linger.ms=20.", valueName: "name=value"))
    var kafkaProperties: [String] = []

    /// The `--kafka-property` options as a dictionary.
    private func parsedKafkaProperties() throws -> [String: String] {
        try KeyValueOption.dictionary(kafkaProperties, flag: "--kafka-property")
    }

    func run() throws {
        LoggingSetup.bootstrap()
        let laneCount = lanes > 0 ? lanes : ProcessInfo.processInfo.activeProcessorCount
        let yaml = """
            name: bench
            lanes: \(laneCount)
            sources: [{name: events, topic: bench.in, decoder: json}]
            operators:
              - {name: totals, type: window-aggregate, sources: [events], sinks: [out],
                 config: {value_field: amount, distinct_field: buyer, windows: ["1h/5m", "24h/1h", "7d/1d"]}}
            sinks: [{name: out, topic: bench.out}]
            dead_letter: bench.dlq
            """
        let topology = try TopologyLoader(registry: .standard()).load(yaml: yaml)
        let stateOnly = try TopologyLoader(registry: .standard()).load(yaml: yaml.replacingOccurrences(of: "windows: [", with: "emit: never, windows: ["))
        try inProcess(stateOnly, laneCount: laneCount, label: "window updates only (emit: never)")
        try inProcess(topology, laneCount: laneCount, label: "update + snapshot of 3 windows + JSON output per event")
        if endToEnd { try throughKafka(topology) }
    }

    /// Drives the operator's processors directly on `laneCount` threads, one shard of keys each.
    private func inProcess(_ topology: Topology, laneCount: Int, label: String) throws {
        let op = topology.operators[0]
        let router = KeyRouter(laneCount: laneCount)
        var perLane = [[SourceRecord]](repeating: [], count: laneCount)
        let base: Int64 = 1_700_000_000_000
        for index in 0..<events {
            let key = "m\(index % keys)"
            let fields = JSONFields(numbers: ["amount": Double(index % 1000), "ts": Double(base + Int64(index) * 10)], strings: ["buyer": "b\(index % 5000)"])
            let record = SourceRecord(source: "events", key: key, eventTime: base + Int64(index) * 10, payload: fields,
                                      origin: RecordOrigin(partition: KafkaTopicPartition(topic: "bench.in", partition: 0), offset: Int64(index)))
            perLane[router.lane(for: key)].append(record)
        }
        let processors = UncheckedProcessors(all: (0..<laneCount).map { _ in op.factory.makeProcessor() })
        let outputs = Mutex(0)
        let start = ContinuousClock.now
        let lanesToRun = perLane
        DispatchQueue.concurrentPerform(iterations: laneCount) { lane in
            let processor = processors.all[lane]
            var emitted = 0
            for record in lanesToRun[lane] {
                var context = ProcessingContext(operatorName: op.name)
                try? processor.process(record, context: &context)
                emitted += context.outputs.count
            }
            outputs.withLock { $0 += emitted }
        }
        let elapsed = (ContinuousClock.now - start).secondsDouble
        let stateBytes = processors.all.reduce(0) { total, processor in total + processor.snapshot().reduce(0) { $0 + $1.state.count + $1.key.utf8.count } }
        print("in-process, \(label): \(events) events over \(keys) keys, \(laneCount) lanes, 3 windows x 8 aggregates")
        print(String(format: "  %.0f events/s, %.0f window updates/s (events x 3 windows), %.2f s; outputs rendered: %d", Double(events) / elapsed, Double(events * 3) / elapsed, elapsed, outputs.withLock { $0 }))
        print("  checkpointed state: \(stateBytes / max(1, keys)) bytes per key")
    }

    /// Produces events, then runs the engine until every output is acknowledged and committed.
    private func throughKafka(_ topology: Topology) throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("bench.in", partitions: Int32(partitions))
        try cluster.createTopic("bench.out", partitions: Int32(partitions))
        try cluster.createTopic("bench.dlq", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let counter = DeliveryCounter()
        let base: Int64 = 1_700_000_000_000
        for index in 0..<endToEndEvents {
            let body = #"{"ts":\#(base + Int64(index) * 10),"amount":\#(index % 1000),"buyer":"b\#(index % 5000)"}"#
            try producer.send(KafkaProducerMessage(topic: "bench.in", key: "m\(index % keys)", value: Array(body.utf8))) { counter.record($0) }
        }
        try producer.flush(timeout: .seconds(120))
        producer.close()
        try measureEngine(topology, on: cluster)
        // After the engine and admin clients are gone: a client that outlives the cluster logs
        // its failed reconnection attempts as errors.
        cluster.shutdown()
    }

    /// Runs the engine over the produced input until everything is committed; prints the figures.
    private func measureEngine(_ topology: Topology, on cluster: EmbeddedKafkaCluster) throws {
        let kafka = cluster.clientConfiguration(properties: try parsedKafkaProperties())
        let engine = try StreamEngine(topology: topology, configuration: EngineConfiguration(kafka: kafka, laneCapacity: laneCapacity, assignment: .all), checkpoints: nil)
        let done = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        Thread { try? engine.run(); done.signal() }.start()
        let admin = try KafkaAdmin(configuration: cluster.clientConfiguration())
        var finished: ContinuousClock.Instant?
        var allRead: ContinuousClock.Instant?
        var firstRead: ContinuousClock.Instant?
        while finished == nil {
            Thread.sleep(forTimeInterval: 0.01)
            let recordsIn = engine.status.recordsIn
            if firstRead == nil, recordsIn > 0 { firstRead = ContinuousClock.now }
            // Ask the cluster only once every record was read (lag queries are round trips).
            guard recordsIn >= endToEndEvents else { continue }
            if allRead == nil { allRead = ContinuousClock.now }
            let lag = try admin.lag(group: "bench", topics: ["bench.in"])
            if lag.reduce(0, { $0 + $1.lag }) == 0 { finished = ContinuousClock.now }
        }
        engine.stop()
        done.wait()
        let elapsed = (finished! - start).secondsDouble
        print("end to end: \(endToEndEvents) events consumed, processed, produced and committed in \(String(format: "%.2f", elapsed)) s = \(String(format: "%.0f", Double(endToEndEvents) / elapsed)) events/s")
        let status = engine.status
        print(String(format: "  first record read after %.2f s, every record after %.2f s, all committed after %.2f s", (firstRead! - start).secondsDouble, (allRead! - start).secondsDouble, elapsed))
        print("  \(partitions) partitions, lane capacity \(laneCapacity): consumer held \(status.backpressureHolds) times, paused \(status.backpressurePauses) times, deepest lane queue \(status.deepestLaneQueue)")
    }
}

import Synchronization
import VigilPrimitives

/// Processors handed to `concurrentPerform`, each used by exactly one iteration.
private struct UncheckedProcessors: @unchecked Sendable {
    let all: [any KeyedProcessor]
}
