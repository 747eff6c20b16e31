extension StateReader {
    /// Reads a signed integer written by ``StateWriter/writeZigZag(_:)``.
    public mutating func readZigZag(_ field: String) throws(StateDecodingError) -> Int64 {
        ZigZag.decode(try readVarint(field))
    }

    /// Reads a `Double` written by ``StateWriter/writeCompact(_:)``, bit for bit.
    /// - Throws: `StateDecodingError` when the bytes are truncated, or are neither a whole number
    ///   of magnitude at most 2^52 nor the `0x01` marker of a bit pattern.
    public mutating func readCompactDouble(_ field: String) throws(StateDecodingError) -> Double {
        let start = offset
        let raw = try readVarint(field)
        if raw == 1 { return try readDouble(field) }
        guard raw & 1 == 0 else {
            throw StateDecodingError(field: field, offset: start, reason: .corrupt("compact number tag \(raw) is neither a whole number nor the bit-pattern marker 1"))
        }
        let whole = ZigZag.decode(raw >> 1)
        guard whole.magnitude <= 1 << 52 else {
            throw StateDecodingError(field: field, offset: start, reason: .corrupt("compact whole number \(whole) exceeds 2^52 in magnitude"))
        }
        return Double(whole)
    }
}
