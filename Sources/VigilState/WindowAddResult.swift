/// What happened to an event offered to a ``SlidingWindow``.
public enum WindowAddResult: Hashable, Sendable {
    /// The event was counted in its bucket.
    case accepted
    /// The event is older than the oldest bucket the window still keeps, so it was not
    /// counted. The caller decides what to do with it (count it, dead-letter it, ...).
    ///
    /// - eventTimeMs: The event's time.
    /// - oldestRetainedMs: The start of the oldest bucket the window keeps; events at or after
    ///   it are accepted.
    case late(eventTimeMs: Int64, oldestRetainedMs: Int64)

    /// Whether the event was counted.
    @inlinable
    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}
