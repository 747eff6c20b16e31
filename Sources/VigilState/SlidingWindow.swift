/// A sliding event-time window built from a ring of time buckets.
///
/// Bucket `e` holds the events with `e * bucketMs <= eventTimeMs < (e + 1) * bucketMs`
/// (buckets are aligned to multiples of the bucket width in event time). The window keeps the
/// ``WindowSpec/bucketCount`` buckets that end with the latest bucket it has seen (its *head*).
/// An event newer than the head moves the head forward and expires buckets that fall out;
/// an event older than the oldest kept bucket is refused and reported as
/// ``WindowAddResult/late(eventTimeMs:oldestRetainedMs:)``, never dropped silently.
///
/// Each bucket keeps only the aggregates in ``kinds`` (see ``AggregateKinds``) and the window
/// combines them across buckets on ``snapshot(asOf:)``: the variance per bucket with Welford's
/// update and across buckets with Chan's parallel formula, the distinct count by merging the
/// buckets' ``HyperLogLog`` sketches.
///
/// `add` is O(1) amortised and allocation-free once the ring exists (apart from a bucket's
/// first distinct hashes); `snapshot` is O(bucketCount).
public struct SlidingWindow: Sendable {
    /// The configuration, shared with the window's copies.
    @usableFromInline let shape: WindowShape

    /// The window's length and bucket width.
    @inlinable public var spec: WindowSpec { shape.spec }
    /// The aggregates kept.
    @inlinable public var kinds: AggregateKinds { shape.kinds }
    /// The precision of the per-bucket ``HyperLogLog`` sketches.
    @inlinable public var hllPrecision: Int { shape.hllPrecision }

    @inlinable var layout: BucketLayout { shape.layout }
    /// The number of buckets in the ring, `spec.bucketCount`.
    @inlinable var bucketCount: Int { shape.bucketCount }
    @inlinable var bucketMs: Int64 { shape.bucketMs }
    /// The epoch (bucket number) of the latest bucket; `Int64.min` before the first event.
    @usableFromInline var head: Int64
    /// `bucketCount * layout.stride` doubles. Bucket epoch `e` lives at ring slot
    /// `e mod bucketCount`; the slots hold exactly the epochs `head - bucketCount + 1 ... head`.
    @usableFromInline var values: [Double]
    /// One sketch per ring slot when `kinds` contains `.distinct`, else empty.
    @usableFromInline var sketches: [HyperLogLog]

    /// Creates an empty window.
    ///
    /// - Parameters:
    ///   - spec: The window's length and bucket width.
    ///   - kinds: The aggregates to keep; defaults to ``AggregateKinds/all``.
    ///   - hllPrecision: The distinct-count sketches' precision; defaults to
    ///     ``HyperLogLog/defaultPrecision``. Must be in ``HyperLogLog/precisionRange``.
    public init(spec: WindowSpec, kinds: AggregateKinds = .all, hllPrecision: Int = HyperLogLog.defaultPrecision) {
        precondition(
            HyperLogLog.precisionRange.contains(hllPrecision),
            "SlidingWindow: hllPrecision must be in \(HyperLogLog.precisionRange), got \(hllPrecision)"
        )
        self.shape = WindowShape(spec: spec, kinds: kinds, hllPrecision: hllPrecision)
        self.head = .min
        self.values = []
        self.sketches = []
    }

    /// Whether no event has been accepted yet.
    @inlinable
    public var isEmpty: Bool { head == .min }

    /// The start of the latest bucket the window has seen, or `nil` before the first event.
    public var latestBucketStartMs: Int64? {
        isEmpty ? nil : head &* spec.bucketMs
    }

    /// The start of the oldest bucket the window keeps; events before it are late. `nil`
    /// before the first event (when nothing is late).
    public var oldestRetainedMs: Int64? {
        isEmpty ? nil : oldestEpoch &* spec.bucketMs
    }

    @inlinable
    var oldestEpoch: Int64 {
        let (oldest, overflow) = head.subtractingReportingOverflow(Int64(bucketCount - 1))
        return overflow ? .min : oldest
    }

