import ArgumentParser
import Foundation
import VigilRisk

/// `vigil score`: scores a CSV of feature rows with a scorecard or XGBoost model, for parity checks.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV of feature rows (header = feature names, empty cell = missing) and print one probability per row.",
        discussion: "The model is a scorecard (YAML/JSON) or an XGBoost JSON model saved with Booster.save_model; the format is detected from the content."
    )

    @Option(help: "Model file: scorecard YAML/JSON or XGBoost JSON.")
    var model: String

    @Option(help: "CSV of feature rows.")
    var input: String

    func run() throws {
        let result = try CSVScorer().score(modelPath: model, inputPath: input)
        for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var output = ""
        for probability in result.probabilities { output += String(format: "%.9g\n", probability) }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
