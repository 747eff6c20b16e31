import Testing
@testable import VigilState

@Suite struct SlidingWindowTests {
    let minute: Int64 = 60_000

    @Test func eventsOlderThanTheOldestBucketAreReportedLate() throws {
        var window = SlidingWindow(spec: try WindowSpec(parsing: "10m/1m"))
        #expect(window.add(value: 1, at: 100 * minute) == .accepted)
        // The ring keeps minutes 91...100; minute 91 is still in, 90 is not.
        #expect(window.add(value: 2, at: 91 * minute) == .accepted)
        #expect(window.add(value: 3, at: 91 * minute - 1) == .late(eventTimeMs: 91 * minute - 1, oldestRetainedMs: 91 * minute))
        #expect(window.add(value: 4, at: 3 * minute).isAccepted == false)
        // Late events changed nothing.
        let snapshot = window.snapshot(asOf: 100 * minute)
        #expect(snapshot.count == 2)
        #expect(snapshot.sum == 3)
    }

    @Test func advancingTimeExpiresOldBuckets() throws {
        var window = SlidingWindow(spec: try WindowSpec(parsing: "3m/1m"))
        window.add(value: 1, at: 0)
        window.add(value: 10, at: minute)
        window.add(value: 100, at: 2 * minute)
        #expect(window.snapshot(asOf: 2 * minute).sum == 111)
        window.advance(to: 3 * minute)
        #expect(window.snapshot(asOf: 3 * minute).sum == 110)
        #expect(window.oldestRetainedMs == minute)
        #expect(window.add(value: 5, at: 0).isAccepted == false)
        window.advance(to: 100 * minute)
        let empty = window.snapshot(asOf: 100 * minute)
        #expect(empty == WindowAggregate(count: 0, sum: 0, distinct: 0))
        // A bucket reused after a full turn starts empty.
        window.add(value: 7, at: 100 * minute + 5)
        let fresh = window.snapshot(asOf: 100 * minute)
        #expect(fresh.count == 1)
        #expect(fresh.min == 7)
        #expect(fresh.max == 7)
        #expect(fresh.variance == 0)
    }

    @Test func negativeEventTimesUseFloorBuckets() throws {
        var window = SlidingWindow(spec: try WindowSpec(parsing: "2m/1m"))
        window.add(value: 1, at: -1)  // bucket -1
        window.add(value: 2, at: 0)  // bucket 0
        #expect(window.snapshot(asOf: 0).count == 2)
        #expect(window.snapshot(asOf: -1).count == 1)
        window.advance(to: minute)
        #expect(window.snapshot(asOf: minute).count == 1)
    }

    @Test func lastValuePrefersTheLatestEventTimeThenTheLatestArrival() throws {
        var window = SlidingWindow(spec: try WindowSpec(parsing: "10m/1m"), kinds: [.last])
        window.add(value: 1, at: 5 * minute)
        window.add(value: 2, at: 4 * minute)
        #expect(window.snapshot(asOf: 9 * minute).last == LastValue(value: 1, eventTimeMs: 5 * minute))
        window.add(value: 3, at: 5 * minute)
        #expect(window.snapshot(asOf: 9 * minute).last == LastValue(value: 3, eventTimeMs: 5 * minute))
        #expect(window.snapshot(asOf: 9 * minute).sum == nil)
    }

    @Test func varianceStaysAccurateForLargeOffsets() throws {
        // Naive sum-of-squares loses everything here; Welford + Chan does not.
        var window = SlidingWindow(spec: try WindowSpec(parsing: "10m/1m"), kinds: [.variance, .mean])
        let offset = 1e9
        let values = [4.0, 7, 13, 16]
        for (i, v) in values.enumerated() {
            window.add(value: offset + v, at: Int64(i) * minute)
        }
        let snapshot = window.snapshot(asOf: 9 * minute)
        #expect(abs(snapshot.variance! - 22.5) < 1e-6)
        #expect(snapshot.mean == offset + 10)
    }

    @Test func memoryIsOnlySpentOnKeptAggregates() throws {
        let spec = try WindowSpec(parsing: "24h/1h")
        var small = SlidingWindow(spec: spec, kinds: [.count])
        var full = SlidingWindow(spec: spec, kinds: .all)
        small.add(value: 1, at: 0)
        full.add(value: 1, distinctHash: 1, at: 0)
        #expect(small.estimatedBytes < full.estimatedBytes)
        // One Double per bucket for the count alone (and for the fold of the closed buckets, plus
        // its sketch count); seven more per bucket for the rest.
        #expect(small.estimatedBytes <= MemoryLayout<SlidingWindow>.stride + (24 + 2) * 8 + 64)
        #expect(full.estimatedBytes - small.estimatedBytes >= 24 * 7 * 8)
    }
}
