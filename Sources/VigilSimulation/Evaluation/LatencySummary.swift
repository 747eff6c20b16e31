import VigilRisk

/// Percentiles of a set of durations (ms), by the nearest-rank method: the p-th percentile
/// of n sorted values is the value at rank ⌈p/100 · n⌉ (so p50 of [1, 2, 3, 4] is 2, p90 is 4).
public struct LatencySummary: Sendable, Hashable, Codable {
    /// How many durations.
    public var count: Int
    /// Median, ms; `nil` when there are none.
    public var p50: Int64?
    /// 90th percentile, ms; `nil` when there are none.
    public var p90: Int64?
    /// Largest, ms; `nil` when there are none.
    public var max: Int64?

    /// Summarises `durations` (any order).
    public init(_ durations: [Int64]) {
        let sorted = durations.sorted()
        count = sorted.count
        p50 = Self.percentile(50, of: sorted)
        p90 = Self.percentile(90, of: sorted)
        max = sorted.last
    }

    /// The nearest-rank `percent`-th percentile of ascending `sorted`, `nil` if empty.
    public static func percentile(_ percent: Int, of sorted: [Int64]) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = (percent * sorted.count + 99) / 100  // ⌈percent · n / 100⌉
        return sorted[Swift.max(1, Swift.min(rank, sorted.count)) - 1]
    }

    /// `12m 30s`, `2h 05m`, `850ms`, or `n/a`.
    public static func format(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "n/a" }
        if milliseconds < 1_000 { return "\(milliseconds)ms" }
        let seconds = milliseconds / 1_000
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m \(pad(seconds % 60))s" }
        return "\(minutes / 60)h \(pad(minutes % 60))m"
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
