/// A type whose state can be written with ``StateWriter`` and restored exactly with
/// ``StateReader``, for checkpoints.
///
/// Restoring must be exact: a value decoded from the bytes of another behaves identically to
/// it from then on.
public protocol BinaryStateCodable {
    /// Appends the value's state to `writer`.
    func encode(to writer: inout StateWriter)
    /// Restores a value from `reader`, consuming exactly the bytes ``encode(to:)`` wrote.
    init(from reader: inout StateReader) throws(StateDecodingError)
}

extension BinaryStateCodable {
    /// The value's state as a standalone byte array.
    public func encodedState() -> [UInt8] {
        var writer = StateWriter()
        encode(to: &writer)
        return writer.bytes
    }

    /// Restores a value from a byte array produced by ``encodedState()``.
    ///
    /// - Throws: ``StateDecodingError`` when the bytes are truncated, corrupt, or hold more
    ///   than one value.
    public init(decodingState bytes: [UInt8]) throws(StateDecodingError) {
        var reader = StateReader(bytes)
        self = try Self(from: &reader)
        try reader.expectEnd(after: String(describing: Self.self))
    }
}

extension String: BinaryStateCodable {
    /// Writes the string as a varint length and UTF-8 bytes.
    public func encode(to writer: inout StateWriter) { writer.write(self) }
    /// Reads a string written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) { self = try reader.readString("String") }
}

extension Int64: BinaryStateCodable {
    /// Writes the integer as 8 little-endian bytes.
    public func encode(to writer: inout StateWriter) { writer.write(self) }
    /// Reads an integer written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) { self = try reader.readInt64("Int64") }
}

extension UInt64: BinaryStateCodable {
    /// Writes the integer as 8 little-endian bytes.
    public func encode(to writer: inout StateWriter) { writer.write(self) }
    /// Reads an integer written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) { self = try reader.readUInt64("UInt64") }
}

extension Int: BinaryStateCodable {
    /// Writes the integer as 8 little-endian bytes, whatever the platform's word size.
    public func encode(to writer: inout StateWriter) { writer.write(Int64(self)) }
    /// Reads an integer written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        let start = reader.offset
        let wide = try reader.readInt64("Int")
        guard let value = Int(exactly: wide) else {
            throw StateDecodingError(field: "Int", offset: start, reason: .corrupt("\(wide) does not fit in Int"))
        }
        self = value
    }
}
