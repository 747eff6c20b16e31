import VigilPrimitives

/// How configuration text becomes typed values, for every source alike (files, environment
/// variables, flags): one parser per type, each returning `nil` for text it does not accept.
public enum ConfigScalar {
    /// A whole number, surrounding spaces ignored.
    public static func int(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces))
    }

    /// A number (integers included), surrounding spaces ignored.
    public static func double(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces))
    }

    /// `true`/`yes`/`on`/`1` or `false`/`no`/`off`/`0`, in any case.
    public static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }

    /// A positive duration such as `250ms`, `30s`, `5m`, `1h` or `7d`.
    public static func duration(_ text: String) -> Duration? {
        guard let milliseconds = DurationText.milliseconds(text), milliseconds > 0 else { return nil }
        return .milliseconds(milliseconds)
    }

    /// What to write for a duration, in error messages.
    public static let durationHint = "write a whole number with a unit: 250ms, 30s, 5m, 1h or 7d"

    /// A number as written in messages: `5`, `0.25`.
    public static func format(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// The closest of `candidates` to `key` (by edit distance of their last dotted component),
    /// for "did you mean" hints.
    public static func suggestion(for key: String, among candidates: [String]) -> String? {
        func last(_ text: String) -> String { text.split(separator: ".").last.map(String.init) ?? text }
        let target = last(key)
        return candidates.min { editDistance(last($0), target) < editDistance(last($1), target) }
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
