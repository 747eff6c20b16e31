extension SlidingWindow: BinaryStateCodable {
    static let magic: UInt16 = 0x5753  // "SW"

    /// Writes the window's configuration and its non-empty buckets.
    public func encode(to writer: inout StateWriter) {
        writer.write(Self.magic)
        writer.write(UInt8(1))
        writer.write(spec)
        writer.write(kinds.rawValue)
        writer.write(UInt8(hllPrecision))
        encodeContents(to: &writer)
    }

    /// Restores a window written by ``encode(to:)``; it behaves exactly as the original did.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        _ = try reader.readHeader("SlidingWindow", magic: Self.magic, maximumVersion: 1)
        let spec = try reader.read(WindowSpec.self)
        let kinds = try Self.readKinds(from: &reader)
        let precision = try Self.readPrecision(from: &reader)
        self.init(spec: spec, kinds: kinds, hllPrecision: precision)
        try decodeContents(from: &reader)
    }

    static func readKinds(from reader: inout StateReader) throws(StateDecodingError) -> AggregateKinds {
        let offset = reader.offset
        let raw = try reader.read(UInt16.self, "AggregateKinds")
        guard raw & ~AggregateKinds.knownBits == 0 else {
            throw StateDecodingError(field: "AggregateKinds", offset: offset, reason: .corrupt("unknown aggregate bits 0x\(String(raw, radix: 16))"))
        }
        return AggregateKinds(rawValue: raw)
    }

    static func readPrecision(from reader: inout StateReader) throws(StateDecodingError) -> Int {
        let offset = reader.offset
        let precision = Int(try reader.readUInt8("hllPrecision"))
        guard HyperLogLog.precisionRange.contains(precision) else {
            throw StateDecodingError(field: "hllPrecision", offset: offset, reason: .corrupt("\(precision) is outside \(HyperLogLog.precisionRange)"))
        }
        return precision
    }

    /// Writes the head and the non-empty buckets (not the configuration).
    func encodeContents(to writer: inout StateWriter) {
        writer.write(head)
        guard !isEmpty else { return }
        encodeBuckets(to: &writer, compact: false)
    }

    /// Reads what ``encodeContents(to:)`` wrote into a freshly created, empty window.
    mutating func decodeContents(from reader: inout StateReader) throws(StateDecodingError) {
        let head = try reader.readInt64("SlidingWindow.head")
        guard head != .min else { return }
        moveHead(to: head)
        try decodeBuckets(from: &reader, compact: false)
    }

    /// Writes the non-empty buckets, oldest first: their count, then each one's age (epochs
    /// before the head), its aggregates (bit patterns, or compact numbers when `compact`) and
    /// its sketch.
    func encodeBuckets(to writer: inout StateWriter, compact: Bool) {
        let stride = Int(layout.stride)
        var occupied: [Int64] = []
        var epoch = oldestEpoch
        while epoch <= head {
            if values[slot(ofEpoch: epoch) * stride] > 0 { occupied.append(epoch) }
            epoch += 1
        }
        writer.writeLength(occupied.count)
        for epoch in occupied {
            let slot = slot(ofEpoch: epoch)
            writer.writeVarint(UInt64(head - epoch))
            for i in 0..<stride {
                if compact { writer.writeCompact(values[slot * stride + i]) } else { writer.write(values[slot * stride + i]) }
            }
            if !sketches.isEmpty { writer.write(sketches[slot]) }
        }
    }

    /// Reads what ``encodeBuckets(to:compact:)`` wrote into a window whose head is already set
    /// and whose buckets are empty.
    mutating func decodeBuckets(from reader: inout StateReader, compact: Bool) throws(StateDecodingError) {
        let stride = Int(layout.stride)
        let count = try reader.readLength("SlidingWindow.bucketCount", limit: bucketCount, elementSize: compact ? stride + 1 : stride * 8 + 1)
        var previousAge: UInt64?
        for _ in 0..<count {
            let ageOffset = reader.offset
            let age = try reader.readVarint("SlidingWindow.bucket age")
            guard age < UInt64(bucketCount), previousAge.map({ age < $0 }) ?? true else {
                throw StateDecodingError(field: "SlidingWindow.bucket age", offset: ageOffset, reason: .corrupt("bucket age \(age) is out of order or not below \(bucketCount)"))
            }
            previousAge = age
            let slot = slot(ofEpoch: head - Int64(age))
            let countOffset = reader.offset
            for i in 0..<stride {
                values[slot * stride + i] = compact ? try reader.readCompactDouble("SlidingWindow.bucket value") : try reader.readDouble("SlidingWindow.bucket value")
            }
            let n = values[slot * stride]
            guard n >= 1, n == n.rounded() else {
                throw StateDecodingError(field: "SlidingWindow.bucket count", offset: countOffset, reason: .corrupt("a stored bucket must count at least one event, found \(n)"))
            }
            if !sketches.isEmpty {
                let sketchOffset = reader.offset
                let sketch = try reader.read(HyperLogLog.self)
                guard sketch.precision == hllPrecision else {
                    throw StateDecodingError(field: "SlidingWindow.sketch", offset: sketchOffset, reason: .corrupt("sketch precision \(sketch.precision) differs from the window's \(hllPrecision)"))
                }
                sketches[slot] = sketch
            }
        }
        // The fold of the buckets before the head is derived: rebuilt when first wanted.
        invalidateClosed()
    }
}

extension WindowSpec: BinaryStateCodable {
    /// Writes the name, range and bucket.
    public func encode(to writer: inout StateWriter) {
        writer.write(name)
        writer.write(rangeMs)
        writer.write(bucketMs)
    }

    /// Reads and re-validates a spec written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        let offset = reader.offset
        let name = try reader.readString("WindowSpec.name")
        let range = try reader.readInt64("WindowSpec.rangeMs")
        let bucket = try reader.readInt64("WindowSpec.bucketMs")
        do {
            try self.init(name: name, rangeMs: range, bucketMs: bucket)
        } catch {
            throw StateDecodingError(field: "WindowSpec", offset: offset, reason: .corrupt(error.description))
        }
    }
}
