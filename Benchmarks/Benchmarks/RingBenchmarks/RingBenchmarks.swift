import Benchmark
import VigilRisk

import Foundation
import VigilPrimitives

/// Resident memory of this process in bytes (Linux `/proc/self/statm`), or 0 where unavailable.
/// Each benchmark builds its structure from scratch, so the resident growth
/// during the build is the memory the structure holds (an upper bound:
/// allocator slack included).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// 1,000,000 identifiers used by 100,000 merchants: most identifiers have one
/// merchant, 20 % two, 8 % three, 2 % four, plus 300 crowd identifiers
/// (public Wi-Fi, NAT IPs, carrier hubs) with 40 merchants each, and 10 %
/// re-sightings of known pairs.
enum RingWorkload {
    static let identifiers = 1_000_000
    static let merchants = 100_000

    static let sightings: [IdentifierSighting] = {
        var random = SplitMix64(seed: 42)  // deterministic: every run measures the same workload
        let names = (0..<merchants).map { "m\($0)" }
        // Kind mix: image 45 %, ip 20 %, device 10 %, wifi 10 %, payout 5 %, return 5 %, ship-from 5 %.
        let kinds: [IdentifierKind] = Array(repeating: .imageHash, count: 9) + Array(repeating: .ip, count: 4)
            + [.device, .device, .wifi, .wifi, .payoutAccount, .returnAddress, .shipFromAddress]
        var out: [IdentifierSighting] = []
        out.reserveCapacity(1_550_000)
        var event = 0
        for i in 0..<identifiers {
            let kind = kinds[random.below(kinds.count)]
            let key = IdentifierKey(kind: kind, hash: UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let roll = random.below(100)
            let count = i < 300 ? 40 : (roll < 70 ? 1 : roll < 90 ? 2 : roll < 98 ? 3 : 4)
            let first = random.below(merchants)
            for j in 0..<count {
                // Sharing is local (neighbouring merchant numbers), like real rings.
                let merchant = j == 0 ? first : (first + 1 + random.below(50)) % merchants
                event += 1
                out.append(IdentifierSighting(identifier: key, merchantID: names[merchant], eventID: "e\(event)", ts: Int64(event)))
                if random.below(10) == 0 {
                    event += 1
                    out.append(IdentifierSighting(identifier: key, merchantID: names[merchant], eventID: "e\(event)", ts: Int64(event)))
                }
            }
        }
        return out
    }()

    static let linkEvents: [LinkEvent] = {
        var index = IdentifierIndex()
        return sightings.compactMap { index.record($0) }
    }()
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 0,
        maxDuration: .seconds(60),
        maxIterations: 3
    )

    Benchmark(
        "IdentifierIndex.record: 1M identifiers, 100k merchants",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal,
                                       .custom("sightings/s", polarity: .prefersLarger, useScalingFactor: false),
                                       .custom("resident bytes/identifier", useScalingFactor: false),
                                       .custom("sightings", useScalingFactor: false),
                                       .custom("link events emitted", useScalingFactor: false)])
    ) { benchmark in
        let sightings = RingWorkload.sightings
        benchmark.startMeasurement()
        let residentBefore = residentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        var index = IdentifierIndex()
        var emitted = 0
        for sighting in sightings where index.record(sighting) != nil { emitted += 1 }
        let elapsed = clock.now - start
        let residentAfter = residentBytes()
        benchmark.stopMeasurement()
        blackHole(emitted)
        let seconds = elapsed.secondsDouble
        benchmark.measurement(.custom("sightings/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(sightings.count) / seconds))
        benchmark.measurement(.custom("resident bytes/identifier", useScalingFactor: false), (residentAfter - residentBefore) / index.identifierCount)
        benchmark.measurement(.custom("sightings", useScalingFactor: false), sightings.count)
        benchmark.measurement(.custom("link events emitted", useScalingFactor: false), emitted)
        blackHole(index)
    }

    Benchmark(
        "RingTracker.apply: link events of 1M identifiers, 100k merchants",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal,
                                       .custom("link events/s", polarity: .prefersLarger, useScalingFactor: false),
                                       .custom("resident bytes/shared identifier", useScalingFactor: false),
                                       .custom("rings", useScalingFactor: false),
                                       .custom("largest ring", useScalingFactor: false)])
    ) { benchmark in
        let events = RingWorkload.linkEvents
        benchmark.startMeasurement()
        let residentBefore = residentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        var tracker = RingTracker()
        for event in events { tracker.apply(event) }
        let changes = tracker.takeChanges()  // includes the lazy rebuilds
        let elapsed = clock.now - start
        let residentAfter = residentBytes()
        benchmark.stopMeasurement()
        blackHole(changes)
        let seconds = elapsed.secondsDouble
        benchmark.measurement(.custom("link events/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(events.count) / seconds))
        benchmark.measurement(.custom("resident bytes/shared identifier", useScalingFactor: false), (residentAfter - residentBefore) / max(1, tracker.trackedIdentifierCount))
        benchmark.measurement(.custom("rings", useScalingFactor: false), tracker.ringCount())
        benchmark.measurement(.custom("largest ring", useScalingFactor: false), tracker.ringIDs().map { tracker.members(of: $0).count }.max() ?? 0)
        blackHole(tracker)
    }
}
