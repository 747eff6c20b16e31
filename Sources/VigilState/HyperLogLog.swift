import Foundation

/// A HyperLogLog sketch: estimates the number of distinct 64-bit hashes it has seen, in
/// bounded memory, and merges with other sketches of the same precision.
///
/// Feed it well-mixed hashes such as those of ``StableHash``. With precision `p` it has
/// `m = 2^p` registers and a relative standard error of about `1.04 / sqrt(m)`.
///
/// The default precision is 8 (256 registers, ~6.5 % standard error, 256 bytes when dense).
/// A window keeps one sketch per bucket, so a key with three windows of 12 + 24 + 7 buckets
/// could hold 43 sketches: at p = 8 that is at most 11 KB per key, at p = 12 it would be
/// 176 KB. Most buckets see few distinct values, so a sketch starts *sparse* (4 bytes per
/// occupied register, sorted) and turns dense only when that would be smaller; an empty
/// sketch allocates nothing. Raise the precision where the count must be sharper.
public struct HyperLogLog: Hashable, Sendable {
    /// The default precision: 8, i.e. 256 registers and ~6.5 % standard error.
    public static let defaultPrecision = 8
    /// The precisions allowed.
    public static let precisionRange = 4...16

    /// `log2` of the number of registers.
    public let precision: Int

    /// Sorted `(index << 8) | rank` entries while sparse; empty once dense.
    @usableFromInline var sparse: [UInt32]
    /// One rank per register once dense; empty while sparse.
    @usableFromInline var dense: [UInt8]

    /// Creates an empty sketch.
    ///
    /// - Parameter precision: `log2` of the register count, in ``precisionRange``; defaults
    ///   to ``defaultPrecision``.
    /// - Precondition: `precision` is in ``precisionRange``.
    public init(precision: Int = HyperLogLog.defaultPrecision) {
        precondition(
            Self.precisionRange.contains(precision),
            "HyperLogLog precision must be in \(Self.precisionRange), got \(precision); 8 is a good default"
        )
        self.precision = precision
        self.sparse = []
        self.dense = []
    }

    /// The number of registers, `2^precision`.
    @inlinable
    public var registerCount: Int { 1 << precision }

    /// Whether no hash has been added.
    @inlinable
    public var isEmpty: Bool { sparse.isEmpty && dense.isEmpty }

    /// The relative standard error of the estimate, `1.04 / sqrt(2^precision)`.
    public var standardError: Double { 1.04 / Double(registerCount).squareRoot() }

    /// Bytes of heap memory the sketch holds (excluding the struct itself).
    public var estimatedBytes: Int { sparse.capacity * 4 + dense.capacity }

