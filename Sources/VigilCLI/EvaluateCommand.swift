import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilOps
import VigilRisk
import VigilSimulation

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
    var truth: String?

    @Option(help: "A JSONL file of verdicts (one \(ContractTopicNames().verdicts) message per line).")
    var verdicts: String?

    @Option(help: "Kafka bootstrap servers (host:port,...): read the verdicts topic instead of a file.")
    var brokers: String?

    @Option(help: "Verdicts topic, with --brokers.")
    var topic: String = ContractTopicNames().verdicts

    @Option(help: "With --brokers: stop after this many seconds without a new record.")
    var idle: Double = 2

    @Option(help: "Honest false-intercept budget (share of honest merchants) for the lowest threshold shown under the curve.")
    var budget: Double = 0.001

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    @Flag(help: "Held-out sweep: train on the labelled outcomes of --train-seeds random scenarios, then judge the model on --test-seeds (other seeds, other parameters) against the floors.")
    var sweep = false

    @Option(help: "With --sweep: random-scenario seeds to train on, e.g. 1-6.")
    var trainSeeds: String = "1-6"

    @Option(help: "With --sweep: random-scenario seeds to judge on, never trained on, e.g. 1001-1003.")
    var testSeeds: String = "1001-1003"

    @Option(help: "With --sweep: the risk configuration to start from.")
    var riskConfig: String = RiskWiring.Paths.defaultRiskConfiguration

    @Option(help: "With --sweep: where the runs, the model and the report go.")
    var sweepDirectory: String = ".vigil/sweep"

    @Flag(help: "With --sweep: also run each test seed with --risk-config as given, for comparison.")
    var baseline = false

    func validate() throws {
        if sweep {
            let train = try SeedList.parse(trainSeeds), test = try SeedList.parse(testSeeds)
            guard Set(train).isDisjoint(with: test) else { throw ValidationError("--train-seeds and --test-seeds share seeds \(Set(train).intersection(test).sorted()); a held-out seed is never trained on") }
            return
        }
        guard truth != nil else { throw ValidationError("give --truth truth.json (or --sweep)") }
        guard (verdicts == nil) != (brokers == nil) else {
            throw ValidationError("give exactly one of --verdicts FILE.jsonl or --brokers host:port (with --topic, default risk.verdicts)")
        }
        guard (0...1).contains(budget) else { throw ValidationError("--budget must be a share in 0...1 (0.001 = 0.1 %), got \(budget)") }
        guard idle > 0 else { throw ValidationError("--idle must be > 0 seconds, got \(idle)") }
    }

    func run() throws {
        LoggingSetup.bootstrap()
        if sweep {
            let met = try HeldOutSweep(trainSeeds: SeedList.parse(trainSeeds), testSeeds: SeedList.parse(testSeeds), directory: sweepDirectory,
                                       riskConfig: riskConfig, baseline: baseline, training: TrainingSettings(budget: budget)).run()
            if !met { throw ExitCode(1) }
            return
        }
        guard let truth else { throw ValidationError("give --truth truth.json (or --sweep)") }
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
        var skipped = 0
        let received = try TopicReplay.read(topic: topic, brokers: brokers, idle: .milliseconds(Int64(idle * 1000)), clientID: "vigil-evaluate") { value, message in
            do {
                try evaluator.add(json: value, source: message.topicPartition.description, line: Int(message.offset))
            } catch {
                skipped += 1
                if skipped <= 5 { FileHandle.standardError.write(Data("skipped: \(error)\n".utf8)) }
            }
        }
        FileHandle.standardError.write(Data("read \(received) records from \(topic) (\(skipped) not verdicts, skipped)\n".utf8))
    }
}
