/// What happened to an event offered to a ``KeyedWindows``: which of the key's windows
/// counted it and which found it late.
public struct KeyedAddResult: Hashable, Sendable {
    /// Bit `i` is set when window `i` of the configuration found the event late.
    public var lateWindowMask: UInt64
    /// The number of windows the event was offered to.
    public var windowCount: Int

    /// Creates a result.
    public init(lateWindowMask: UInt64, windowCount: Int) {
        self.lateWindowMask = lateWindowMask
        self.windowCount = windowCount
    }

    /// Whether every window counted the event.
    @inlinable
    public var isFullyAccepted: Bool { lateWindowMask == 0 }

    /// Whether no window counted the event (it is older than even the longest window keeps).
    @inlinable
    public var isFullyLate: Bool { lateWindowMask.nonzeroBitCount == windowCount }

    /// The number of windows that found the event late.
    @inlinable
    public var lateCount: Int { lateWindowMask.nonzeroBitCount }

    /// Whether window `index` found the event late.
    @inlinable
    public func isLate(inWindow index: Int) -> Bool { lateWindowMask & (1 << UInt64(index)) != 0 }
}
