import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka
import VigilState
import VigilPrimitives
import VigilTestSupport

/// Runs a StreamEngine on its own thread against an embedded cluster.
final class EngineRunner: @unchecked Sendable {
    let engine: StreamEngine
    private let finished = DispatchSemaphore(value: 0)
    private let error = ErrorBox()

    init(engine: StreamEngine) {
        self.engine = engine
        let thread = Thread { [engine, finished, error] in
            do { try engine.run() } catch let failure { error.value.withLock { $0 = "\(failure)" } }
            finished.signal()
        }
        thread.start()
    }

    /// Stops gracefully and waits for the run loop to end.
    func stop(timeout: TimeInterval = 60) -> String? {
        engine.stop()
        _ = finished.wait(timeout: .now() + timeout)
        return error.value.withLock { $0 }
    }
}

final class ErrorBox: Sendable {
    let value = Mutex<String?>(nil)
}

/// A window-aggregate topology over one input topic.
func windowTopology(name: String, input: String, output: String, dlq: String, lanes: Int, late: String? = nil) -> String {
    """
    name: \(name)
    lanes: \(lanes)
    allowed_lateness: 2m
    checkpoint_interval: 1s
    sources:
      - {name: events, topic: \(input), decoder: json}
    operators:
      - name: totals
        type: window-aggregate
        sources: [events]
        sinks: [aggregates]
        config: {value_field: amount, distinct_field: buyer, windows: ["1h/5m", "24h/1h", "7d/1d"]}
    sinks:
      - {name: aggregates, topic: \(output)}
    dead_letter: \(dlq)
    \(late.map { "late_output: \($0)" } ?? "")
    """
}

/// Deterministic input: `count` JSON events over `keys` keys, event times jittered backwards within
/// `jitterMs` (out of order, but within the allowed lateness).
func makeEvents(count: Int, keys: Int, seed: UInt64, jitterMs: Int64 = 90_000) -> [(key: String, value: [UInt8])] {
    var rng = SplitMix64(seed: seed)
    let base: Int64 = 1_700_000_000_000
    return (0..<count).map { index in
        let key = "m\(rng.next() % UInt64(keys))"
        let ts = base + Int64(index) * 1_000 - Int64(rng.next() % UInt64(jitterMs))
        let amount = Double(rng.next() % 10_000) / 100
        let buyer = "b\(rng.next() % 50)"
        return (key, Array(#"{"id":"e\#(index)","ts":\#(ts),"amount":\#(amount),"buyer":"\#(buyer)"}"#.utf8))
    }
}

/// Produces records and waits for every acknowledgement.
func produceAll(_ records: [(key: String, value: [UInt8])], topic: String, cluster: EmbeddedKafkaCluster) throws {
    let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "test-input"))
    for record in records {
        try producer.send(KafkaProducerMessage(topic: topic, key: record.key, value: record.value)) { report in
            precondition(report.isDelivered, "input not delivered: \(String(describing: report.error))")
        }
    }
    try producer.flush(timeout: .seconds(60))
    producer.close()
}

/// Reads a topic from the beginning until `count` records arrived or the timeout passed.
/// `properties` are extra consumer settings (e.g. `isolation.level=read_committed`); the read ends
/// once `count` records arrived and none came for `quietPeriod`.
func readTopic(_ topic: String, cluster: EmbeddedKafkaCluster, atLeast count: Int, timeout: Duration = .seconds(60),
               properties: [String: String] = [:], quietPeriod: Duration = .milliseconds(500)) throws -> [KafkaConsumerMessage] {
    let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "test-reader", properties: properties), groupID: "reader-\(UUID().uuidString)")
    try consumer.subscribe(topics: [topic])
    var received: [KafkaConsumerMessage] = []
    let deadline = ContinuousClock.now.advanced(by: timeout)
    var quietSince = ContinuousClock.now
    while ContinuousClock.now < deadline {
        let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
        received += batch
        if !batch.isEmpty { quietSince = ContinuousClock.now }
        if received.count >= count, ContinuousClock.now - quietSince > quietPeriod { break }
    }
    consumer.close()
    return received
}

/// Output records grouped per key, in topic order.
func outputsByKey(_ messages: [KafkaConsumerMessage]) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for message in messages.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
        result[message.keyString ?? "", default: []].append(String(decoding: message.value ?? [], as: UTF8.self))
    }
    return result
}

/// The input offset embedded in a window-aggregate output.
func inputOffset(_ json: String) -> Int64 {
    let object = try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    return (object["offset"] as! NSNumber).int64Value
}

