/// The aggregates of a run of buckets, combined in epoch order: what ``SlidingWindow/snapshot(asOf:)``
/// computes, one bucket at a time.
///
/// The count, sum, min, max and last value combine directly; the variance combines each
/// bucket's Welford (count, mean, M2) with Chan et al.'s parallel formula. Because floating-point
/// addition is not associative, the result depends on the order buckets are folded in; the
/// window always folds in epoch order, so the same buckets give bit-identical aggregates however
/// they were reached (a live window, or one restored from a checkpoint).
@usableFromInline
struct BucketFold: Sendable {
    // Fields without a slot in the window's layout keep their identity values.
    var count = 0.0
    var sum = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var mean = 0.0
    var m2 = 0.0
    var lastValue: LastValue?

    /// An empty fold.
    init() {}

    /// Loads a fold stored with ``store(to:layout:)``.
    init(loading bucket: UnsafePointer<Double>, layout: BucketLayout) {
        count = bucket[0]
        if layout.sum >= 0 { sum = bucket[Int(layout.sum)] }
        if layout.min >= 0 { minimum = bucket[Int(layout.min)] }
        if layout.max >= 0 { maximum = bucket[Int(layout.max)] }
        if layout.mean >= 0 {
            mean = bucket[Int(layout.mean)]
            m2 = bucket[Int(layout.m2)]
        }
        if layout.lastTime >= 0 {
            let time = Int64(bitPattern: bucket[Int(layout.lastTime)].bitPattern)
            if time != .min { lastValue = LastValue(value: bucket[Int(layout.lastValue)], eventTimeMs: time) }
        }
    }

    /// Stores the fold in the shape of a bucket (`layout.stride` doubles), so a window keeps it
    /// next to its buckets.
    func store(to bucket: UnsafeMutablePointer<Double>, layout: BucketLayout) {
        bucket[0] = count
        if layout.sum >= 0 { bucket[Int(layout.sum)] = sum }
        if layout.min >= 0 { bucket[Int(layout.min)] = minimum }
        if layout.max >= 0 { bucket[Int(layout.max)] = maximum }
        if layout.mean >= 0 {
            bucket[Int(layout.mean)] = mean
            bucket[Int(layout.m2)] = m2
        }
        if layout.lastTime >= 0 {
            bucket[Int(layout.lastTime)] = Double(bitPattern: UInt64(bitPattern: lastValue?.eventTimeMs ?? .min))
            bucket[Int(layout.lastValue)] = lastValue?.value ?? 0
        }
    }

    /// Folds in the bucket whose values start at `bucket` (laid out by `layout`); an empty bucket
    /// changes nothing.
    @inline(__always)
    mutating func absorb(_ bucket: UnsafePointer<Double>, layout: BucketLayout) {
        let n = bucket[0]
        guard n != 0 else { return }
        if layout.sum >= 0 { sum += bucket[Int(layout.sum)] }
        if layout.min >= 0 { minimum = Swift.min(minimum, bucket[Int(layout.min)]) }
        if layout.max >= 0 { maximum = Swift.max(maximum, bucket[Int(layout.max)]) }
        if layout.mean >= 0 {
            let bucketMean = bucket[Int(layout.mean)]
            let bucketM2 = bucket[Int(layout.m2)]
            let total = count + n
            let delta = bucketMean - mean
            mean += delta * (n / total)
            m2 += bucketM2 + delta * delta * (count * n / total)
        }
        if layout.lastTime >= 0 {
            let time = Int64(bitPattern: bucket[Int(layout.lastTime)].bitPattern)
            if time >= (lastValue?.eventTimeMs ?? .min) {
                lastValue = LastValue(value: bucket[Int(layout.lastValue)], eventTimeMs: time)
            }
        }
        count += n
    }

    /// The aggregates folded so far (all but the distinct count), as a window with `kinds` reports them.
    func aggregate(kinds: AggregateKinds, layout: BucketLayout) -> WindowAggregate {
        var result = WindowAggregate(count: Int(count))
        if kinds.contains(.sum) { result.sum = count > 0 ? sum : 0 }
        if kinds.contains(.distinct) { result.distinct = 0 }
        guard count > 0 else { return result }
        if kinds.contains(.min) { result.min = minimum }
        if kinds.contains(.max) { result.max = maximum }
        if kinds.contains(.mean) { result.mean = layout.mean >= 0 ? mean : sum / count }
        if kinds.contains(.variance) { result.variance = Swift.max(0, m2 / count) }
        if kinds.contains(.last) { result.last = lastValue }
        return result
    }
}
