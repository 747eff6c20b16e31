import Dispatch
import Foundation
import Metrics

/// The engine's metrics, reported through swift-metrics (Prometheus when `VigilOps` bootstraps it).
///
/// | name | type | labels |
/// | --- | --- | --- |
/// | `vigil_events_in_total` | counter | `topic` |
/// | `vigil_outputs_total` | counter | `topic` |
/// | `vigil_dlq_total` | counter | `topic` |
/// | `vigil_late_events_total` | counter | `topic` |
/// | `vigil_consumer_lag` | gauge | `topic`, `partition` |
/// | `vigil_lane_queue_depth` | gauge | `lane` |
/// | `vigil_paused_partitions` | gauge | |
/// | `vigil_assigned_partitions` | gauge | |
/// | `vigil_keys` | gauge | |
/// | `vigil_checkpoint_duration_seconds` | timer | |
/// | `vigil_rebalances_total` | counter | `kind` (`assigned`, `revoked`) |
/// | `vigil_ingest_to_ack_seconds` | timer | `topic` (output topic) |
/// | `vigil_event_to_ack_seconds` | timer | `topic` (output topic) |
/// | `vigil_commits_total` | counter | |
/// | `vigil_poll_gap_max_seconds` | gauge | | longest time between two consumer polls, last 10–20 s
public final class EngineMetrics: Sendable {
    private let eventsIn = LabelCache<Counter> { Counter(label: "vigil_events_in_total", dimensions: [("topic", $0)]) }
    private let outputs = LabelCache<Counter> { Counter(label: "vigil_outputs_total", dimensions: [("topic", $0)]) }
    private let deadLetters = LabelCache<Counter> { Counter(label: "vigil_dlq_total", dimensions: [("topic", $0)]) }
    private let late = LabelCache<Counter> { Counter(label: "vigil_late_events_total", dimensions: [("topic", $0)]) }
    private let ingestLatency = LabelCache<Metrics.Timer> { Metrics.Timer(label: "vigil_ingest_to_ack_seconds", dimensions: [("topic", $0)], preferredDisplayUnit: .seconds) }
    private let eventLatency = LabelCache<Metrics.Timer> { Metrics.Timer(label: "vigil_event_to_ack_seconds", dimensions: [("topic", $0)], preferredDisplayUnit: .seconds) }
    private let lag = LabelCache<Gauge> { key in
        let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
        return Gauge(label: "vigil_consumer_lag", dimensions: [("topic", parts[0]), ("partition", parts.count > 1 ? parts[1] : "")])
    }
    private let laneDepth = LabelCache<Gauge> { Gauge(label: "vigil_lane_queue_depth", dimensions: [("lane", $0)]) }
    /// Paused partitions right now.
    let pausedPartitions = Gauge(label: "vigil_paused_partitions")
    /// Assigned partitions right now.
    let assignedPartitions = Gauge(label: "vigil_assigned_partitions")
    /// Keys held in operator state.
    let keys = Gauge(label: "vigil_keys")
    /// Checkpoint durations.
    let checkpointDuration = Metrics.Timer(label: "vigil_checkpoint_duration_seconds", preferredDisplayUnit: .seconds)
    /// Successful commits.
    let commits = Counter(label: "vigil_commits_total")
    /// The longest time between two consumer polls in the last 10–20 s, in seconds.
    let pollGapMax = Gauge(label: "vigil_poll_gap_max_seconds")
    /// `vigil_records_lost_resets_total`: positions deleted by retention before they were read.
    let outOfRangeResets = Counter(label: "vigil_records_lost_resets_total")
    /// Shards being restored right now; `/ready` answers 503 while it is above 0.
    let restoringShards = Gauge(label: "vigil_restoring_shards")
    /// Changelog records read by restores.
    let changelogRestoredRecords = Counter(label: "vigil_changelog_restored_records_total")
    /// How long restoring one shard from its changelog took.
    let changelogRestoreDuration = Metrics.Timer(label: "vigil_changelog_restore_seconds", preferredDisplayUnit: .seconds)
    private let rebalances = LabelCache<Counter> { Counter(label: "vigil_rebalances_total", dimensions: [("kind", $0)]) }

    /// Creates the metric handles.
    public init() {}

    /// Creates the per-input-topic counters (`vigil_events_in_total`, `vigil_dlq_total`,
    /// `vigil_late_events_total`) and both `vigil_rebalances_total` kinds at zero, so that an
    /// engine that never dead-lettered, saw a late record or rebalanced reports 0 rather than
    /// no series at all (a dashboard panel on them then shows 0, not "No data").
    func prepareInputs(_ topics: [String]) {
        for topic in topics {
            _ = eventsIn[topic]
            _ = deadLetters[topic]
            _ = late[topic]
        }
        _ = rebalances["assigned"]
        _ = rebalances["revoked"]
    }

    func recordIn(topic: String, count: Int) { eventsIn[topic].increment(by: count) }
    /// The handles for outputs to `topic`, to resolve once and keep (a delivery report then
    /// records without a label lookup).
    func outputMetrics(topic: String) -> OutputMetrics {
        OutputMetrics(outputs: outputs[topic], ingestLatency: ingestLatency[topic], eventLatency: eventLatency[topic])
    }

    func recordDeadLetter(topic: String) { deadLetters[topic].increment() }
    func recordLate(topic: String) { late[topic].increment() }
    func recordLag(_ partition: String, topic: String, lag: Int64) { self.lag["\(topic)\u{0}\(partition)"].record(lag) }
    func recordLaneDepth(lane: Int, depth: Int) { laneDepth[String(lane)].record(depth) }
    func recordRebalance(_ kind: String) { rebalances[kind].increment() }
}

/// The metrics of one output topic: `vigil_outputs_total`, `vigil_ingest_to_ack_seconds` and
/// `vigil_event_to_ack_seconds`.
struct OutputMetrics: Sendable {
    let outputs: Counter
    let ingestLatency: Metrics.Timer
    let eventLatency: Metrics.Timer

    /// One output acknowledged: counts it and records its latency from ingest (monotonic
    /// nanoseconds) and from its event time (epoch milliseconds; skipped if in the future).
    func recordDelivery(ingestNanos: UInt64, eventTime: Int64) {
        outputs.increment()
        ingestLatency.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds &- ingestNanos))
        let eventNanos = (Int64(Date().timeIntervalSince1970 * 1000) - eventTime) * 1_000_000
        if eventNanos >= 0 { eventLatency.recordNanoseconds(eventNanos) }
    }
}

/// Metric handles created once per label value.
final class LabelCache<Handle: Sendable>: Sendable {
    private let make: @Sendable (String) -> Handle
    private let handles = Mutex<[String: Handle]>([:])

    init(_ make: @escaping @Sendable (String) -> Handle) { self.make = make }

    subscript(label: String) -> Handle {
        handles.withLock { handles in
            if let handle = handles[label] { return handle }
            let handle = make(label)
            handles[label] = handle
            return handle
        }
    }
}

import Synchronization