func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// The outputs of a clean run of the window topology (no state store, from the beginning of
/// `input`), by "partition:input offset": what any run over the same input must produce.
func cleanRunOutputs(cluster: EmbeddedKafkaCluster, input: String, output: String, dlq: String, count: Int) throws -> [String: String] {
    let clean = try StreamEngine(
        topology: TopologyLoader(registry: .standard()).load(yaml: windowTopology(name: "clean-\(output)", input: input, output: output, dlq: dlq, lanes: 2)),
        configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), assignment: .all),
        checkpoints: nil
    )
    let runner = EngineRunner(engine: clean)
    let outputs = try readTopic(output, cluster: cluster, atLeast: count, timeout: .seconds(90))
    #expect(runner.stop() == nil)
    #expect(outputs.count == count, "the clean run has one output per input")
    var expected: [String: String] = [:]
    for message in outputs {
        let value = String(decoding: message.value!, as: UTF8.self)
        expected["\(message.partition):\(inputOffset(value))"] = value
    }
    return expected
}

/// Which inputs of `expected` have no output in `outputs`, and how many outputs differ from the
/// clean run's output for the same input.
func compareWithCleanRun(_ outputs: [KafkaConsumerMessage], expected: [String: String]) -> (missing: [String], mismatches: Int) {
    var covered = Set<String>()
    var mismatches = 0
    for message in outputs {
        let value = String(decoding: message.value!, as: UTF8.self)
        let id = "\(message.partition):\(inputOffset(value))"
        covered.insert(id)
        if expected[id] != value { mismatches += 1 }
    }
    return (Set(expected.keys).subtracting(covered).sorted(), mismatches)
}

/// Produces `events` to `topic` in chunks of `chunk` with `pause` seconds between them, on a
/// background thread (input that keeps flowing while engines are killed); the semaphore is
/// signalled once everything is produced.
func produceInBackground(_ events: [(key: String, value: [UInt8])], topic: String, cluster: EmbeddedKafkaCluster, chunk: Int, pause: TimeInterval) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    Thread {
        for start in stride(from: 0, to: events.count, by: chunk) {
            try? produceAll(Array(events[start..<min(start + chunk, events.count)]), topic: topic, cluster: cluster)
            Thread.sleep(forTimeInterval: pause)
        }
        done.signal()
    }.start()
    return done
}

/// The window topology in a scratch directory, run by `vigil run` in child processes against a
/// cluster of the test process (which creates the topics, changelog included: a child process
/// cannot create topics on this embedded cluster).
struct ChildEngineSetup {
    let cluster: EmbeddedKafkaCluster
    let directory: String
    let topologyFile: String
    let executable: URL

    /// Creates `in`, `out`, `dlq` (and their clean-run twins) and the topology's changelog with
    /// `partitions` partitions, and writes the topology `name`.
    init(name: String, partitions: Int32) throws {
        cluster = try EmbeddedKafkaCluster(brokers: 1)
        for topic in ["in", "out", "out-clean", "dlq", "dlq-clean", "\(name).totals-changelog"] { try cluster.createTopic(topic, partitions: partitions) }
        directory = temporaryPath(name)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        topologyFile = directory + "/\(name).yml"
        try windowTopology(name: name, input: "in", output: "out", dlq: "dlq", lanes: 2).write(toFile: topologyFile, atomically: true, encoding: .utf8)
        executable = try vigilExecutable()
    }

    /// Starts `vigil run` with its state under `<directory>/<machine>/`; its output goes to
    /// `<directory>/<machine>.log` when `logLevel` is given, else nowhere.
    func launch(group: String, machine: String = "main", assignment: String = "all", logLevel: String? = nil,
                extraArguments: [String] = [], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["run", "--topology", topologyFile, "--brokers", cluster.bootstrapServers, "--group", group,
                             // Each machine has its own state and case store (the default, .vigil/ in the
                             // working directory, would be one file locked by both).
                             "--state", "\(directory)/\(machine)/state.sqlite", "--cases", "\(directory)/\(machine)/cases.sqlite",
                             "--log-level", logLevel ?? "warning",
                             "--assignment", assignment, "--admin-address", "127.0.0.1:0"] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if logLevel != nil {
            _ = FileManager.default.createFile(atPath: "\(directory)/\(machine).log", contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/\(machine).log"))
            process.standardOutput = log
            process.standardError = log
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// What a process started with `logLevel` logged.
    func log(of machine: String) -> String {
        (try? String(contentsOfFile: "\(directory)/\(machine).log", encoding: .utf8)) ?? ""
    }
}
