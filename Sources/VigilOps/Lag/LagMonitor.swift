import Dispatch
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import VigilKafka

/// Periodically asks the brokers for a group's lag and records it as the gauge
/// `vigil_consumer_lag{topic,partition}` (the same series the engine reports from its consumer),
/// so lag stays visible while the engine is paused, rebalancing or down.
///
/// Also records `vigil_consumer_lag_total` (sum over partitions) and counts failed polls in
/// `vigil_lag_monitor_errors_total`. Broker calls run on a private dispatch queue, never on
/// Swift's cooperative pool. Runs as a `Service` until graceful shutdown.
public final class LagMonitor: Service, Sendable {
    /// What to watch and how often.
    public struct Configuration: Sendable, Equatable {
        /// Consumer group. Default ``defaultGroup``.
        public var group: String
        /// The group watched when none is given: `vigil`, the group of `vigil run` on
        /// `topologies/counterfeit.yml` (an engine's group defaults to its topology's name).
        public static let defaultGroup = "vigil"
        /// Topics whose partitions are watched. Default: the four contract input topics.
        public var topics: [String]
        /// Time between polls. Default 15 s.
        public var interval: Duration

        /// Creates a configuration.
        public init(group: String = Configuration.defaultGroup, topics: [String] = ContractTopicNames().inputs, interval: Duration = .seconds(15)) {
            self.group = group
            self.topics = topics
            self.interval = interval
        }
    }

    /// What is watched.
    public let configuration: Configuration
    private let source: any LagSource
    private let logger: Logger
    private let queue = DispatchQueue(label: "vigil.lag-monitor")
    private let gauges = Mutex<[KafkaTopicPartition: Gauge]>([:])
    private let total = Gauge(label: "vigil_consumer_lag_total")
    private let errors = Counter(label: "vigil_lag_monitor_errors_total")

    /// Creates a monitor. Create it after ``MetricsBootstrap/bootstrap(latencyBuckets:)``.
    public init(configuration: Configuration = .init(), source: some LagSource, logger: Logger = Logger(label: "vigil.lag")) {
        self.configuration = configuration
        self.source = source
        self.logger = logger
    }

    /// Polls once now, then every ``Configuration/interval`` until graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            _ = await pollOnce()
            do {
                let interval = configuration.interval
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    /// Reads the lag once and records the gauges; returns the report, or `nil` if the brokers
    /// could not answer (logged, and counted in `vigil_lag_monitor_errors_total`).
    @discardableResult
    public func pollOnce() async -> LagReport? {
        let configuration = configuration
        let source = source
        let result: Result<[KafkaPartitionLag], any Error> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { try source.consumerLag(group: configuration.group, topics: configuration.topics) })
            }
        }
        switch result {
        case .success(let lags):
            record(lags)
            return LagReport(group: configuration.group, lags: lags)
        case .failure(let error):
            errors.increment()
            logger.warning("cannot read lag of group '\(configuration.group)': \(error)")
            return nil
        }
    }

    private func record(_ lags: [KafkaPartitionLag]) {
        gauges.withLock { gauges in
            for entry in lags {
                let gauge = gauges[entry.partition] ?? Gauge(
                    label: "vigil_consumer_lag",
                    dimensions: [("topic", entry.partition.topic), ("partition", String(entry.partition.partition))]
                )
                gauges[entry.partition] = gauge
                gauge.record(entry.lag)
            }
        }
        total.record(lags.reduce(0) { $0 + $1.lag })
    }
}
