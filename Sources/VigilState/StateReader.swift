/// Reads state written by ``StateWriter``, in the same order.
///
/// Every read names the field it reads, so a failure says which field was truncated or
/// corrupt and at which byte offset (see ``StateDecodingError``).
public struct StateReader: Sendable {
    /// The bytes being read.
    public let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int

    /// Creates a reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    /// The number of bytes not yet read.
    @inlinable
    public var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    @inlinable
    public var isAtEnd: Bool { offset == bytes.count }

    /// Throws unless every byte has been read.
    ///
    /// - Parameter field: What was read last, for the error message.
    public func expectEnd(after field: String) throws(StateDecodingError) {
        guard isAtEnd else {
            throw StateDecodingError(field: field, offset: offset, reason: .trailingBytes(count: remaining))
        }
    }

    @usableFromInline
    mutating func take(_ count: Int, field: String) throws(StateDecodingError) -> Int {
        guard count <= remaining else {
            throw StateDecodingError(field: field, offset: offset, reason: .truncated(needed: count, available: remaining))
        }
        let start = offset
        offset += count
        return start
    }

    /// Reads one byte.
    public mutating func readUInt8(_ field: String) throws(StateDecodingError) -> UInt8 {
        bytes[try take(1, field: field)]
    }

    /// Reads a `Bool` written as `0` or `1`.
    public mutating func readBool(_ field: String) throws(StateDecodingError) -> Bool {
        let start = offset
        switch try readUInt8(field) {
        case 0: return false
        case 1: return true
        case let other:
            throw StateDecodingError(field: field, offset: start, reason: .corrupt("a Bool must be 0 or 1, found \(other)"))
        }
    }

    /// Reads a fixed-width little-endian unsigned integer.
    @inlinable
    public mutating func read<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ field: String) throws(StateDecodingError) -> T {
        let size = MemoryLayout<T>.size
        let start = try take(size, field: field)
        var value: T = 0
        for i in 0..<size {
            value |= T(bytes[start + i]) << (8 * i)
        }
        return value
    }

    /// Reads a little-endian `UInt32`.
    public mutating func readUInt32(_ field: String) throws(StateDecodingError) -> UInt32 {
        try read(UInt32.self, field)
    }

    /// Reads a little-endian `UInt64`.
    public mutating func readUInt64(_ field: String) throws(StateDecodingError) -> UInt64 {
        try read(UInt64.self, field)
    }

    /// Reads a little-endian `Int32`.
    public mutating func readInt32(_ field: String) throws(StateDecodingError) -> Int32 {
        Int32(bitPattern: try read(UInt32.self, field))
    }

    /// Reads a little-endian `Int64`.
    public mutating func readInt64(_ field: String) throws(StateDecodingError) -> Int64 {
        Int64(bitPattern: try read(UInt64.self, field))
    }

    /// Reads a `Double` from its little-endian IEEE-754 bit pattern.
    public mutating func readDouble(_ field: String) throws(StateDecodingError) -> Double {
        Double(bitPattern: try read(UInt64.self, field))
    }

    /// Reads an unsigned LEB128 varint.
    public mutating func readVarint(_ field: String) throws(StateDecodingError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else {
                throw StateDecodingError(field: field, offset: start, reason: .truncated(needed: offset - start + 1, available: offset - start))
            }
            let byte = bytes[offset]
            offset += 1
            if shift == 63 && byte > 1 {
                throw StateDecodingError(field: field, offset: start, reason: .corrupt("varint does not fit in 64 bits"))
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// Reads a length written by ``StateWriter/writeLength(_:)`` and checks it against `limit`
    /// (and, when `elementSize` is given, against the bytes that remain).
    public mutating func readLength(_ field: String, limit: Int = Int(Int32.max), elementSize: Int = 0) throws(StateDecodingError) -> Int {
        let start = offset
        let raw = try readVarint(field)
        guard raw <= UInt64(limit) else {
            throw StateDecodingError(field: field, offset: start, reason: .corrupt("length \(raw) exceeds the limit \(limit)"))
        }
        let length = Int(raw)
        if elementSize > 0, length > remaining / elementSize {
            throw StateDecodingError(field: field, offset: offset, reason: .truncated(needed: length * elementSize, available: remaining))
        }
        return length
    }

    /// Reads a string written by ``StateWriter/write(_:)-(String)``; it must be valid UTF-8.
    public mutating func readString(_ field: String) throws(StateDecodingError) -> String {
        let length = try readLength(field, elementSize: 1)
        let start = try take(length, field: field)
        let slice = bytes[start..<(start + length)]
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw StateDecodingError(field: field, offset: start, reason: .corrupt("string is not valid UTF-8"))
        }
        return string
    }

    /// Reads a byte array written by ``StateWriter/write(bytes:)``.
    public mutating func readBytes(_ field: String) throws(StateDecodingError) -> [UInt8] {
        let length = try readLength(field, elementSize: 1)
        let start = try take(length, field: field)
        return Array(bytes[start..<(start + length)])
    }

    /// Reads a value that knows its own encoding.
    public mutating func read<T: BinaryStateCodable>(_: T.Type) throws(StateDecodingError) -> T {
        try T(from: &self)
    }

    /// Checks a type's magic tag and format version.
    ///
    /// - Returns: The version found, which is at most `maximumVersion`.
    public mutating func readHeader(_ type: String, magic: UInt16, maximumVersion: UInt8) throws(StateDecodingError) -> UInt8 {
        let start = offset
        let found = try read(UInt16.self, "\(type) magic")
        guard found == magic else {
            throw StateDecodingError(
                field: "\(type) magic", offset: start,
                reason: .corrupt("expected tag 0x\(String(magic, radix: 16)), found 0x\(String(found, radix: 16)); this is not a \(type)")
            )
        }
        let versionOffset = offset
        let version = try readUInt8("\(type) version")
        guard version >= 1, version <= maximumVersion else {
            throw StateDecodingError(
                field: "\(type) version", offset: versionOffset,
                reason: .corrupt("format version \(version) is not supported (this build reads 1...\(maximumVersion))")
            )
        }
        return version
    }
}
