/// The configuration of a ``KeyedWindows``: one feature ("metric") kept over several windows
/// for every key.
public struct KeyedWindowsConfiguration: Hashable, Sendable {
    /// The feature's name, e.g. `"payment_amount"`; used in reports and checkpoints.
    public var metric: String
    /// The windows kept per key, e.g. 1h, 24h and 7d. Names must be unique; at least one.
    public var windows: [WindowSpec]
    /// The aggregates kept per bucket. Default: ``AggregateKinds/all``.
    public var kinds: AggregateKinds
    /// The precision of the distinct-count sketches. Default: ``HyperLogLog/defaultPrecision`` (8).
    public var hllPrecision: Int
    /// How long, in event time, a key may go without events before ``KeyedWindows/evictIdle(asOf:)``
    /// drops it. Default (`nil`): the longest window's range, after which a key's windows are
    /// empty anyway.
    public var idleTTLMs: Int64?

    /// Creates a configuration; see the properties for the defaults.
    public init(
        metric: String,
        windows: [WindowSpec],
        kinds: AggregateKinds = .all,
        hllPrecision: Int = HyperLogLog.defaultPrecision,
        idleTTLMs: Int64? = nil
    ) {
        self.metric = metric
        self.windows = windows
        self.kinds = kinds
        self.hllPrecision = hllPrecision
        self.idleTTLMs = idleTTLMs
    }

    /// The idle TTL in force: ``idleTTLMs`` or the longest window's range.
    public var effectiveIdleTTLMs: Int64 {
        idleTTLMs ?? windows.map(\.rangeMs).max() ?? 0
    }

    /// Checks the configuration.
    ///
    /// - Throws: ``WindowSpecError`` when there is no window, two windows share a name, the
    ///   precision is out of range or the TTL is not positive.
    public func validate() throws(WindowSpecError) {
        guard !windows.isEmpty else {
            throw WindowSpecError(message: "metric \"\(metric)\" has no window", hint: "give at least one window, e.g. \"1h\"")
        }
        var names = Set<String>()
        for window in windows where !names.insert(window.name).inserted {
            throw WindowSpecError(
                message: "metric \"\(metric)\" has two windows named \"\(window.name)\"",
                hint: "give each window of a metric a distinct name"
            )
        }
        guard windows.count <= 64 else {
            throw WindowSpecError(message: "metric \"\(metric)\" has \(windows.count) windows, more than 64", hint: "split the metric")
        }
        guard HyperLogLog.precisionRange.contains(hllPrecision) else {
            throw WindowSpecError(
                message: "metric \"\(metric)\": HyperLogLog precision \(hllPrecision) is outside \(HyperLogLog.precisionRange)",
                hint: "use \(HyperLogLog.defaultPrecision) (~6.5 % error, 256 bytes per dense sketch) or up to 14 for sharper counts"
            )
        }
        if let idleTTLMs, idleTTLMs <= 0 {
            throw WindowSpecError(message: "metric \"\(metric)\": idle TTL must be positive, got \(idleTTLMs) ms", hint: "leave it nil to use the longest window")
        }
    }
}
