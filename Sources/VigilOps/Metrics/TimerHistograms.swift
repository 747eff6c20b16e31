import CoreMetrics
import Histogram
import Synchronization

/// Keeps every swift-metrics `Timer` of chosen labels in an HDR histogram (HdrHistogram's
/// hdrhistogram-swift), so that a program can read exact-enough quantiles of its own latencies
/// (three significant digits, 1 µs to 10 min) without parsing Prometheus text.
///
/// Install it next to the Prometheus factory with
/// ``MetricsBootstrap/bootstrap(latencyBuckets:timerHistograms:)``; timers of other labels, and
/// every counter, gauge and meter, are left to the other factories.
public final class TimerHistograms: MetricsFactory, Sendable {
    /// Quantiles of one timer, in seconds.
    public struct Quantiles: Sendable, Equatable {
        /// Observations recorded.
        public var count: UInt64
        private let histogram: Histogram<UInt64>?

        init(histogram: Histogram<UInt64>?) {
            self.histogram = histogram
            self.count = histogram?.totalCount ?? 0
        }

        /// The q-quantile (`0.99` for p99) in seconds, or `nil` without observations.
        public func quantile(_ q: Double) -> Double? {
            guard let histogram, histogram.totalCount > 0 else { return nil }
            return Double(histogram.valueAtPercentile(q * 100)) / 1e9
        }

        /// Equal when they hold the same number of observations.
        public static func == (lhs: Self, rhs: Self) -> Bool { lhs.count == rhs.count && lhs.histogram?.totalCount == rhs.histogram?.totalCount }
    }

    /// The timer labels kept.
    public let labels: Set<String>
    private let histograms = Mutex<[String: Histogram<UInt64>]>([:])

    /// Keeps the timers named `labels` (e.g. `vigil_ingest_to_ack_seconds`).
    public init(labels: Set<String>) {
        self.labels = labels
    }

    /// The quantiles of the timer `label` with these dimensions (all of them, in any order).
    public func quantiles(label: String, dimensions: [(String, String)] = []) -> Quantiles {
        Quantiles(histogram: histograms.withLock { $0[Self.key(label, dimensions)] })
    }

    fileprivate func record(_ nanoseconds: Int64, key: String) {
        histograms.withLock { histograms in
            var histogram = histograms.removeValue(forKey: key) ?? Histogram<UInt64>(lowestDiscernibleValue: 1_000, highestTrackableValue: 600_000_000_000, numberOfSignificantValueDigits: .three)
            _ = histogram.record(UInt64(min(max(nanoseconds, 1_000), 600_000_000_000)))
            histograms[key] = histogram
        }
    }

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{0}")
    }

    // MARK: MetricsFactory

    /// A histogram-backed timer for a recorded label, otherwise a no-op one.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        guard labels.contains(label) else { return NOOPMetricsHandler.instance }
        return HistogramTimer(owner: self, key: Self.key(label, dimensions))
    }

    /// A no-op counter: this factory records only timers.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { NOOPMetricsHandler.instance }
    /// A no-op counter: this factory records only timers.
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { NOOPMetricsHandler.instance }
    /// A no-op meter: this factory records only timers.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { NOOPMetricsHandler.instance }
    /// A no-op recorder: this factory records only timers.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { NOOPMetricsHandler.instance }
    /// Nothing to release.
    public func destroyCounter(_ handler: any CounterHandler) {}
    /// Nothing to release.
    public func destroyMeter(_ handler: any MeterHandler) {}
    /// Nothing to release.
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    /// Nothing to release.
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    /// Keeps the timer's histogram: its observations stay readable.
    public func destroyTimer(_ handler: any TimerHandler) {}
}

/// One timer's handle: records into its histogram.
private final class HistogramTimer: TimerHandler, Sendable {
    let owner: TimerHistograms
    let key: String

    init(owner: TimerHistograms, key: String) {
        self.owner = owner
        self.key = key
    }

    func recordNanoseconds(_ duration: Int64) { owner.record(duration, key: key) }
}
