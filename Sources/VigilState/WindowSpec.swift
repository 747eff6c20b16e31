import VigilPrimitives

/// A sliding event-time window: its length (`range`) and the width of the time buckets
/// (`bucket`) that it is built from.
///
/// A window keeps `range / bucket` buckets, so the bucket width is the window's resolution:
/// a `24h` window with `1h` buckets forgets data an hour at a time. Smaller buckets give
/// sharper edges at the cost of memory (every bucket holds one set of aggregates).
///
/// ```swift
/// let day = try WindowSpec(parsing: "24h")                // 24 buckets of 1h (the default bucket)
/// let week = try WindowSpec(name: "7d", rangeMs: 7 * 86_400_000, bucketMs: 86_400_000)
/// ```
public struct WindowSpec: Hashable, Sendable, CustomStringConvertible {
    /// The window's name, used to look it up and in reports, e.g. `"24h"`.
    public let name: String
    /// The window's length in milliseconds of event time. Always a positive multiple of ``bucketMs``.
    public let rangeMs: Int64
    /// The width of one bucket in milliseconds of event time. Always positive.
    public let bucketMs: Int64

    /// The number of buckets the window keeps: `rangeMs / bucketMs`.
    @inlinable
    public var bucketCount: Int { Int(rangeMs / bucketMs) }

    /// The most buckets one window may keep (bounds the memory of one window).
    public static let maximumBucketCount = 100_000

    /// Creates a window from millisecond figures.
    ///
    /// - Parameters:
    ///   - name: The window's name; defaults to the range written as a duration, e.g. `"24h"`.
    ///   - rangeMs: The window's length in milliseconds; a positive multiple of `bucketMs`.
    ///   - bucketMs: The bucket width in milliseconds; positive.
    /// - Throws: ``WindowSpecError`` when a figure is not positive, the range is not a
    ///   multiple of the bucket, or the window would need more than ``maximumBucketCount`` buckets.
    public init(name: String? = nil, rangeMs: Int64, bucketMs: Int64) throws(WindowSpecError) {
        guard bucketMs > 0 else {
            throw WindowSpecError(
                message: "bucket must be positive, got \(bucketMs) ms",
                hint: "give a bucket width such as \"1m\", \"5m\" or \"1h\""
            )
        }
        guard rangeMs > 0 else {
            throw WindowSpecError(
                message: "range must be positive, got \(rangeMs) ms",
                hint: "give a window length such as \"1h\", \"24h\" or \"7d\""
            )
        }
        guard rangeMs % bucketMs == 0 else {
            throw WindowSpecError(
                message: "range \(Self.format(ms: rangeMs)) is not a multiple of bucket \(Self.format(ms: bucketMs))",
                hint: "choose a bucket that divides the range evenly, e.g. \(Self.format(ms: Self.suggestedBucket(forRange: rangeMs)))"
            )
        }
        guard rangeMs / bucketMs <= Int64(Self.maximumBucketCount) else {
            throw WindowSpecError(
                message: "range \(Self.format(ms: rangeMs)) with bucket \(Self.format(ms: bucketMs)) needs \(rangeMs / bucketMs) buckets, more than \(Self.maximumBucketCount)",
                hint: "use a wider bucket, e.g. \(Self.format(ms: Self.suggestedBucket(forRange: rangeMs)))"
            )
        }
        self.name = name ?? Self.format(ms: rangeMs)
        self.rangeMs = rangeMs
        self.bucketMs = bucketMs
    }

    /// Creates a window from `Duration`s.
    ///
    /// - Throws: ``WindowSpecError`` as ``init(name:rangeMs:bucketMs:)`` does, or when a
    ///   duration is not a whole number of milliseconds.
    public init(name: String? = nil, range: Duration, bucket: Duration) throws(WindowSpecError) {
        try self.init(
            name: name,
            rangeMs: try Self.milliseconds(range, what: "range"),
            bucketMs: try Self.milliseconds(bucket, what: "bucket")
        )
    }

