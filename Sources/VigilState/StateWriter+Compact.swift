extension StateWriter {
    /// Writes a signed integer as a zig-zag LEB128 varint: small magnitudes of either sign take
    /// one byte (-64...63), `Int64.min` and `Int64.max` ten. Read it with
    /// ``StateReader/readZigZag(_:)``.
    public mutating func writeZigZag(_ value: Int64) {
        writeVarint(ZigZag.encode(value))
    }

    /// Writes a `Double` in as few bytes as it allows, bit for bit.
    ///
    /// A whole number of magnitude at most 2^52 (counts, money in minor units, scores,
    /// timestamps) is written as the zig-zag varint of the integer, shifted left by one: one
    /// byte below 32 in magnitude, three below 2^19. Anything else (fractions, `-0.0`,
    /// infinities, NaN with its payload) is the byte `0x01` followed by the 8-byte bit pattern.
    /// Read it with ``StateReader/readCompactDouble(_:)``.
    public mutating func writeCompact(_ value: Double) {
        if let whole = Self.compactWhole(value) {
            writeVarint(ZigZag.encode(whole) << 1)
        } else {
            write(UInt8(1))
            write(value)
        }
    }

    /// The integer a compact `Double` is written as, or `nil` when it needs its bit pattern.
    static func compactWhole(_ value: Double) -> Int64? {
        guard value.magnitude <= 0x1p52, value == value.rounded(.towardZero),
              !(value == 0 && value.sign == .minus) else { return nil }
        return Int64(value)
    }
}
