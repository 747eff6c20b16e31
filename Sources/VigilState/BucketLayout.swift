/// Where each aggregate lives inside one bucket's run of `Double`s in ``SlidingWindow``.
///
/// Only the aggregates in the window's ``AggregateKinds`` get a slot, so memory is spent only
/// where needed. The count is always slot 0. An offset of -1 means "not kept".
@usableFromInline
struct BucketLayout: Hashable, Sendable {
    /// `Double`s per bucket.
    @usableFromInline let stride: Int8
    @usableFromInline let sum: Int8
    @usableFromInline let min: Int8
    @usableFromInline let max: Int8
    /// Running (Welford) mean; kept with the variance.
    @usableFromInline let mean: Int8
    /// Sum of squared deviations from the mean (Welford's M2); kept for the variance.
    @usableFromInline let m2: Int8
    @usableFromInline let lastValue: Int8
    /// The event time of `lastValue`, an `Int64` stored as the `Double` with its bit pattern.
    @usableFromInline let lastTime: Int8

    init(kinds: AggregateKinds) {
        var next: Int8 = 1  // slot 0: count
        func slot(_ kept: Bool) -> Int8 {
            guard kept else { return -1 }
            defer { next += 1 }
            return next
        }
        // The mean comes from the Welford mean when the variance is kept, else from sum / count.
        sum = slot(kinds.contains(.sum) || (kinds.contains(.mean) && !kinds.contains(.variance)))
        min = slot(kinds.contains(.min))
        max = slot(kinds.contains(.max))
        mean = slot(kinds.contains(.variance))
        m2 = slot(kinds.contains(.variance))
        lastValue = slot(kinds.contains(.last))
        lastTime = slot(kinds.contains(.last))
        stride = next
    }

    /// The values of an empty bucket, in slot order: every aggregate's identity.
    func emptyBucket() -> [Double] {
        var bucket = [Double](repeating: 0, count: Int(stride))
        if min >= 0 { bucket[Int(min)] = .infinity }
        if max >= 0 { bucket[Int(max)] = -.infinity }
        if lastTime >= 0 { bucket[Int(lastTime)] = Double(bitPattern: UInt64(bitPattern: Int64.min)) }
        return bucket
    }
}
