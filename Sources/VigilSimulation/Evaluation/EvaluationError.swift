import VigilRisk

/// What can go wrong while evaluating verdicts; every message names the problem and a fix.
public enum EvaluationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The ground-truth file cannot be read or parsed.
    case unreadableTruth(path: String, reason: String)
    /// The verdicts file cannot be read.
    case unreadableVerdicts(path: String, reason: String)
    /// One line of verdicts is not a verdict.
    case badVerdict(source: String, line: Int, reason: String)

    /// A readable message naming the problem and a fix.
    public var description: String {
        switch self {
        case .unreadableTruth(let path, let reason):
            "cannot read the ground truth \(path): \(reason); pass the truth.json that `vigil simulate` wrote next to the events"
        case .unreadableVerdicts(let path, let reason):
            "cannot read verdicts from \(path): \(reason); pass a JSONL file with one risk.verdicts message per line"
        case .badVerdict(let source, let line, let reason):
            "\(source) line \(line) is not a verdict: \(reason); each line must be one JSON verdict object as written to risk.verdicts"
        }
    }
}
