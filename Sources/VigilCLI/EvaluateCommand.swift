import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilRisk

/// `vigil evaluate`: scores verdicts against a simulation's ground truth.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score verdicts (a JSONL file or the risk.verdicts topic) against truth.json: precision, recall, F1, false intercepts, time to intercept, the merchant-level precision-recall curve.",
        discussion: """
        A merchant counts as intercepted when any verdict for it (listing or merchant) says intercept;
        verdicts are de-duplicated by verdict_id. With --brokers, the topic is read from the beginning
        (all partitions, no consumer group membership) until no record arrived for --idle seconds.
        """
    )

    @Option(help: "The truth.json written by `vigil simulate`.")
    var truth: String

    @Option(help: "A JSONL file of verdicts (one risk.verdicts message per line).")
    var verdicts: String?

    @Option(help: "Kafka bootstrap servers (host:port,...): read the verdicts topic instead of a file.")
    var brokers: String?

    @Option(help: "Verdicts topic, with --brokers.")
    var topic: String = "risk.verdicts"

    @Option(help: "With --brokers: stop after this many seconds without a new record.")
    var idle: Double = 2

    @Option(help: "Honest false-intercept budget (share of honest merchants) for the lowest threshold shown under the curve.")
    var budget: Double = 0.001

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (verdicts == nil) != (brokers == nil) else {
            throw ValidationError("give exactly one of --verdicts FILE.jsonl or --brokers host:port (with --topic, default risk.verdicts)")
        }
        guard (0...1).contains(budget) else { throw ValidationError("--budget must be a share in 0...1 (0.001 = 0.1 %), got \(budget)") }
        guard idle > 0 else { throw ValidationError("--idle must be > 0 seconds, got \(idle)") }
    }

    func run() throws {
        LoggingSetup.bootstrap()
        var evaluator = Evaluator(truth: try GroundTruth(contentsOfFile: truth))
        if let verdicts {
            try evaluator.add(contentsOfFile: verdicts)
        } else if let brokers {
            try consume(into: &evaluator, brokers: brokers)
        }
        let report = evaluator.report()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.render(), terminator: "")
            print("")
            print(evaluator.merchantCurve().render(budget: budget), terminator: "")
        }
    }

    /// Reads every partition of the topic from its beginning until idle.
    private func consume(into evaluator: inout Evaluator, brokers: String) throws {
        let consumer = try KafkaConsumer(
            configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-evaluate"),
            groupID: "vigil-evaluate-\(UUID().uuidString)")
        defer { consumer.close() }
        guard let metadata = try consumer.topics().first(where: { $0.name == topic }) else {
            throw ValidationError("topic '\(topic)' does not exist at \(brokers); check --topic and that the engine has written verdicts")
        }
        let partitions = (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        let beginning: Int64 = -2  // RD_KAFKA_OFFSET_BEGINNING
        try consumer.assign(partitions, startOffsets: Dictionary(uniqueKeysWithValues: partitions.map { ($0, beginning) }))
        let empty = try partitions.allSatisfy { let marks = try consumer.watermarks($0); return marks.high <= marks.low }
        let idleLimit = Duration.milliseconds(Int64(idle * 1000))
        let start = ContinuousClock.now
        var lastRecord = start
        var received = 0
        var skipped = 0
        while !empty {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(200))
            let now = ContinuousClock.now
            if batch.isEmpty {
                // Before the first record, allow the fetch up to 10 s to start.
                if now - lastRecord >= idleLimit, received > 0 || now - start >= .seconds(10) { break }
                continue
            }
            lastRecord = now
            for message in batch {
                received += 1
                guard let value = message.value else { continue }
                do {
                    try evaluator.add(json: value, source: message.topicPartition.description, line: Int(message.offset))
                } catch {
                    skipped += 1
                    if skipped <= 5 { FileHandle.standardError.write(Data("skipped: \(error)\n".utf8)) }
                }
            }
        }
        FileHandle.standardError.write(Data("read \(received) records from \(topic) (\(skipped) not verdicts, skipped)\n".utf8))
    }
}
