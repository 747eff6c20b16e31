/// One ``Watermark`` per partition, with the same allowed lateness.
public struct PartitionWatermarks: Sendable {
    /// The allowed lateness of every partition's watermark, in milliseconds.
    public let allowedLatenessMs: Int64
    /// The watermark of each partition that has seen an event.
    public private(set) var partitions: [Int32: Watermark]

    /// Creates watermarks for partitions not yet seen.
    ///
    /// - Parameter allowedLatenessMs: Defaults to ``Watermark/defaultAllowedLatenessMs`` (2 minutes).
    public init(allowedLatenessMs: Int64 = Watermark.defaultAllowedLatenessMs) {
        precondition(allowedLatenessMs >= 0, "PartitionWatermarks: allowed lateness must not be negative, got \(allowedLatenessMs) ms")
        self.allowedLatenessMs = allowedLatenessMs
        self.partitions = [:]
    }

    /// Records an event time of `partition`.
    public mutating func observe(partition: Int32, eventTimeMs: Int64) {
        partitions[partition, default: Watermark(allowedLatenessMs: allowedLatenessMs)].observe(eventTimeMs: eventTimeMs)
    }

    /// The watermark of `partition`, or `nil` when it has seen no event.
    public func watermark(of partition: Int32) -> Int64? {
        partitions[partition]?.currentMs
    }

    /// Whether an event of `partition` at `eventTimeMs` is late.
    public func isLate(partition: Int32, eventTimeMs: Int64) -> Bool {
        partitions[partition]?.isLate(eventTimeMs) ?? false
    }

    /// The smallest watermark across the partitions seen (how far every partition has got),
    /// or `nil` when none has seen an event.
    public var minimumMs: Int64? {
        partitions.values.compactMap(\.currentMs).min()
    }

    /// Forgets a partition, e.g. after it was revoked from this consumer.
    public mutating func remove(partition: Int32) {
        partitions.removeValue(forKey: partition)
    }
}
