/// Appends state to a byte buffer in Vigil's binary state format.
///
/// Fixed-width integers and doubles are little-endian; doubles are written as their IEEE-754
/// bit pattern, so a value round-trips bit for bit (including `-0.0`, infinities and NaN
/// payloads). Lengths and small counts are LEB128 varints. Read the bytes back with
/// ``StateReader``, in the same order.
public struct StateWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer.
    ///
    /// - Parameter capacity: Bytes to reserve up front; defaults to 0.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes one byte.
    public mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    /// Writes a `Bool` as one byte, `0` or `1`.
    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Writes a fixed-width unsigned integer, little-endian.
    public mutating func write<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    /// Writes an `Int16`, little-endian two's complement.
    public mutating func write(_ value: Int16) { write(UInt16(bitPattern: value)) }

    /// Writes an `Int32`, little-endian two's complement.
    public mutating func write(_ value: Int32) { write(UInt32(bitPattern: value)) }

    /// Writes an `Int64`, little-endian two's complement.
    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    /// Writes a `Double` as its IEEE-754 bit pattern, little-endian.
    public mutating func write(_ value: Double) { write(value.bitPattern) }

    /// Writes an unsigned LEB128 varint (1 byte below 128, at most 10 bytes).
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Writes a non-negative `Int` (a length or a count) as a varint.
    ///
    /// - Precondition: `value >= 0`.
    public mutating func writeLength(_ value: Int) {
        precondition(value >= 0, "StateWriter.writeLength: a length must not be negative, got \(value)")
        writeVarint(UInt64(value))
    }

    /// Writes a string as a varint byte count followed by its UTF-8 bytes.
    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a byte array as a varint length followed by the bytes.
    public mutating func write(bytes value: some Collection<UInt8>) {
        writeLength(value.count)
        bytes.append(contentsOf: value)
    }

    /// Writes a value that knows its own encoding.
    public mutating func write(_ value: some BinaryStateCodable) {
        value.encode(to: &self)
    }
}
