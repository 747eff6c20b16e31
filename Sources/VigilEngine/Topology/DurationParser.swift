/// Parses durations written as `250ms`, `30s`, `15m`, `24h` or `7d` into milliseconds.
public enum DurationParser {
    /// Milliseconds in the given duration text, or `nil` if it isn't one.
    public static func milliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count)
            if let value = Int64(number), value >= 0 { return value * factor }
        }
        return nil
    }
}

import Foundation
