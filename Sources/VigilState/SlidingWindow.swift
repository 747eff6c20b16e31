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
/// The buckets before the head are also kept folded (derived state, never checkpointed, kept
/// after the ring in the same arrays, with one word in the struct), so a snapshot as of the
/// head bucket, the usual case, combines one bucket with that fold. The fold is extended by one
/// bucket at a time by ``prepareSnapshot()``, which catches up with the buckets the head has
/// passed; when a bucket it holds changes (an accepted event before the head) or expires with
/// events, it goes stale and the next ``prepareSnapshot()`` rebuilds it (O(bucketCount)). Updates
/// never fold, so windows that are only updated never pay for it. The results are bit-identical to folding
/// every bucket, because both fold in epoch order.
///
/// `add` is O(1) amortised and allocation-free once the ring exists (apart from a bucket's
/// first distinct hashes); `snapshot` is O(1) as of the head bucket (plus, for the distinct count,
/// one pass over the sketch registers), else O(bucketCount).
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
    /// `(bucketCount + 1) * layout.stride + 1` doubles. Bucket epoch `e` lives at ring slot
    /// `e mod bucketCount`; the slots hold exactly the epochs `head - bucketCount + 1 ... head`.
    /// After the ring: the fold of the buckets before the head (laid out like a bucket, see
    /// ``BucketFold``), then how many non-empty sketches that fold unites.
    @usableFromInline var values: [Double]
    /// The last epoch the fold after the ring holds; `Int64.min` while the fold is stale. Kept in
    /// the struct (not after the ring) so that an update checks it without touching another
    /// cache line.
    @usableFromInline var foldedThrough: Int64
    /// One sketch per ring slot when `kinds` contains `.distinct`, else empty. After the ring:
    /// the union of the sketches of the buckets before the head.
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
        self.foldedThrough = .min
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
        // A bucket the fold already holds changed: the fold no longer matches it.
        if epoch <= foldedThrough { invalidateClosed() }
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
            // The ring, then the fold (empty: nothing is before the head) and its sketch count.
            var ring = layout.emptyBucket().repeated(bucketCount + 1, reservingExtra: 1)
            ring.append(0)
            values = ring
            foldedThrough = epoch &- 1
            if kinds.contains(.distinct) {
                sketches = Array(repeating: HyperLogLog(precision: hllPrecision), count: bucketCount + 1)
            }
            head = epoch
            return
        }
        // Reset the slots of the epochs that enter the window (at most one full turn).
        let (gap, overflow) = epoch.subtractingReportingOverflow(head)
        let entering = overflow ? Int64(bucketCount) : Swift.min(gap, Int64(bucketCount))
        let layout = self.layout
        let folded = foldedThrough
        var expiredFoldedEvents = false
        var e = epoch - entering + 1
        while e <= epoch {
            let slot = slot(ofEpoch: e)
            // The slot held epoch `e - bucketCount` (after a full turn, some older epoch).
            let expiredEpoch = entering < Int64(bucketCount) ? e &- Int64(bucketCount) : Int64.min
            values.withUnsafeMutableBufferPointer { buffer in
                let b = buffer.baseAddress! + slot * stride
                if b[0] != 0, expiredEpoch <= folded { expiredFoldedEvents = true }
                // An empty fold is an empty bucket: every aggregate's identity.
                BucketFold().store(to: b, layout: layout)
            }
            if !sketches.isEmpty, !sketches[slot].isEmpty {
                // Keeps a sparse sketch's storage: the slot will hold a new bucket's sketch soon,
                // and reusing it keeps `add` free of allocations in the steady state.
                sketches[slot].removeAll()
            }
            e += 1
        }
        head = epoch
        // An expired bucket that the fold holds events of makes it stale; empty ones never
        // counted. Nothing is folded here: ``prepareSnapshot()`` catches up when a window is read.
        if expiredFoldedEvents { invalidateClosed() }
    }

    /// Where the fold after the ring starts in ``values``; its sketch count follows it.
    @inlinable var foldBase: Int { bucketCount &* Int(layout.stride) }

    /// Marks the fold of the buckets before the head stale.
    @inlinable
    mutating func invalidateClosed() {
        foldedThrough = .min
    }

    /// Whether the fold holds exactly the buckets before the head (see ``prepareSnapshot()``).
    var closedFoldIsCurrent: Bool {
        isEmpty || (foldedThrough != .min && foldedThrough == head &- 1)
    }

    /// Brings the fold of the buckets before the head up to date, so that the next snapshots as
    /// of the head bucket combine one bucket with it instead of every bucket.
    ///
    /// Updates never fold: this catches up with the buckets the head has passed since the last
    /// call (in epoch order), or rebuilds the fold in O(bucketCount) when a bucket it held
    /// changed or expired with events. Call it before snapshotting a window you read often.
    /// Snapshots are correct either way, and identical bit for bit.
    public mutating func prepareSnapshot() {
        guard !isEmpty, !closedFoldIsCurrent else { return }
        let stride = Int(layout.stride)
        let countIndex = foldBase + stride
        var from = oldestEpoch
        if foldedThrough == .min {
            resetClosed()
        } else {
            from = Swift.max(from, foldedThrough &+ 1)
        }
        let layout = self.layout
        let foldBase = self.foldBase
        let head = self.head
        let ringSlots = Int64(bucketCount)
        // The ring slot of an epoch, as `slot(ofEpoch:)`, without touching `self` inside the
        // buffer access below.
        let slotOf = { (epoch: Int64) -> Int in
            let r = Int(epoch % ringSlots)
            return r < 0 ? r + Int(ringSlots) : r
        }
        let epochs = from..<Swift.max(from, head)
        var added = 0
        values.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var fold = BucketFold(loading: base + foldBase, layout: layout)
            for epoch in epochs { fold.absorb(base + slotOf(epoch) * stride, layout: layout) }
            fold.store(to: base + foldBase, layout: layout)
        }
        foldedThrough = head &- 1
        if !sketches.isEmpty {
            var union = sketches[bucketCount]
            sketches[bucketCount] = HyperLogLog(precision: hllPrecision)
            for epoch in epochs where !sketches[slotOf(epoch)].isEmpty {
                union.formUnion(sketches[slotOf(epoch)])
                added += 1
            }
            sketches[bucketCount] = union
        }
        values[countIndex] += Double(added)
    }

    /// Empties the fold (a current, empty fold of nothing).
    private mutating func resetClosed() {
        let stride = Int(layout.stride)
        let layout = self.layout
        let foldBase = self.foldBase
        values.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress! + foldBase
            BucketFold().store(to: base, layout: layout)
            base[stride] = 0
        }
        if !sketches.isEmpty { sketches[bucketCount].removeAll() }
    }

    /// The aggregates over the window ending with the bucket that holds `asOfMs`: the
    /// `bucketCount` buckets `(asOf - range, asOf]` rounded out to whole buckets.
    ///
    /// Events later than `asOfMs` that fall in `asOfMs`'s own bucket are included (the bucket
    /// is the resolution). Buckets the window has already expired are not available, so an
    /// `asOfMs` earlier than ``latestBucketStartMs`` sees only what is still kept.
    public func snapshot(asOf asOfMs: Int64) -> WindowAggregate {
        guard !isEmpty else { return BucketFold().aggregate(kinds: kinds, layout: layout) }
        let asOfEpoch = Self.floorDivide(asOfMs, spec.bucketMs)
        let stride = Int(layout.stride)
        let layout = self.layout
        if asOfEpoch == head, closedFoldIsCurrent {
            // The whole window: the closed buckets' fold, then the head bucket.
            let headSlot = slot(ofEpoch: head)
            let foldBase = self.foldBase
            var closedSketches = 0
            let fold = values.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                var fold = BucketFold(loading: base + foldBase, layout: layout)
                fold.absorb(base + headSlot * stride, layout: layout)
                closedSketches = Int(base[foldBase + stride])
                return fold
            }
            var result = fold.aggregate(kinds: kinds, layout: layout)
            if kinds.contains(.distinct), fold.count > 0 {
                let headSketch = sketches[headSlot]
                switch (closedSketches, headSketch.isEmpty) {
                case (0, true): result.distinct = 0
                case (0, false): result.distinct = headSketch.estimate
                case (1, true): result.distinct = sketches[bucketCount].estimate
                default: result.distinct = HyperLogLog.unionEstimate(sketches[bucketCount], headSketch)
                }
            }
            return result
        }
        let (windowStart, overflow) = asOfEpoch.subtractingReportingOverflow(Int64(bucketCount - 1))
        let first = Swift.max(overflow ? .min : windowStart, oldestEpoch)
        let last = Swift.min(asOfEpoch, head)
        guard first <= last else { return BucketFold().aggregate(kinds: kinds, layout: layout) }

        var fold = BucketFold()
        var sketchesSeen = 0
        var lastSketchSlot = 0
        values.withUnsafeBufferPointer { buffer in
            var epoch = first
            while epoch <= last {
                let slot = slot(ofEpoch: epoch)
                fold.absorb(buffer.baseAddress! + slot * stride, layout: layout)
                if buffer[slot * stride] != 0, !sketches.isEmpty, !sketches[slot].isEmpty {
                    sketchesSeen += 1
                    lastSketchSlot = slot
                }
                epoch += 1
            }
        }
        var result = fold.aggregate(kinds: kinds, layout: layout)
        if kinds.contains(.distinct), fold.count > 0 {
            switch sketchesSeen {
            case 0: result.distinct = 0
            case 1: result.distinct = sketches[lastSketchSlot].estimate
            default: result.distinct = mergedDistinct(first: first, last: last)
            }
        }
        return result
    }

    /// The distinct count over the buckets `first...last`, merging their sketches in a scratch
    /// register array (see ``HyperLogLog/unionEstimate(precision:merging:)``).
    private func mergedDistinct(first: Int64, last: Int64) -> Int {
        HyperLogLog.unionEstimate(precision: hllPrecision) { registers in
            sketches.withUnsafeBufferPointer { sketches in
                var epoch = first
                while epoch <= last {
                    let slot = slot(ofEpoch: epoch)
                    if !sketches[slot].isEmpty { sketches[slot].merge(into: registers) }
                    epoch += 1
                }
            }
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
    /// The array's elements repeated `times` times, with room for `extra` more.
    fileprivate func repeated(_ times: Int, reservingExtra extra: Int = 0) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count * times + extra)
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
        // The ring only: the fold after it is derived from the ring.
        let ringValues = lhs.bucketCount * Int(lhs.layout.stride)
        guard lhs.values.count == rhs.values.count, lhs.sketches.count == rhs.sketches.count else { return false }
        guard lhs.sketches.prefix(lhs.bucketCount) == rhs.sketches.prefix(rhs.bucketCount) else { return false }
        return zip(lhs.values.prefix(ringValues), rhs.values.prefix(ringValues)).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
