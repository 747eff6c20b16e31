/// Durations written as text — a whole number and a unit, `250ms`, `30s`, `15m`, `24h`, `7d` or
/// `2w` — in milliseconds: the one unit table for topology files, configuration and window specs.
public enum DurationText {
    /// The units, smallest first, with their length in milliseconds.
    public static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
    ]

    /// Why a text is not a duration.
    public enum Failure: Error, Sendable, Equatable {
        /// The text does not start with a whole number.
        case noNumber
        /// The unit after the number is not one of ``DurationText/units``; the associated value is what was written.
        case unknownUnit(String)
        /// The duration does not fit in 64-bit milliseconds.
        case tooLong
    }

    /// The milliseconds of `text` (surrounding whitespace ignored; the unit in any case).
    /// - Throws: ``Failure`` saying what is wrong with the text.
    public static func milliseconds(parsing text: String) throws(Failure) -> Int64 {
        var trimmed = Substring(text)
        while let first = trimmed.first, first.isWhitespace { trimmed.removeFirst() }
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int64(digits) else { throw .noNumber }
        let suffix = trimmed.dropFirst(digits.count).lowercased()
        guard let unit = units.first(where: { $0.suffix == suffix }) else { throw .unknownUnit(suffix) }
        let (product, overflow) = amount.multipliedReportingOverflow(by: unit.milliseconds)
        guard !overflow else { throw .tooLong }
        return product
    }

    /// The milliseconds of `text`, or `nil` when it is not a duration.
    public static func milliseconds(_ text: String) -> Int64? {
        try? milliseconds(parsing: text)
    }

    /// `milliseconds` with the largest unit that divides it, preferring days to weeks
    /// (`86_400_000` is `"1d"`, `604_800_000` is `"7d"`, `1_500` is `"1500ms"`).
    public static func format(milliseconds: Int64) -> String {
        for unit in units.reversed() where unit.milliseconds > 1 && unit.suffix != "w" && milliseconds != 0 && milliseconds % unit.milliseconds == 0 {
            return "\(milliseconds / unit.milliseconds)\(unit.suffix)"
        }
        return "\(milliseconds)ms"
    }
}
