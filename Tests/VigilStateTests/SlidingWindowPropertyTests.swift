import PropertyBased
import Testing
@testable import VigilState

/// Random event streams, out of order by up to the allowed lateness, against brute force.
@Suite struct SlidingWindowPropertyTests {
    static let baseMs: Int64 = 1_700_000_000_000
    static let latenessMs: Int64 = Watermark.defaultAllowedLatenessMs

    /// Steps forward in time (0...45 s), a lateness jitter (0...2 min), a value and an id.
    static let events = zip(
        Gen.int64(in: 0...45_000),
        Gen.int64(in: 0...latenessMs),
        Gen.double(in: -1_000...1_000),
        Gen.int(in: 0...400)
    ).array(of: 1...250)

    static func stream(_ raw: [(Int64, Int64, Double, Int)]) -> [TestEvent] {
        var clock = baseMs
        return raw.map { step, jitter, value, id in
            clock += step
            return TestEvent(timeMs: clock - jitter, value: value, distinctID: id)
        }
    }

    static let specs: [WindowSpec] = [
        try! WindowSpec(parsing: "5m/30s"),
        try! WindowSpec(parsing: "15m/1m"),
        try! WindowSpec(parsing: "1h/5m"),
    ]

    func check(_ window: SlidingWindow, _ seen: [TestEvent], asOf: Int64) {
        let got = window.snapshot(asOf: asOf)
        let expected = BruteForce.aggregate(BruteForce.included(seen, spec: window.spec, asOf: asOf))
        let kinds = window.kinds
        #expect(got.count == expected.count, "count \(window.spec) asOf \(asOf)")
        #expect(kinds.contains(.sum) ? BruteForce.close(got.sum, expected.sum) : got.sum == nil, "sum \(window.spec)")
        #expect(got.min == (kinds.contains(.min) ? expected.min : nil), "min \(window.spec)")
        #expect(got.max == (kinds.contains(.max) ? expected.max : nil), "max \(window.spec)")
        #expect(BruteForce.close(got.mean, kinds.contains(.mean) ? expected.mean : nil), "mean \(window.spec): \(String(describing: got.mean)) vs \(String(describing: expected.mean))")
        #expect(BruteForce.close(got.variance, kinds.contains(.variance) ? expected.variance : nil), "variance \(window.spec): \(String(describing: got.variance)) vs \(String(describing: expected.variance))")
        #expect(got.last == (kinds.contains(.last) ? expected.last : nil), "last \(window.spec)")
        if kinds.contains(.distinct) {
            let estimate = got.distinct ?? -1
            // Merging the buckets' sketches must give exactly the sketch of the included events.
            let hashes = BruteForce.included(seen, spec: window.spec, asOf: asOf).map { StableHash.hash(Int64($0.distinctID)) }
            var reference = HyperLogLog(precision: window.hllPrecision)
            for hash in hashes { reference.add(hash: hash) }
            #expect(estimate == reference.estimate, "distinct \(window.spec): merged \(estimate), reference sketch \(reference.estimate)")
            #expect(
                BruteForce.distinctWithinBound(estimate, hashes: hashes, precision: window.hllPrecision),
                "distinct \(window.spec): estimate \(estimate), exact \(expected.distinct)"
            )
        } else {
            #expect(got.distinct == nil)
        }
    }

    /// Precision 12 (1.6 % standard error) keeps the distinct-count check sharp; the default
    /// precision's accuracy is checked in `HyperLogLogTests`.
    ///
    /// Shrinking is off: the ids come from a fixed universe whose stable hashes contain a few
    /// genuine register collisions, and the shrinker, once any case fails, hunts down and
    /// reports a handful of colliding ids instead of the original case. The window's sketch
    /// merging is checked exactly against a reference sketch, which no collision can disturb;
    /// the accuracy check allows for the collisions it counts (`BruteForce.distinctWithinBound`).
    @Test(.shrinking(false)) func everyAggregateMatchesBruteForce() async {
        await propertyCheck(input: Self.events) { raw in
            let events = Self.stream(raw)
            var windows = Self.specs.map { SlidingWindow(spec: $0, hllPrecision: 12) }
            var seen: [TestEvent] = []
            for event in events {
                for i in windows.indices {
                    let result = windows[i].add(value: event.value, distinctHash: StableHash.hash(Int64(event.distinctID)), at: event.timeMs)
                    // Every window is longer than the allowed lateness plus one bucket: nothing is late.
                    #expect(result == .accepted, "\(event) in \(windows[i].spec)")
                }
                seen.append(event)
                let latest = seen.map(\.timeMs).max()!
                for window in windows {
                    check(window, seen, asOf: latest)
                }
            }
            let latest = seen.map(\.timeMs).max()!
            for window in windows {
                // Later points in time: buckets expire one by one until the window is empty.
                for k: Int64 in [1, 2, 3, Int64(window.spec.bucketCount) / 2, Int64(window.spec.bucketCount) + 1] {
                    check(window, seen, asOf: latest + k * window.spec.bucketMs)
                }
                // An earlier point in time inside the kept buckets.
                check(window, seen, asOf: latest - window.spec.bucketMs)
            }
        }
    }

    @Test func anySubsetOfAggregatesMatchesBruteForce() async {
        await propertyCheck(count: 60, input: Self.events, Gen.uint16(in: 0...0xFF)) { raw, mask in
            let kinds = AggregateKinds(rawValue: mask)
            let events = Self.stream(raw)
            var window = SlidingWindow(spec: Self.specs[1], kinds: kinds, hllPrecision: 10)
            var seen: [TestEvent] = []
            for event in events {
                window.add(value: event.value, distinctHash: StableHash.hash(Int64(event.distinctID)), at: event.timeMs)
                seen.append(event)
            }
            let latest = seen.map(\.timeMs).max()!
            check(window, seen, asOf: latest)
            check(window, seen, asOf: latest + 4 * window.spec.bucketMs)
        }
    }

    @Test func restoredWindowBehavesIdentically() async {
        await propertyCheck(count: 60, input: Self.events, Gen.int(in: 0...250)) { raw, cutRaw in
            let events = Self.stream(raw)
            let cut = min(cutRaw, events.count)
            var original = SlidingWindow(spec: Self.specs[0])
            for event in events[..<cut] {
                original.add(value: event.value, distinctHash: StableHash.hash(Int64(event.distinctID)), at: event.timeMs)
            }
            var restored: SlidingWindow
            do {
                restored = try SlidingWindow(decodingState: original.encodedState())
            } catch {
                Issue.record("decoding failed: \(error)")
                return
            }
            #expect(restored == original)
            for event in events[cut...] {
                let hash = StableHash.hash(Int64(event.distinctID))
                let a = original.add(value: event.value, distinctHash: hash, at: event.timeMs)
                let b = restored.add(value: event.value, distinctHash: hash, at: event.timeMs)
                #expect(a == b)
                #expect(original.snapshot(asOf: event.timeMs) == restored.snapshot(asOf: event.timeMs))
            }
            #expect(restored == original)
            #expect(restored.encodedState() == original.encodedState())
        }
    }
}

