import ArgumentParser
import Foundation
import VigilOps
import VigilRisk

/// `vigil evaluate --sweep`: trains on the labelled outcomes of some random scenarios and judges
/// the model on others, drawn with other seeds and so other parameters, so no figure it prints
/// comes from data that trained or tuned the model.
///
/// 1. Each training seed runs `vigil demo --scenario random --seed N` (its own process and work
///    directory) with the configured risk model, logging the feature rows and the labels.
/// 2. The rows and labels of all training seeds, ids namespaced per seed (``SeedNamespace``),
///    train an XGBoost model (``ModelTrainer``, as `vigil train`).
/// 3. The risk configuration is copied with `scoring.xgboost` pointing at the new model; each test
///    seed runs the demo with it, and is scored against its ground truth (``SweepFloors``).
/// With `baseline`, each test seed also runs with the configuration as given, for comparison.
struct HeldOutSweep {
    var trainSeeds: [UInt64]
    var testSeeds: [UInt64]
    /// Where runs, the model and the report go.
    var directory: String
    /// The risk configuration to start from (its folder holds the scorecard it names).
    var riskConfig: String
    var baseline: Bool
    var training = TrainingSettings()
    var floors = SweepFloors()

    /// Runs the sweep; returns whether every test scenario met every floor.
    func run() throws -> Bool {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var rows = "", labels = ""
        let steps = trainSeeds.count + 1 + testSeeds.count * (baseline ? 2 : 1)
        let progress = ProgressReporter(task: "sweep", total: steps, unit: "steps")
        var done = 0
        /// Starts step `name`; `report` prints a result line above the progress.
        func step(_ name: String) { progress.phase("\(name) (step \(done + 1) of \(steps))") }
        func report(_ line: String) { progress.clearLine(); print(line); done += 1; progress.update(done) }
        for seed in trainSeeds {
            step("train seed \(seed): vigil demo")
            let run = root.appendingPathComponent("train-\(seed)")
            let rowsFile = run.appendingPathComponent("rows.jsonl").path, labelsFile = run.appendingPathComponent("labels.jsonl").path
            let outcome = try demo(seed: seed, in: run, riskConfig: riskConfig, extra: ["--feature-log", rowsFile, "--labels", labelsFile])
            report("train seed \(seed): \(outcome.events) events, \(describe(outcome))")
            for line in try String(contentsOfFile: rowsFile, encoding: .utf8).split(separator: "\n") { rows += SeedNamespace.prefix(line, seed: seed) + "\n" }
            for line in try String(contentsOfFile: labelsFile, encoding: .utf8).split(separator: "\n") { labels += SeedNamespace.prefix(line, seed: seed) + "\n" }
        }
        let rowsPath = root.appendingPathComponent("rows.jsonl").path, labelsPath = root.appendingPathComponent("labels.jsonl").path
        try rows.write(toFile: rowsPath, atomically: true, encoding: .utf8)
        try labels.write(toFile: labelsPath, atomically: true, encoding: .utf8)
        step("training the model")
        var trainer = ModelTrainer(settings: training)
        trainer.onPhase = { progress.phase("training the model: \($0)") }
        let result = try trainer.train(featureLog: rowsPath, labels: labelsPath, out: root.appendingPathComponent("model").path)
        report("model \(result.modelVersion) trained on seeds \(trainSeeds.map(String.init).joined(separator: ",")): \(result.cardPaths.first ?? "")")
        let config = try modelConfiguration(model: result.modelPath, in: root)

        var allMet = true
        var outcomes: [SweepOutcome] = []
        for seed in testSeeds {
            step("test seed \(seed): vigil demo with the model")
            let outcome = try demo(seed: seed, in: root.appendingPathComponent("test-\(seed)"), riskConfig: config, extra: [])
            outcomes.append(outcome)
            let misses = floors.misses(outcome)
            allMet = allMet && misses.isEmpty
            report("test seed \(seed) (model): \(describe(outcome))" + (misses.isEmpty ? "  floors met" : "\n    missed: " + misses.joined(separator: "; ")))
            if baseline {
                step("test seed \(seed): vigil demo with \(riskConfig)")
                let base = try demo(seed: seed, in: root.appendingPathComponent("baseline-\(seed)"), riskConfig: riskConfig, extra: [])
                report("test seed \(seed) (\(riskConfig) as given): \(describe(base))")
            }
        }
        progress.finish(done)
        let honest = outcomes.flatMap { $0.populations.filter { !SweepFloors.counterfeitPopulations.contains($0.key) }.values }
        let intercepted = honest.reduce(0) { $0 + $1.intercepted }, merchants = honest.reduce(0) { $0 + $1.merchants }
        print(String(format: "held-out: %d scenarios, honest merchants intercepted %d of %d (%.3f %%), floors %@",
                     outcomes.count, intercepted, merchants, merchants == 0 ? 0 : 100 * Double(intercepted) / Double(merchants), allMet ? "met" : "missed"))
        return allMet
    }

    /// Copies the risk configuration next to the model with `scoring.xgboost` set to it (and the
    /// scorecard it names beside it, so relative paths still resolve).
    private func modelConfiguration(model: String, in root: URL) throws -> String {
        let source = URL(fileURLWithPath: riskConfig)
        var lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("xgboost:") }) else {
            throw ValidationError("\(riskConfig) has no scoring.xgboost line to point at the trained model; add `xgboost: null` under scoring:")
        }
        let indent = lines[index].prefix { $0 == " " }
        lines[index] = indent + "xgboost: \(model)"
        let target = root.appendingPathComponent("risk.yml")
        try lines.joined(separator: "\n").write(to: target, atomically: true, encoding: .utf8)
        let folder = source.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".yml") && name != source.lastPathComponent {
            try? FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: root.appendingPathComponent(name))
        }
        return target.path
    }

    /// Runs `vigil demo` for one random scenario in its own process and directory.
    private func demo(seed: UInt64, in run: URL, riskConfig: String, extra: [String]) throws -> SweepOutcome {
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        let log = run.appendingPathComponent("demo.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["demo", "--scenario", "random", "--seed", "\(seed)", "--json", "--timeout", "600",
                             "--risk-config", riskConfig, "--work-directory", run.appendingPathComponent(".vigil").path] + extra
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SweepError.demoFailed(seed: seed, status: process.terminationStatus, log: log.path) }
        return try SweepOutcome(seed: seed, demoOutput: String(contentsOf: log, encoding: .utf8))
    }

    private func describe(_ o: SweepOutcome) -> String {
        let honestHits = o.populations.filter { !SweepFloors.counterfeitPopulations.contains($0.key) && $0.value.intercepted > 0 }
            .sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.intercepted)/\($0.value.merchants)" }
        let p90 = o.timeToInterceptP90.map { "\($0 / 60_000) min" } ?? "n/a"
        return String(format: "precision %.3f recall %.3f false-intercept %.3f %% tti-p90 %@ leads %.3f worst-lead-honest %.2f",
                      o.precision, o.recall, 100 * o.falseInterceptRate, p90, o.ringCoverage, o.worstLeadHonestShare)
            + (honestHits.isEmpty ? "" : " (honest intercepted: " + honestHits.joined(separator: ", ") + ")")
    }
}
