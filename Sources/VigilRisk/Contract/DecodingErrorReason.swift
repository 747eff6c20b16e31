import Foundation

/// One readable line for a `JSONDecoder` error, naming the field, for the JSONL readers
/// (verdicts in `VigilSimulation`'s `Evaluator`, feature-log rows in ``FeatureLogFile``).
public enum DecodingErrorReason {
    /// `field 'x' is missing`, `field 'a.b': <what was wrong>`, or `not valid JSON`.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "field '\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "field '\(path(context))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "field '\(path(context))': \(context.debugDescription)"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String { context.codingPath.map(\.stringValue).joined(separator: ".") }
}