    /// Adds a 64-bit hash.
    @inlinable
    public mutating func add(hash: UInt64) {
        let p = precision
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - p))
        let rest = hash << UInt64(p)
        let maxRank = 64 - p + 1
        let rank = UInt8(truncatingIfNeeded: rest == 0 ? maxRank : Swift.min(rest.leadingZeroBitCount + 1, maxRank))
        setRegister(index, atLeast: rank)
    }

    @usableFromInline
    mutating func setRegister(_ index: Int, atLeast rank: UInt8) {
        if !dense.isEmpty {
            if dense[index] < rank { dense[index] = rank }
            return
        }
        let key = UInt32(truncatingIfNeeded: index) << 8
        // Binary search for the first entry whose index is >= `index`.
        var low = 0
        var high = sparse.count
        while low < high {
            let mid = (low + high) >> 1
            if sparse[mid] & ~0xFF < key { low = mid + 1 } else { high = mid }
        }
        if low < sparse.count, sparse[low] & ~0xFF == key {
            if UInt8(truncatingIfNeeded: sparse[low]) < rank { sparse[low] = key | UInt32(rank) }
            return
        }
        if (sparse.count + 1) * 4 >= registerCount {
            convertToDense()
            dense[index] = rank
            return
        }
        if sparse.capacity == 0 { sparse.reserveCapacity(8) }
        sparse.insert(key | UInt32(rank), at: low)
    }

    /// Empties the sketch. A sparse sketch keeps its storage for reuse; a dense one frees it
    /// (and starts sparse again).
    public mutating func removeAll() {
        if dense.isEmpty {
            sparse.removeAll(keepingCapacity: true)
        } else {
            dense = []
        }
    }

    mutating func convertToDense() {
        var registers = [UInt8](repeating: 0, count: registerCount)
        for entry in sparse {
            registers[Int(entry >> 8)] = UInt8(truncatingIfNeeded: entry)
        }
        dense = registers
        sparse = []
    }

    /// Merges another sketch of the same precision into this one; the result estimates the
    /// distinct count of the union.
    ///
    /// - Precondition: `other.precision == precision`.
    public mutating func formUnion(_ other: HyperLogLog) {
        precondition(other.precision == precision, "HyperLogLog.formUnion: precisions differ (\(precision) vs \(other.precision))")
        if other.dense.isEmpty {
            for entry in other.sparse {
                setRegister(Int(entry >> 8), atLeast: UInt8(truncatingIfNeeded: entry))
            }
        } else {
            if dense.isEmpty { convertToDense() }
            for i in 0..<dense.count where other.dense[i] > dense[i] {
                dense[i] = other.dense[i]
            }
        }
    }

    /// Raises `registers` (of length ``registerCount``) to this sketch's ranks.
    func merge(into registers: UnsafeMutableBufferPointer<UInt8>) {
        if dense.isEmpty {
            for entry in sparse {
                let index = Int(entry >> 8)
                let rank = UInt8(truncatingIfNeeded: entry)
                if registers[index] < rank { registers[index] = rank }
            }
        } else {
            dense.withUnsafeBufferPointer { ranks in
                for i in 0..<registers.count where ranks[i] > registers[i] {
                    registers[i] = ranks[i]
                }
            }
        }
    }

    /// The estimated number of distinct hashes added.
    public var estimate: Int {
        if dense.isEmpty {
            // Registers not in the sparse list are zero.
            var sum = Double(registerCount - sparse.count)
            for entry in sparse {
                sum += Self.inversePowerOfTwo(UInt8(truncatingIfNeeded: entry))
            }
            return Self.estimate(registerCount: registerCount, zeros: registerCount - sparse.count, inverseSum: sum)
        }
        return Self.estimate(registers: dense)
    }

    /// The estimate for the union of two sketches of the same precision, computed over a
    /// scratch register array on the stack (neither sketch is changed).
    static func unionEstimate(_ a: HyperLogLog, _ b: HyperLogLog) -> Int {
        precondition(a.precision == b.precision, "HyperLogLog.unionEstimate: precisions differ (\(a.precision) vs \(b.precision))")
        if a.dense.isEmpty, b.dense.isEmpty {
            // Both sparse: walk the two sorted lists. Fewer than half the registers are set, so
            // the estimate is linear counting over the zero registers, the same as the dense path.
            var zeros = a.registerCount
            var inverseSum = 0.0
            var i = 0
            var j = 0
            while i < a.sparse.count || j < b.sparse.count {
                let x = i < a.sparse.count ? a.sparse[i] : .max
                let y = j < b.sparse.count ? b.sparse[j] : .max
                let ix = x >> 8
                let iy = y >> 8
                let rank: UInt8
                if ix == iy {
                    rank = Swift.max(UInt8(truncatingIfNeeded: x), UInt8(truncatingIfNeeded: y))
                    i += 1
                    j += 1
                } else if ix < iy {
                    rank = UInt8(truncatingIfNeeded: x)
                    i += 1
                } else {
                    rank = UInt8(truncatingIfNeeded: y)
                    j += 1
                }
                zeros -= 1
                inverseSum += inversePowerOfTwo(rank)
            }
            return estimate(registerCount: a.registerCount, zeros: zeros, inverseSum: inverseSum + Double(zeros))
        }
        return unionEstimate(precision: a.precision) { registers in
            a.merge(into: registers)
            b.merge(into: registers)
        }
    }

    /// The estimate for the union of the sketches `merge` raises a zeroed register array to, the
    /// array being scratch space on the stack (no allocation for the precisions that fit there).
    static func unionEstimate(precision: Int, merging merge: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 << precision) { registers in
            registers.initialize(repeating: 0)
            merge(registers)
            return estimate(registers: UnsafeBufferPointer(registers))
        }
    }

    /// The estimate for a full register array.
    static func estimate(registers: [UInt8]) -> Int {
        registers.withUnsafeBufferPointer { estimate(registers: $0) }
    }

    /// The estimate for a full register array.
    static func estimate(registers: UnsafeBufferPointer<UInt8>) -> Int {
        var sum = 0.0
        var zeros = 0
        for rank in registers {
            if rank == 0 { zeros += 1 }
            sum += inversePowerOfTwo(rank)
        }
        return estimate(registerCount: registers.count, zeros: zeros, inverseSum: sum)
    }

    /// `2^-rank`, built from its bit pattern (exact for every rank a register can hold).
    @inline(__always)
    static func inversePowerOfTwo(_ rank: UInt8) -> Double {
        Double(bitPattern: UInt64(1023 &- UInt64(rank)) &<< 52)
    }

    static func estimate(registerCount: Int, zeros: Int, inverseSum: Double) -> Int {
        let m = Double(registerCount)
        let alpha: Double
        switch registerCount {
        case 16: alpha = 0.673
        case 32: alpha = 0.697
        case 64: alpha = 0.709
        default: alpha = 0.7213 / (1 + 1.079 / m)
        }
        let raw = alpha * m * m / inverseSum
        if raw <= 2.5 * m, zeros > 0 {
            // Linear counting is more accurate for small cardinalities.
            return Int((m * log(m / Double(zeros))).rounded())
        }
        // 64-bit hashes make the large-range correction of the 32-bit paper unnecessary.
        return Int(raw.rounded())
    }
}

