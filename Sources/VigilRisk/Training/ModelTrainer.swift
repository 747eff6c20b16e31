import Foundation

/// Trains an XGBoost risk model from a ``TrainingSet`` with the project's Python script
/// (`scripts/train_model.py`, which installs xgboost with pip when missing), then checks the
/// result in Swift: the model loads with ``ModelLoader``, reads only catalogue features, and
/// scores the script's check rows as `Booster.predict` did (within 1e-6).
///
/// Files written to the output directory: `training-rows.csv` (``TrainingSet/csv()``),
/// `training-summary.json` (label and row counts), `model.json`, `model-card.md`,
/// `model-card.json`, `model-check.csv`, and `train-log.txt` (the script's output).
public struct ModelTrainer: Sendable {
    /// The settings in force.
    public var settings: TrainingSettings
    /// Told the name of each phase as it starts (reading the inputs, writing the rows, running the
    /// script, checking the model), for a progress line. Default: nothing.
    public var onPhase: @Sendable (String) -> Void = { _ in }

    /// Creates a trainer.
    public init(settings: TrainingSettings = TrainingSettings()) {
        self.settings = settings
    }

    /// Reads a feature log and a labels file, joins them and trains (see ``train(_:out:)``).
    public func train(featureLog: String, labels: String, out: String) throws -> TrainingResult {
        try settings.validate()
        let rows: [FeatureLogRow]
        onPhase("reading the feature log and the labels")
        do { rows = try FeatureLogFile.read(path: featureLog) } catch .unreadable(let path, let reason) {
            throw TrainingError.unreadableInput(kind: "feature log", path: path, reason: reason)
        }
        return try train(TrainingSet(rows: rows, labels: TrainingLabelFile.read(path: labels), unlabelledShare: settings.unlabelledShare), out: out)
    }

    /// Trains on `set`, writing into the directory `out` (created when missing).
    /// - Throws: ``TrainingError`` saying what failed and how to fix it.
    public func train(_ set: TrainingSet, out: String) throws(TrainingError) -> TrainingResult {
        try settings.validate()
        guard FileManager.default.fileExists(atPath: settings.script) else { throw .scriptMissing(path: settings.script) }
        let python = try findPython()
        let directory = URL(fileURLWithPath: out).standardizedFileURL
        let rowsPath = directory.appendingPathComponent("training-rows.csv").path
        let summaryPath = directory.appendingPathComponent("training-summary.json").path
        onPhase("writing \(set.examples.count) training rows")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(set.csv(excluding: settings.excludedFeatures).utf8).write(to: URL(fileURLWithPath: rowsPath))
            try JSONSerialization.data(withJSONObject: set.summary, options: [.sortedKeys, .prettyPrinted]).write(to: URL(fileURLWithPath: summaryPath))
        } catch {
            throw .unwritableOutput(path: directory.path, reason: error.localizedDescription)
        }
        onPhase("training XGBoost (\(settings.script), \(settings.trees) trees)")
        try runScript(python: python, arguments: [
            settings.script, "--rows", rowsPath, "--summary", summaryPath, "--out", directory.path,
            "--budget", "\(settings.budget)", "--review-budget", "\(settings.reviewBudget)", "--trees", "\(settings.trees)",
            "--depth", "\(settings.depth)", "--holdout", "\(settings.holdout)", "--seed", "\(settings.seed)",
        ], log: directory.appendingPathComponent("train-log.txt").path)
        let modelPath = directory.appendingPathComponent("model.json").path
        onPhase("checking the model's scores in Swift")
        let (version, checked) = try check(model: modelPath, rows: directory.appendingPathComponent("model-check.csv").path)
        let card = directory.appendingPathComponent("model-card.json").path
        let (thresholds, met, resolvable) = try readThresholds(card)
        return TrainingResult(modelPath: modelPath, cardPaths: [directory.appendingPathComponent("model-card.md").path, card],
                              rowsPath: rowsPath, thresholds: thresholds, budgetMet: met, budgetResolvable: resolvable, modelVersion: version, checkedRows: checked)
    }

    private func findPython() throws(TrainingError) -> String {
        if let python = settings.python {
            guard FileManager.default.isExecutableFile(atPath: python) else { throw .pythonMissing(searched: python) }
            return python
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["python3", "python"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        throw .pythonMissing(searched: "python3 and python on PATH=\(path)")
    }

    private func runScript(python: String, arguments: [String], log: String) throws(TrainingError) {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: log) else { throw .unwritableOutput(path: log, reason: "cannot create the file") }
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        do { try process.run() } catch { throw .pythonMissing(searched: "\(python) (\(error.localizedDescription))") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(8).joined(separator: "\n")
            throw .scriptFailed(status: process.terminationStatus, output: tail)
        }
    }

    /// Loads the model as `vigil run` would and compares its probabilities with the script's.
    private func check(model path: String, rows checkPath: String) throws(TrainingError) -> (String, Int) {
        let model: any RiskModel
        do { model = try ModelLoader().load(path: path) } catch { throw .modelCheckFailed(path: path, problem: "\(error)") }
        guard model is XGBoostModel else { throw .modelCheckFailed(path: path, problem: "not an XGBoost model") }
        if let unknown = model.featureNames.first(where: { FeatureCatalog.index(of: $0) == nil }) {
            throw .modelCheckFailed(path: path, problem: "feature \"\(unknown)\" is not in the feature catalogue")
        }
        let csv: FeatureRowsCSV
        do { csv = try FeatureRowsCSV(contentsOf: checkPath) } catch { throw .modelCheckFailed(path: path, problem: "\(error)") }
        let columns = Dictionary(uniqueKeysWithValues: csv.columnNames.enumerated().map { ($1, $0) })
        guard let expected = columns["_p"] else { throw .modelCheckFailed(path: path, problem: "\(checkPath) has no _p column") }
        for (n, row) in csv.rows.enumerated() {
            let vector = FeatureVector(model.featureNames.map { columns[$0].map { row[$0] } ?? .nan })
            let swift = model.probability(vector), python = row[expected]
            guard abs(swift - python) <= 1e-6 else {
                throw .modelCheckFailed(path: path, problem: "check row \(n + 1): Swift scores \(swift), XGBoost \(python)")
            }
        }
        return (model.version, csv.rows.count)
    }

    private func readThresholds(_ path: String) throws(TrainingError) -> (RiskThresholds, Bool, Bool) {
        guard let data = FileManager.default.contents(atPath: path),
              let card = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let thresholds = card["thresholds"] as? [String: Any],
              let review = thresholds["review"] as? Int, let intercept = thresholds["intercept"] as? Int else {
            throw .modelCheckFailed(path: path, problem: "the model card has no thresholds.review / thresholds.intercept")
        }
        return (RiskThresholds(review: review, intercept: intercept), card["budget_met"] as? Bool ?? false, card["budget_resolvable"] as? Bool ?? false)
    }
}