    @inlinable
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0)) ? q - 1 : q
    }

    @inlinable
    func slot(ofEpoch epoch: Int64) -> Int {
        let r = Int(epoch % Int64(bucketCount))
        return r < 0 ? r + bucketCount : r
    }

    /// Adds an event.
    ///
    /// - Parameters:
    ///   - value: The value to aggregate.
    ///   - distinctHash: A stable hash of what to count distinctly (e.g. ``StableHash/hash(_:)-(StringProtocol)``
    ///     of a buyer id), or `nil` when the event adds nothing to the distinct count.
    ///   - eventTimeMs: The event time, Unix epoch milliseconds.
    /// - Returns: ``WindowAddResult/accepted``, or ``WindowAddResult/late(eventTimeMs:oldestRetainedMs:)``
    ///   when the event is older than the oldest bucket kept; a late event changes nothing.
    @inlinable
    @discardableResult
    public mutating func add(value: Double, distinctHash: UInt64? = nil, at eventTimeMs: Int64) -> WindowAddResult {
        let epoch = Self.floorDivide(eventTimeMs, bucketMs)
        if epoch > head {
            moveHead(to: epoch)
        } else if epoch < oldestEpoch {
            return .late(eventTimeMs: eventTimeMs, oldestRetainedMs: oldestEpoch &* bucketMs)
        }
        let slot = slot(ofEpoch: epoch)
        let layout = self.layout
        let base = slot &* Int(layout.stride)
        values.withUnsafeMutableBufferPointer { buffer in
            let b = buffer.baseAddress! + base
            let n = b[0] + 1
            b[0] = n
            if layout.sum >= 0 { b[Int(layout.sum)] += value }
            if layout.min >= 0, value < b[Int(layout.min)] { b[Int(layout.min)] = value }
            if layout.max >= 0, value > b[Int(layout.max)] { b[Int(layout.max)] = value }
            if layout.mean >= 0 {
                let mean = b[Int(layout.mean)]
                let delta = value - mean
                let newMean = mean + delta / n
                b[Int(layout.mean)] = newMean
                b[Int(layout.m2)] += delta * (value - newMean)
            }
            if layout.lastTime >= 0 {
                let lastTime = Int64(bitPattern: b[Int(layout.lastTime)].bitPattern)
                if eventTimeMs >= lastTime {
                    b[Int(layout.lastTime)] = Double(bitPattern: UInt64(bitPattern: eventTimeMs))
                    b[Int(layout.lastValue)] = value
                }
            }
        }
        if let distinctHash, !sketches.isEmpty {
            sketches[slot].add(hash: distinctHash)
        }
        return .accepted
    }

    /// Moves the window's head forward to the bucket holding `eventTimeMs`, expiring the
    /// buckets that fall out of the window, as if an event at that time had been seen (but
    /// without counting one). Does nothing when the head is already there or later.
    ///
    /// Call it with the watermark so that data ages out and late events are detected even
    /// for keys that receive no new events.
    public mutating func advance(to eventTimeMs: Int64) {
        let epoch = Self.floorDivide(eventTimeMs, bucketMs)
        if epoch > head { moveHead(to: epoch) }
    }

    @usableFromInline
    mutating func moveHead(to epoch: Int64) {
        let stride = Int(layout.stride)
        if values.isEmpty {
            values = Array(layout.emptyBucket().repeated(bucketCount))
            if kinds.contains(.distinct) {
                sketches = Array(repeating: HyperLogLog(precision: hllPrecision), count: bucketCount)
            }
            head = epoch
            return
        }
        // Reset the slots of the epochs that enter the window (at most one full turn).
        let (gap, overflow) = epoch.subtractingReportingOverflow(head)
        let entering = overflow ? Int64(bucketCount) : Swift.min(gap, Int64(bucketCount))
        let layout = self.layout
        var e = epoch - entering + 1
        while e <= epoch {
            let slot = slot(ofEpoch: e)
            values.withUnsafeMutableBufferPointer { buffer in
                let b = buffer.baseAddress! + slot * stride
                b.update(repeating: 0, count: stride)
                if layout.min >= 0 { b[Int(layout.min)] = .infinity }
                if layout.max >= 0 { b[Int(layout.max)] = -.infinity }
                if layout.lastTime >= 0 { b[Int(layout.lastTime)] = Double(bitPattern: UInt64(bitPattern: Int64.min)) }
            }
            if !sketches.isEmpty, !sketches[slot].isEmpty {
                // Keeps a sparse sketch's storage: the slot will hold a new bucket's sketch soon,
                // and reusing it keeps `add` free of allocations in the steady state.
                sketches[slot].removeAll()
            }
            e += 1
        }
        head = epoch
    }

    /// The aggregates over the window ending with the bucket that holds `asOfMs`: the
    /// `bucketCount` buckets `(asOf - range, asOf]` rounded out to whole buckets.
    ///
    /// Events later than `asOfMs` that fall in `asOfMs`'s own bucket are included (the bucket
    /// is the resolution). Buckets the window has already expired are not available, so an
    /// `asOfMs` earlier than ``latestBucketStartMs`` sees only what is still kept.
    public func snapshot(asOf asOfMs: Int64) -> WindowAggregate {
        var result = WindowAggregate(count: 0)
        if kinds.contains(.sum) { result.sum = 0 }
        if kinds.contains(.distinct) { result.distinct = 0 }
        guard !isEmpty else { return result }
        let asOfEpoch = Self.floorDivide(asOfMs, spec.bucketMs)
        let (windowStart, overflow) = asOfEpoch.subtractingReportingOverflow(Int64(bucketCount - 1))
        let first = Swift.max(overflow ? .min : windowStart, oldestEpoch)
        let last = Swift.min(asOfEpoch, head)
        guard first <= last else { return result }

        let stride = Int(layout.stride)
        var count = 0.0
        var sum = 0.0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var mean = 0.0
        var m2 = 0.0
        var lastValue: LastValue?
        var sketchesSeen = 0
        var lastSketchSlot = 0

        var epoch = first
        while epoch <= last {
            let slot = slot(ofEpoch: epoch)
            let base = slot * stride
            let n = values[base]
            epoch += 1
            if n == 0 { continue }
            if layout.sum >= 0 { sum += values[base + Int(layout.sum)] }
            if layout.min >= 0 { minimum = Swift.min(minimum, values[base + Int(layout.min)]) }
            if layout.max >= 0 { maximum = Swift.max(maximum, values[base + Int(layout.max)]) }
            if layout.mean >= 0 {
                // Chan et al.'s parallel combination of (count, mean, M2).
                let bucketMean = values[base + Int(layout.mean)]
                let bucketM2 = values[base + Int(layout.m2)]
                let total = count + n
                let delta = bucketMean - mean
                mean += delta * (n / total)
                m2 += bucketM2 + delta * delta * (count * n / total)
            }
            if layout.lastTime >= 0 {
                let time = Int64(bitPattern: values[base + Int(layout.lastTime)].bitPattern)
                if time >= (lastValue?.eventTimeMs ?? .min) {
                    lastValue = LastValue(value: values[base + Int(layout.lastValue)], eventTimeMs: time)
                }
            }
            count += n
            if !sketches.isEmpty, !sketches[slot].isEmpty {
                sketchesSeen += 1
                lastSketchSlot = slot
            }
        }
        result.count = Int(count)
        guard count > 0 else { return result }
        if kinds.contains(.sum) { result.sum = sum }
        if kinds.contains(.min) { result.min = minimum }
        if kinds.contains(.max) { result.max = maximum }
        if kinds.contains(.mean) { result.mean = layout.mean >= 0 ? mean : sum / count }
        if kinds.contains(.variance) { result.variance = Swift.max(0, m2 / count) }
        if kinds.contains(.last) { result.last = lastValue }
        if kinds.contains(.distinct) {
            switch sketchesSeen {
            case 0: result.distinct = 0
            case 1: result.distinct = sketches[lastSketchSlot].estimate
            default: result.distinct = mergedDistinct(first: first, last: last)
            }
        }
        return result
    }

    /// The distinct count over the buckets `first...last`, merging their sketches in a scratch
    /// register array on the stack (no allocation for the precisions that fit there).
    private func mergedDistinct(first: Int64, last: Int64) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << hllPrecision) { registers in
            registers.initialize(repeating: 0)
            sketches.withUnsafeBufferPointer { sketches in
                var epoch = first
                while epoch <= last {
                    let slot = slot(ofEpoch: epoch)
                    if !sketches[slot].isEmpty { sketches[slot].merge(into: registers) }
                    epoch += 1
                }
            }
            return HyperLogLog.estimate(registers: UnsafeBufferPointer(registers))
        }
    }

    /// Bytes of memory the window holds: the struct, the bucket ring and the sketches.
    public var estimatedBytes: Int {
        var bytes = MemoryLayout<SlidingWindow>.stride
        if values.capacity > 0 { bytes += values.capacity * 8 + 32 }
        if sketches.capacity > 0 {
            bytes += sketches.capacity * MemoryLayout<HyperLogLog>.stride + 32
            for sketch in sketches where sketch.estimatedBytes > 0 { bytes += sketch.estimatedBytes + 32 }
        }
        return bytes
    }
}

extension Array {
    /// The array's elements repeated `times` times.
    fileprivate func repeated(_ times: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count * times)
        for _ in 0..<times { result.append(contentsOf: self) }
        return result
    }
}

extension SlidingWindow: Equatable {
    /// Two windows are equal when they have the same configuration and the same state
    /// (bit for bit), so that they behave identically from then on.
    public static func == (lhs: SlidingWindow, rhs: SlidingWindow) -> Bool {
        guard lhs.spec == rhs.spec, lhs.kinds == rhs.kinds, lhs.hllPrecision == rhs.hllPrecision, lhs.head == rhs.head else {
            return false
        }
        guard lhs.values.count == rhs.values.count, lhs.sketches == rhs.sketches else { return false }
        return zip(lhs.values, rhs.values).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
