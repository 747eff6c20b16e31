/// The event-time watermark of one partition: the latest event time seen minus the allowed
/// lateness. Events before the watermark are late.
///
/// ```swift
/// var watermark = Watermark()            // allows 2 minutes of lateness
/// watermark.observe(eventTimeMs: ts)
/// if watermark.isLate(otherTs) { ... }
/// ```
public struct Watermark: Hashable, Sendable {
    /// The default allowed lateness: 2 minutes.
    public static let defaultAllowedLatenessMs: Int64 = 120_000

    /// How far behind the latest event an event may be and still be on time, in milliseconds.
    public let allowedLatenessMs: Int64
    /// The latest event time observed, or `nil` before the first event.
    public private(set) var maxEventTimeMs: Int64?

    /// Creates a watermark that has seen no event.
    ///
    /// - Parameter allowedLatenessMs: Allowed lateness in milliseconds, `>= 0`; defaults to
    ///   ``defaultAllowedLatenessMs`` (2 minutes).
    public init(allowedLatenessMs: Int64 = Watermark.defaultAllowedLatenessMs) {
        precondition(allowedLatenessMs >= 0, "Watermark: allowed lateness must not be negative, got \(allowedLatenessMs) ms")
        self.allowedLatenessMs = allowedLatenessMs
        self.maxEventTimeMs = nil
    }

    /// The watermark, `maxEventTimeMs - allowedLatenessMs`, or `nil` before the first event.
    public var currentMs: Int64? {
        maxEventTimeMs.map { $0.subtractingReportingOverflow(allowedLatenessMs).overflow ? .min : $0 - allowedLatenessMs }
    }

    /// Records an event time; the watermark only moves forward.
    public mutating func observe(eventTimeMs: Int64) {
        if let current = maxEventTimeMs, current >= eventTimeMs { return }
        maxEventTimeMs = eventTimeMs
    }

    /// Whether an event at `eventTimeMs` is before the watermark. Nothing is late before the
    /// first event.
    public func isLate(_ eventTimeMs: Int64) -> Bool {
        guard let watermark = currentMs else { return false }
        return eventTimeMs < watermark
    }
}
