/// Zig-zag mapping of signed integers onto unsigned ones (0, -1, 1, -2, … → 0, 1, 2, 3, …), so
/// that small magnitudes of either sign make short varints.
enum ZigZag {
    /// The unsigned image of `value`.
    static func encode(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }

    /// The signed value whose image is `raw`.
    static func decode(_ raw: UInt64) -> Int64 { Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1) }
}
