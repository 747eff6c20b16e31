import Foundation
import Histogram

/// Quantiles of a sample of durations for the benchmarks, from an HDR histogram
/// (hdrhistogram-swift, as ``VigilOps/TimerHistograms`` keeps the engine's own timers): three
/// significant digits from 1 ns to 1 hour, in constant memory whatever the sample size. A
/// quantile is the histogram's nearest-rank value, within 0.1 % of the exact sample's; the
/// maximum is exact.
struct LatencyQuantiles: CustomStringConvertible {
    /// The longest duration recorded, in nanoseconds; longer ones are counted as this.
    static let highestTrackableNanoseconds: UInt64 = 3_600_000_000_000

    private var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: Self.highestTrackableNanoseconds,
                                              numberOfSignificantValueDigits: .three)
    /// An empty sample; add to it with ``record(nanoseconds:)`` or ``record(milliseconds:)``.
    init() {}

    /// The sample `milliseconds` (negative durations count as 0).
    init(_ milliseconds: [Double]) {
        for value in milliseconds { record(milliseconds: value) }
    }

    /// Adds one duration of `nanoseconds`.
    mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(min(nanoseconds, Self.highestTrackableNanoseconds))
    }

    /// Adds one duration of `milliseconds` (negative counts as 0), kept to the nanosecond.
    mutating func record(milliseconds: Double) {
        let nanoseconds = (milliseconds * 1_000_000).rounded()
        record(nanoseconds: nanoseconds >= Double(Self.highestTrackableNanoseconds) ? Self.highestTrackableNanoseconds : UInt64(Swift.max(0, nanoseconds)))
    }

    /// Durations recorded.
    var count: UInt64 { histogram.totalCount }

    /// The `q` quantile (`0.99` for p99) in milliseconds, or nil for an empty sample.
    func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        return Double(histogram.valueAtPercentile(q * 100)) / 1_000_000
    }

    /// The longest duration recorded, exactly, in milliseconds; nil for an empty sample.
    var max: Double? { count > 0 ? Double(histogram.maxRecorded) / 1_000_000 : nil }

    /// "p50 … p99 … max …" in milliseconds.
    var description: String {
        guard let p50 = quantile(0.5), let p99 = quantile(0.99), let max else { return "no samples" }
        return String(format: "p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", p50, quantile(0.9) ?? 0, p99, max)
    }
}
