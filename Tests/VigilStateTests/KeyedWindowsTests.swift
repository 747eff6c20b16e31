import Testing
@testable import VigilState

@Suite struct KeyedWindowsTests {
    let hour: Int64 = 3_600_000

    func makeWindows(ttl: Int64? = nil) throws -> KeyedWindows<String> {
        try KeyedWindows(KeyedWindowsConfiguration(
            metric: "listing_price",
            windows: [try WindowSpec(parsing: "1h/5m"), try WindowSpec(parsing: "24h")],
            idleTTLMs: ttl
        ))
    }

    @Test func idleKeysAreEvictedAfterTheTTLInEventTime() throws {
        var windows = try makeWindows(ttl: 2 * hour)
        windows.add(key: "a", value: 1, at: 0)
        windows.add(key: "b", value: 1, at: 1 * hour)
        windows.add(key: "c", value: 1, at: 3 * hour)
        windows.add(key: "a", value: 1, at: 30 * 60_000)  // a's latest event: 0:30
        #expect(windows.keyCount == 3)
        #expect(windows.evictIdle(asOf: 2 * hour) == 0)  // cutoff 0:00, a is at 0:30
        #expect(windows.evictIdle(asOf: 2 * hour + 45 * 60_000) == 1)  // cutoff 0:45: a goes
        #expect(windows.lastEventTime(of: "a") == nil)
        #expect(Set(windows.keys) == ["b", "c"])
        #expect(windows.snapshot(of: "b", window: "24h", asOf: 3 * hour)?.count == 1)
        #expect(windows.evictIdle(olderThan: 3 * hour + 1) == 2)
        #expect(windows.keyCount == 0)
        // An evicted key starts afresh.
        windows.add(key: "a", value: 5, at: 4 * hour)
        #expect(windows.snapshot(of: "a", window: "24h", asOf: 4 * hour)?.sum == 5)
    }

    @Test func theDefaultTTLIsTheLongestWindow() throws {
        var windows = try makeWindows()
        windows.add(key: "a", value: 1, at: 0)
        #expect(windows.evictIdle(asOf: 24 * hour) == 0)
        #expect(windows.evictIdle(asOf: 24 * hour + 1) == 1)
    }

    @Test func lateEventsAreReportedPerWindow() throws {
        var windows = try makeWindows()
        windows.add(key: "a", value: 1, at: 10 * hour)
        let result = windows.add(key: "a", value: 2, at: 8 * hour)
        #expect(result.isLate(inWindow: 0))
        #expect(!result.isLate(inWindow: 1))
        #expect(!result.isFullyAccepted && !result.isFullyLate)
        #expect(windows.snapshots(of: "a", asOf: 10 * hour)?.map(\.count) == [1, 2])
        #expect(windows.add(key: "a", value: 3, at: -20 * hour).isFullyLate)
        // A late event does not refresh the key's idle clock.
        #expect(windows.lastEventTime(of: "a") == 10 * hour)
    }

    @Test func snapshotsOfUnknownKeysAndWindowsAreNil() throws {
        var windows = try makeWindows()
        windows.add(key: "a", value: 1, at: 0)
        #expect(windows.snapshot(of: "zzz", window: "1h", asOf: 0) == nil)
        #expect(windows.snapshot(of: "a", window: "7d", asOf: 0) == nil)
        #expect(windows.snapshot(of: "a", window: "1h", asOf: 0)?.count == 1)
    }

    @Test func invalidConfigurationsAreRejected() throws {
        let hourWindow = try WindowSpec(parsing: "1h")
        #expect(throws: WindowSpecError.self) { try KeyedWindows<String>(KeyedWindowsConfiguration(metric: "m", windows: [])) }
        #expect(throws: WindowSpecError.self) { try KeyedWindows<String>(KeyedWindowsConfiguration(metric: "m", windows: [hourWindow, hourWindow])) }
        #expect(throws: WindowSpecError.self) { try KeyedWindows<String>(KeyedWindowsConfiguration(metric: "m", windows: [hourWindow], hllPrecision: 20)) }
        #expect(throws: WindowSpecError.self) { try KeyedWindows<String>(KeyedWindowsConfiguration(metric: "m", windows: [hourWindow], idleTTLMs: 0)) }
    }

    @Test func estimatedBytesGrowWithKeys() throws {
        var windows = try makeWindows()
        let empty = windows.estimatedBytes
        for i in 0..<100 { windows.add(key: "k\(i)", value: 1, distinctHash: UInt64(i), at: 0) }
        #expect(windows.estimatedBytes > empty + 100 * (12 + 24) * 8 * 8)
        #expect(windows.estimatedBytesPerKey > 0)
    }
}
