import CoreMetrics
import Prometheus
import Synchronization

/// Connects swift-metrics to a Prometheus registry, once per process.
///
/// Every `Counter`, `Gauge`, `Metrics.Timer` and `Recorder` created through swift-metrics after
/// ``bootstrap(latencyBuckets:)`` lands in the returned ``PrometheusCollectorRegistry``, which
/// ``AdminServer`` serves on `GET /metrics`. Timers become Prometheus histograms whose buckets
/// are seconds (``defaultLatencyBuckets``).
///
/// Call it before creating anything that makes metric handles (a `StreamEngine` creates its
/// ``VigilEngine/EngineMetrics`` in its initializer): handles made earlier stay no-ops.
public enum MetricsBootstrap {
    /// Latency buckets for timers, from 1 ms to 5 min (end-to-end event latency may legitimately
    /// reach minutes when input is replayed or events arrive late).
    public static let defaultLatencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        .seconds(60), .seconds(120), .seconds(300),
    ]

    private static let installed = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-metrics with a Prometheus factory the first time it is called and returns
    /// its registry; later calls return the same registry and ignore their arguments.
    /// - Parameters:
    ///   - latencyBuckets: Histogram buckets for every swift-metrics `Timer`. Default ``defaultLatencyBuckets``.
    ///   - timerHistograms: Also keeps the timers it names in HDR histograms, for quantiles read
    ///     in process (`vigil demo`'s summary). Default `nil`.
    /// - Returns: The process-wide registry to expose.
    @discardableResult
    public static func bootstrap(latencyBuckets: [Duration] = defaultLatencyBuckets, timerHistograms: TimerHistograms? = nil) -> PrometheusCollectorRegistry {
        installed.withLock { installed in
            if let installed { return installed }
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = latencyBuckets
            if let timerHistograms {
                MetricsSystem.bootstrap(MultiplexMetricsHandler(factories: [factory, timerHistograms]))
            } else {
                MetricsSystem.bootstrap(factory)
            }
            installed = registry
            return registry
        }
    }

    /// The registry installed by ``bootstrap(latencyBuckets:)``, or `nil` before it was called.
    public static var registry: PrometheusCollectorRegistry? { installed.withLock { $0 } }
}
