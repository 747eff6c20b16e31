import Benchmark
import Dispatch
import VigilState
import VigilPrimitives

/// One pre-generated event: which key, the value, the hash to count distinctly, the time.
struct Event {
    var key: Int32
    var value: Double
    var hash: UInt64
    var timeMs: Int64
}

/// 100,000 merchants, each with 3 windows (1h/5m, 24h/1h, 7d/1d) of all 8 aggregates, fed a
/// week of events that arrive up to 2 minutes out of order.
final class WindowWorkload: @unchecked Sendable {
    static let keyCount = 100_000
    static let eventCount = 2_000_000
    static let startMs: Int64 = 1_700_000_000_000
    static let weekMs: Int64 = 7 * 86_400_000

    let keys: [String]
    let events: [Event]
    var windows: KeyedWindows<String>
    var cursor = 0

    init(keyCount: Int = WindowWorkload.keyCount, eventCount: Int = WindowWorkload.eventCount, seed: UInt64 = 42) throws {
        let configuration = KeyedWindowsConfiguration(
            metric: "payment_amount",
            windows: [
                try WindowSpec(parsing: "1h/5m"),
                try WindowSpec(parsing: "24h/1h"),
                try WindowSpec(parsing: "7d/1d"),
            ],
            kinds: .all
        )
        windows = try KeyedWindows(configuration)
        keys = (0..<keyCount).map { "merchant-\(seed)-\($0)" }
        var rng = SplitMix64(seed: seed)  // deterministic: every run sees the same events
        let step = Self.weekMs / Int64(eventCount)
        events = (0..<eventCount).map { i in
            Event(
                key: Int32(rng.next() % UInt64(keyCount)),
                value: Double(rng.next() % 100_000) / 100,
                hash: StableHash.hash("buyer-\(rng.next() % 5_000)"),
                timeMs: Self.startMs + Int64(i) * step - Int64(rng.next() % 120_000)
            )
        }
        // Warm up: one full week, so every key holds realistic state before measuring.
        for event in events { apply(event) }
    }

    @inline(__always)
    func apply(_ event: Event) {
        windows.add(key: keys[Int(event.key)], value: event.value, distinctHash: event.hash, at: event.timeMs)
    }

    /// Applies the next `count` events; after the last one the stream continues a week later.
    func applyNext(_ count: Int) {
        for _ in 0..<count {
            var event = events[cursor % events.count]
            event.timeMs += Int64(cursor / events.count + 1) * Self.weekMs
            apply(event)
            cursor += 1
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 2,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )

    // One iteration = 1,000 events = 3,000 window updates (each updating 8 aggregates).
    Benchmark(
        "Events into 3 windows x 8 aggregates, 100k keys",
        closure: { benchmark, workload in
            benchmark.startMeasurement()
            workload.applyNext(benchmark.scaledIterations.count)
            benchmark.stopMeasurement()
        },
        setup: { try WindowWorkload() }
    )

    // The engine runs one lane per partition: two lanes (one per core), 50k keys each, every
    // iteration applies 1,000 events in each lane = 2,000 events = 6,000 window updates.
    Benchmark(
        "Events into 3 windows x 8 aggregates, 2 lanes x 50k keys (per 2 events)",
        closure: { benchmark, lanes in
            let eventsPerLane = benchmark.scaledIterations.count
            benchmark.startMeasurement()
            DispatchQueue.concurrentPerform(iterations: lanes.count) { lane in
                lanes[lane].applyNext(eventsPerLane)
            }
            benchmark.stopMeasurement()
        },
        setup: {
            [
                try WindowWorkload(keyCount: WindowWorkload.keyCount / 2, eventCount: WindowWorkload.eventCount / 2, seed: 1),
                try WindowWorkload(keyCount: WindowWorkload.keyCount / 2, eventCount: WindowWorkload.eventCount / 2, seed: 2),
            ]
        }
    )

    // One iteration = 1,000 keys read: 3 window snapshots each.
    Benchmark(
        "Snapshots of 3 windows x 8 aggregates, 100k keys",
        closure: { benchmark, workload in
            let asOf = WindowWorkload.startMs + WindowWorkload.weekMs
            var sink = 0
            for i in benchmark.scaledIterations {
                let key = workload.keys[(i &* 7_919) % workload.keys.count]
                sink &+= workload.windows.snapshots(of: key, asOf: asOf)?.count ?? 0
            }
            blackHole(sink)
        },
        setup: { try WindowWorkload() }
    )

    // Memory: the state of one key (3 windows x 8 aggregates) after a week of traffic.
    Benchmark(
        "State bytes per key (3 windows x 8 aggregates)",
        configuration: .init(
            metrics: [.custom("bytes per key", polarity: .prefersSmaller, useScalingFactor: false),
                      .custom("encoded bytes per key", polarity: .prefersSmaller, useScalingFactor: false)],
            scalingFactor: .one,
            maxIterations: 1
        ),
        closure: { benchmark, workload in
            benchmark.measurement(.custom("bytes per key", polarity: .prefersSmaller, useScalingFactor: false), workload.windows.estimatedBytesPerKey)
            let encoded = workload.windows.encodedState().count / workload.windows.keyCount
            benchmark.measurement(.custom("encoded bytes per key", polarity: .prefersSmaller, useScalingFactor: false), encoded)
        },
        setup: { try WindowWorkload() }
    )
}
