/// What can go wrong preparing or running a training; every message names the problem and the fix.
public enum TrainingError: Error, CustomStringConvertible, Sendable, Hashable {
    /// An input file (`kind`: "feature log", "labels") cannot be read.
    case unreadableInput(kind: String, path: String, reason: String)
    /// One line of the labels file is not a label event.
    case badLabel(source: String, line: Int, problem: String)
    /// No feature-log row has a label established after its decision.
    case noLabelledRows(rows: Int, labels: Int)
    /// Every labelled row has the same outcome.
    case oneClass(outcome: LabelEvent.Outcome, rows: Int)
    /// A training setting is out of range.
    case invalidSetting(name: String, problem: String)
    /// No Python interpreter was found.
    case pythonMissing(searched: String)
    /// The training script is not where it was expected.
    case scriptMissing(path: String)
    /// The training script failed; `output` is the end of what it printed.
    case scriptFailed(status: Int32, output: String)
    /// The output directory cannot be written.
    case unwritableOutput(path: String, reason: String)
    /// The trained model does not load, or scores differently in Swift than in Python.
    case modelCheckFailed(path: String, problem: String)

    /// A readable message naming the problem and a fix.
    public var description: String {
        switch self {
        case .unreadableInput(let kind, let path, let reason):
            "cannot read the \(kind) file \(path): \(reason); check the path (labels: one marketplace.labels event per line; feature log: `vigil demo --feature-log FILE`)"
        case .badLabel(let source, let line, let problem):
            "\(source) line \(line) is not a label event: \(problem); each line must be one JSON label as on marketplace.labels (shared/CONTRACT.md)"
        case .noLabelledRows(let rows, 0):
            "there are no label events to join the \(rows) feature-log rows with; give a labels file (or topic) of marketplace.labels events"
        case .noLabelledRows(let rows, let labels):
            "none of the \(rows) feature-log rows has a label established after its decision (\(labels) labels read); "
                + "labels must be about the same merchants or listings and have ts later than the rows' event_ts — check that both files come from the same run"
        case .oneClass(let outcome, let rows):
            "all \(rows) labelled rows are \(outcome.rawValue); training needs both counterfeit and genuine outcomes — collect labels of both kinds or a longer period"
        case .invalidSetting(let name, let problem):
            "\(name): \(problem)"
        case .pythonMissing(let searched):
            "no Python 3 interpreter found (looked for \(searched)); install Python 3 with pip (scripts/install-deps does) or pass --python /path/to/python3"
        case .scriptMissing(let path):
            "the training script \(path) does not exist; run vigil from the repository root or pass --script /path/to/scripts/train_model.py"
        case .scriptFailed(let status, let output):
            "the training script exited with status \(status):\n\(output)"
        case .unwritableOutput(let path, let reason):
            "cannot write \(path): \(reason); pass an --out directory you can write to"
        case .modelCheckFailed(let path, let problem):
            "the trained model \(path) failed the Swift check: \(problem); report this with the model file (the XGBoost version may write a format the reader does not support)"
        }
    }
}
