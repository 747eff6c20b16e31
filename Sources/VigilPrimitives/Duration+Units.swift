extension Duration {
    /// The duration in whole milliseconds, truncated toward zero (`1.9 ms` → `1`).
    @inlinable
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }

    /// The duration in whole nanoseconds, truncated toward zero.
    @inlinable
    public var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in seconds as a `Double` (for metrics, timeouts and human-readable output).
    @inlinable
    public var secondsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds when it is a whole number of them and fits in an `Int64`,
    /// else `nil` (`1.5 ms` and durations beyond 292 million years have no exact value).
    @inlinable
    public var exactMilliseconds: Int64? {
        let (seconds, attoseconds) = components
        guard attoseconds % 1_000_000_000_000_000 == 0 else { return nil }
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        guard !overflow else { return nil }
        let (total, overflowAgain) = ms.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowAgain ? nil : total
    }
}