extension HyperLogLog: BinaryStateCodable {
    static let magic: UInt16 = 0x4C48  // "HL"

    /// Writes the precision and the occupied registers (sparse or dense, whichever it is now).
    public func encode(to writer: inout StateWriter) {
        writer.write(Self.magic)
        writer.write(UInt8(1))
        writer.write(UInt8(precision))
        if dense.isEmpty {
            writer.write(UInt8(0))
            writer.writeLength(sparse.count)
            for entry in sparse { writer.write(entry) }
        } else {
            writer.write(UInt8(1))
            writer.write(bytes: dense)
        }
    }

    /// Restores a sketch written by ``encode(to:)``, checking every register.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        _ = try reader.readHeader("HyperLogLog", magic: Self.magic, maximumVersion: 1)
        let precisionOffset = reader.offset
        let p = Int(try reader.readUInt8("HyperLogLog.precision"))
        guard Self.precisionRange.contains(p) else {
            throw StateDecodingError(field: "HyperLogLog.precision", offset: precisionOffset, reason: .corrupt("precision \(p) is outside \(Self.precisionRange)"))
        }
        self.init(precision: p)
        let maxRank = UInt8(64 - p + 1)
        let modeOffset = reader.offset
        switch try reader.readUInt8("HyperLogLog.mode") {
        case 0:
            let count = try reader.readLength("HyperLogLog.sparse", limit: registerCount, elementSize: 4)
            sparse.reserveCapacity(count)
            var previousIndex = -1
            for _ in 0..<count {
                let entryOffset = reader.offset
                let entry = try reader.readUInt32("HyperLogLog.sparse entry")
                let index = Int(entry >> 8)
                let rank = UInt8(truncatingIfNeeded: entry)
                guard index < registerCount, index > previousIndex, rank >= 1, rank <= maxRank else {
                    throw StateDecodingError(field: "HyperLogLog.sparse entry", offset: entryOffset, reason: .corrupt("entry 0x\(String(entry, radix: 16)) is out of order or out of range"))
                }
                previousIndex = index
                sparse.append(entry)
            }
        case 1:
            let registersOffset = reader.offset
            let registers = try reader.readBytes("HyperLogLog.registers")
            guard registers.count == registerCount, registers.allSatisfy({ $0 <= maxRank }) else {
                throw StateDecodingError(field: "HyperLogLog.registers", offset: registersOffset, reason: .corrupt("expected \(registerCount) registers of rank <= \(maxRank)"))
            }
            dense = registers
        case let mode:
            throw StateDecodingError(field: "HyperLogLog.mode", offset: modeOffset, reason: .corrupt("unknown mode \(mode), expected 0 (sparse) or 1 (dense)"))
        }
    }
}