    /// Parses a window such as `"15m"`, `"1h"`, `"24h"`, `"7d"` or `"30d"`, optionally with an
    /// explicit bucket after a slash: `"24h/15m"`.
    ///
    /// Units: `ms`, `s`, `m` (minutes), `h`, `d`, `w`. Without an explicit bucket the default is
    /// ``suggestedBucket(forRange:)``: 1m for windows up to 1h, 1h up to 2d, 1d above that
    /// (so `"1h"` keeps 60 buckets, `"24h"` 24 and `"7d"` 7).
    ///
    /// - Throws: ``WindowSpecError`` naming the text that could not be read.
    public init(parsing text: String) throws(WindowSpecError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else {
            throw WindowSpecError(
                message: "\"\(text)\" has more than one '/'",
                hint: "write RANGE or RANGE/BUCKET, e.g. \"24h\" or \"24h/15m\""
            )
        }
        let range = try Self.parseDuration(String(parts[0]), whole: text)
        let bucket = parts.count == 2
            ? try Self.parseDuration(String(parts[1]), whole: text)
            : Self.suggestedBucket(forRange: range)
        try self.init(name: String(parts[0]), rangeMs: range, bucketMs: bucket)
    }

    /// The bucket width used when a window is parsed without one: 1 minute for windows up to
    /// 1 hour, 1 hour for windows up to 2 days, 1 day above that — or the largest of those that
    /// divides `rangeMs`, falling back to 1 ms.
    public static func suggestedBucket(forRange rangeMs: Int64) -> Int64 {
        let preferred: [Int64]
        if rangeMs <= 3_600_000 {
            preferred = [60_000, 1_000, 1]
        } else if rangeMs <= 2 * 86_400_000 {
            preferred = [3_600_000, 60_000, 1_000, 1]
        } else {
            preferred = [86_400_000, 3_600_000, 60_000, 1_000, 1]
        }
        return preferred.first { rangeMs % $0 == 0 && rangeMs / $0 <= Int64(maximumBucketCount) } ?? 1
    }

    /// The window as `name (range/bucket)`, e.g. `24h (24h/1h)`.
    public var description: String {
        "\(name) (\(Self.format(ms: rangeMs))/\(Self.format(ms: bucketMs)))"
    }

    // MARK: - Internals

    static func parseDuration(_ text: String, whole: String) throws(WindowSpecError) -> Int64 {
        let units = DurationText.units.map(\.suffix).joined(separator: ", ")
        do {
            return try DurationText.milliseconds(parsing: text)
        } catch {
            switch error {
            case .noNumber:
                throw WindowSpecError(
                    message: "\"\(whole)\": \"\(text)\" does not start with a whole number",
                    hint: "write a number followed by a unit (\(units)), e.g. \"15m\" or \"7d\""
                )
            case .unknownUnit(let suffix):
                throw WindowSpecError(message: "\"\(whole)\": unknown unit \"\(suffix)\" in \"\(text)\"", hint: "use one of \(units), e.g. \"30d\"")
            case .tooLong:
                throw WindowSpecError(message: "\"\(whole)\": \"\(text)\" is too long to count in milliseconds", hint: "use a shorter window")
            }
        }
    }

    static func milliseconds(_ duration: Duration, what: String) throws(WindowSpecError) -> Int64 {
        guard let ms = duration.exactMilliseconds else {
            throw WindowSpecError(
                message: "\(what) \(duration) is not a whole number of milliseconds that fits in 64 bits",
                hint: "round the \(what) to milliseconds, and keep it under 292 million years"
            )
        }
        return ms
    }

    /// Formats milliseconds with the largest unit that divides them, e.g. `86_400_000` as `"1d"`.
    static func format(ms: Int64) -> String { DurationText.format(milliseconds: ms) }
}

