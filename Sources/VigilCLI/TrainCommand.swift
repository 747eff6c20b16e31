import ArgumentParser
import Foundation
import VigilOps
import VigilRisk

/// `vigil train`: a learned model from the feature log and the labels established since.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an XGBoost risk model from the feature log and labels; choose thresholds on a time holdout.",
        discussion: """
        Joins feature-log rows (\(FeatureLogRow.topic), e.g. from `vigil demo --feature-log FILE`) with label events \
        (\(ContractTopicNames().labels), one JSON per line) established after each row's decision: a listing label applies to \
        that listing's rows, a merchant label to all the merchant's rows, the latest label wins (so an appeal \
        `genuine` overrides an earlier counterfeit label). Unlabelled rows are not used. Then runs \
        scripts/train_model.py (installs xgboost with pip when missing): the latest --holdout share by event time \
        is held out; thresholds are the lowest whose honest false-intercept rate at merchant level stays within \
        --budget (intercept) and --review-budget (review). Writes model.json, model-card.md/.json and the joined \
        rows (training-rows.csv) to --out, checks the model with Vigil's own XGBoost reader, and prints the \
        risk.yml lines that use it. With --brokers, a missing --feature-log or --labels is read from its topic \
        (from the beginning until --idle) into --out first.
        """
    )

    @Option(help: "Feature log: JSONL of \(FeatureLogRow.topic) rows (or read them from --brokers).")
    var featureLog: String?

    @Option(help: "Labels: JSONL of \(ContractTopicNames().labels) events, contract format (or read them from --brokers).")
    var labels: String?

    @Option(help: "Kafka bootstrap servers: read the feature log and/or the labels from their topics (from the beginning, until idle) when no file is given.")
    var brokers: String?

    @Option(help: "Feature-log topic, with --brokers.")
    var featureLogTopic: String = FeatureLogRow.topic

    @Option(help: "Labels topic, with --brokers.")
    var labelsTopic: String = ContractTopicNames().labels

    @Option(help: "With --brokers: stop reading a topic after this many seconds without a new record.")
    var idle: Double = 2

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Honest false-intercept budget at merchant level (share; 0.001 = 0.1 %).")
    var budget: Double = 0.001

    @Option(help: "Share of honest merchants that may reach the review threshold.")
    var reviewBudget: Double = 0.05

    @Option(help: "Boosting rounds (at most 300).")
    var trees: Int = 200

    @Option(help: "Maximum tree depth (at most 6).")
    var depth: Int = 4

    @Option(help: "Share of rows, the latest by event_ts, held out for thresholds and metrics.")
    var holdout: Double = 0.3

    @Option(help: "Share of the rows of merchants no label names, taken as genuine (positive-unlabelled training; 0: labelled rows only).")
    var unlabelledShare: Double = 0.25

    @Option(help: "XGBoost seed.")
    var seed: Int = 7

    @Option(help: "Python interpreter (default: python3 on PATH).")
    var python: String?

    @Option(help: "The training script.")
    var script: String = "scripts/train_model.py"

    func validate() throws {
        guard featureLog != nil || brokers != nil else {
            throw ValidationError("give --feature-log FILE.jsonl, or --brokers host:port to read \(featureLogTopic)")
        }
        guard labels != nil || brokers != nil else {
            throw ValidationError("give --labels FILE.jsonl, or --brokers host:port to read \(labelsTopic)")
        }
        guard idle > 0 else { throw ValidationError("--idle must be > 0 seconds, got \(idle)") }
    }

    func run() throws {
        let featureLog = try featureLog ?? export(featureLogTopic, to: "feature-log.jsonl")
        let labels = try labels ?? export(labelsTopic, to: "labels.jsonl")
        let settings = TrainingSettings(budget: budget, reviewBudget: reviewBudget, trees: trees, depth: depth, holdout: holdout,
                                        seed: seed, python: python, script: script, unlabelledShare: unlabelledShare)
        do {
            let progress = ProgressReporter(task: "train", unit: "phases")
            var trainer = ModelTrainer(settings: settings)
            trainer.onPhase = { progress.phase($0) }
            let result: TrainingResult
            do { result = try trainer.train(featureLog: featureLog, labels: labels, out: out) } catch {
                progress.finish(message: "failed")
                throw error
            }
            progress.finish()
            print("model: \(result.modelPath) (\(result.modelVersion)); Swift scores match XGBoost on \(result.checkedRows) holdout rows")
            print("model card: \(result.cardPaths.joined(separator: ", "))")
            print("training rows: \(result.rowsPath)")
            if !result.budgetMet {
                print("warning: no threshold keeps the honest false-intercept rate within \(budget) on the holdout; intercept set to 100")
            }
            if result.budgetMet, !result.budgetResolvable, budget > 0 {
                print("note: the holdout has too few honest merchants to confirm a \(budget) budget (it needs at least \(Int((3 / budget).rounded(.up)))); see the model card's 95 % bound")
            }
            print("\nTo score with it, put these lines in config/risk.yml (vigil run reloads a changed model file by itself):\n")
            print(result.riskYAML)
        } catch let error as TrainingError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        } catch let error as FeatureLogError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Copies `topic` from --brokers into `name` under --out (one record value per line) and returns the file's path.
    private func export(_ topic: String, to name: String) throws -> String {
        guard let brokers else { throw ValidationError("no file and no --brokers for \(topic)") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let path = (out as NSString).appendingPathComponent(name)
        var bytes: [UInt8] = []
        let count = try TopicReplay.read(topic: topic, brokers: brokers, idle: .milliseconds(Int64(idle * 1000)), clientID: "vigil-train") { value, _ in
            bytes += value
            bytes.append(UInt8(ascii: "\n"))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        FileHandle.standardError.write(Data("read \(count) records from \(topic) into \(path)\n".utf8))
        return path
    }
}
