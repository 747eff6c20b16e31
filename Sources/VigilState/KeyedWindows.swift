/// One feature ("metric") kept over several sliding windows for every key, with idle-key
/// eviction in event time.
///
/// ```swift
/// var amounts = try KeyedWindows<String>(KeyedWindowsConfiguration(
///     metric: "payment_amount",
///     windows: [try WindowSpec(parsing: "1h/5m"), try WindowSpec(parsing: "24h"), try WindowSpec(parsing: "7d")]
/// ))
/// amounts.add(key: "m-1", value: 12.5, distinctHash: StableHash.hash("buyer-9"), at: ts)
/// let day = amounts.snapshot(of: "m-1", window: "24h", asOf: ts)
/// ```
///
/// Keys live in a dense array with a hash index, so updating a key's windows mutates them in
/// place without copying.
public struct KeyedWindows<Key: Hashable & Sendable>: Sendable {
    /// The per-key state: the key, the latest accepted event time and one window per spec.
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline let key: Key
        @usableFromInline var lastEventTimeMs: Int64
        @usableFromInline var windows: [SlidingWindow]

        @usableFromInline
        init(key: Key, lastEventTimeMs: Int64, windows: [SlidingWindow]) {
            self.key = key
            self.lastEventTimeMs = lastEventTimeMs
            self.windows = windows
        }
    }

    /// The validated configuration.
    public let configuration: KeyedWindowsConfiguration
    @usableFromInline var index: [Key: Int]
    @usableFromInline var entries: [Entry]
    /// An empty window per spec, copied for each new key.
    @usableFromInline let template: [SlidingWindow]

    /// Creates empty windows for a metric.
    ///
    /// - Throws: ``WindowSpecError`` when the configuration is invalid (see
    ///   ``KeyedWindowsConfiguration/validate()``).
    public init(_ configuration: KeyedWindowsConfiguration) throws(WindowSpecError) {
        try configuration.validate()
        self.configuration = configuration
        self.index = [:]
        self.entries = []
        self.template = configuration.windows.map {
            SlidingWindow(spec: $0, kinds: configuration.kinds, hllPrecision: configuration.hllPrecision)
        }
    }

    /// The number of keys held.
    @inlinable
    public var keyCount: Int { entries.count }

    /// The keys held, in insertion order (perturbed by eviction).
    public var keys: [Key] { entries.map(\.key) }

    /// Adds an event for `key` to every window of the metric.
    ///
    /// - Parameters:
    ///   - key: The key (e.g. a merchant id).
    ///   - value: The value to aggregate.
    ///   - distinctHash: A stable hash to count distinctly, or `nil`.
    ///   - eventTimeMs: The event time, Unix epoch milliseconds.
    /// - Returns: Which windows found the event late. A late event changes nothing in those
    ///   windows. (A key's first event is never late: its windows start at that event.)
    @inlinable
    @discardableResult
    public mutating func add(key: Key, value: Double, distinctHash: UInt64? = nil, at eventTimeMs: Int64) -> KeyedAddResult {
        let position: Int
        if let existing = index[key] {
            position = existing
        } else {
            position = entries.count
            index[key] = position
            entries.append(Entry(key: key, lastEventTimeMs: .min, windows: template))
        }
        var lateMask: UInt64 = 0
        let windowCount = template.count
        entries.withUnsafeMutableBufferPointer { buffer in
            let entry = buffer.baseAddress! + position
            entry.pointee.windows.withUnsafeMutableBufferPointer { windows in
                for i in 0..<windowCount {
                    if !windows[i].add(value: value, distinctHash: distinctHash, at: eventTimeMs).isAccepted {
                        lateMask |= 1 << UInt64(i)
                    }
                }
            }
            if lateMask.nonzeroBitCount < windowCount, eventTimeMs > entry.pointee.lastEventTimeMs {
                entry.pointee.lastEventTimeMs = eventTimeMs
            }
        }
        return KeyedAddResult(lateWindowMask: lateMask, windowCount: windowCount)
    }

    /// The aggregates of `key` over the window named `window`, or `nil` when the key is not
    /// held or the metric has no such window.
    public func snapshot(of key: Key, window: String, asOf asOfMs: Int64) -> WindowAggregate? {
        guard let position = index[key],
              let w = configuration.windows.firstIndex(where: { $0.name == window })
        else { return nil }
        return entries[position].windows[w].snapshot(asOf: asOfMs)
    }

    /// The aggregates of `key` over every window, in configuration order, or `nil` when the
    /// key is not held.
    public func snapshots(of key: Key, asOf asOfMs: Int64) -> [WindowAggregate]? {
        guard let position = index[key] else { return nil }
        return entries[position].windows.map { $0.snapshot(asOf: asOfMs) }
    }

    /// The windows of `key`, in configuration order, or `nil` when the key is not held.
    public func windows(of key: Key) -> [SlidingWindow]? {
        index[key].map { entries[$0].windows }
    }

    /// The latest accepted event time of `key`, or `nil` when the key is not held.
    public func lastEventTime(of key: Key) -> Int64? {
        index[key].map { entries[$0].lastEventTimeMs }
    }

    /// Drops every key whose latest accepted event is older than `cutoffMs`.
    ///
    /// - Returns: The number of keys dropped.
    @discardableResult
    public mutating func evictIdle(olderThan cutoffMs: Int64) -> Int {
        var evicted = 0
        var position = 0
        while position < entries.count {
            if entries[position].lastEventTimeMs < cutoffMs {
                remove(at: position)
                evicted += 1
            } else {
                position += 1
            }
        }
        return evicted
    }

    /// Drops every key idle for longer than the configured TTL
    /// (``KeyedWindowsConfiguration/effectiveIdleTTLMs``) as of event time `nowMs`
    /// (typically the watermark).
    ///
    /// - Returns: The number of keys dropped.
    @discardableResult
    public mutating func evictIdle(asOf nowMs: Int64) -> Int {
        let (cutoff, overflow) = nowMs.subtractingReportingOverflow(configuration.effectiveIdleTTLMs)
        return evictIdle(olderThan: overflow ? .min : cutoff)
    }

    /// Removes the entry at `position` by moving the last entry into its place.
    @usableFromInline
    mutating func remove(at position: Int) {
        index.removeValue(forKey: entries[position].key)
        let last = entries.count - 1
        if position != last {
            entries.swapAt(position, last)
            index[entries[position].key] = position
        }
        entries.removeLast()
    }

    /// An estimate of the bytes of memory held: the windows of every key plus the key index.
    /// Keys that own heap storage (such as long strings) are counted by their inline size only.
    public var estimatedBytes: Int {
        var bytes = MemoryLayout<Self>.stride
        bytes += entries.capacity * MemoryLayout<Entry>.stride
        // A Swift dictionary keeps a key, a value and a bit per bucket at ≤ 75 % load.
        bytes += index.capacity * (MemoryLayout<Key>.stride + MemoryLayout<Int>.stride) + index.capacity / 8
        for entry in entries {
            bytes += 32 + entry.windows.reduce(0) { $0 + $1.estimatedBytes }
        }
        return bytes
    }

    /// The average of ``estimatedBytes`` per key, or 0 when empty.
    public var estimatedBytesPerKey: Int {
        entries.isEmpty ? 0 : estimatedBytes / entries.count
    }
}