/// The fold of the buckets before the head is kept incrementally and goes stale on expiry; a
/// snapshot must be the same bit for bit whether it uses an extended fold, a rebuilt one, or
/// folds every bucket (a stale fold).
@Suite struct SlidingWindowClosedFoldTests {
    @Test func snapshotsAreIdenticalWhicheverWayTheFoldWasReached() async {
        await propertyCheck(count: 80, input: SlidingWindowPropertyTests.events) { raw in
            let events = SlidingWindowPropertyTests.stream(raw)
            var windows = SlidingWindowPropertyTests.specs.map { SlidingWindow(spec: $0) }
            var latest = Int64.min
            for (n, event) in events.enumerated() {
                latest = max(latest, event.timeMs)
                for i in windows.indices {
                    windows[i].add(value: event.value, distinctHash: StableHash.hash(Int64(event.distinctID)), at: event.timeMs)
                    // Prepared on every other event: in between, the fold is extended or goes stale.
                    if n % 2 == 0 {
                        windows[i].prepareSnapshot()
                        #expect(windows[i].closedFoldIsCurrent)
                    }
                    var rebuilt: SlidingWindow
                    do { rebuilt = try SlidingWindow(decodingState: windows[i].encodedState()) } catch {
                        Issue.record("decoding failed: \(error)")
                        return
                    }
                    let stale = rebuilt.snapshot(asOf: latest)  // restored: stale until prepared
                    rebuilt.prepareSnapshot()
                    let scratch = rebuilt.snapshot(asOf: latest)
                    let maintained = windows[i].snapshot(asOf: latest)
                    for (name, other) in [("rebuilt", scratch), ("every bucket", stale)] {
                        #expect(maintained == other, "\(windows[i].spec) after \(event): \(maintained) vs \(name) \(other)")
                        #expect(maintained.mean?.bitPattern == other.mean?.bitPattern && maintained.variance?.bitPattern == other.variance?.bitPattern)
                    }
                }
            }
        }
    }
}
