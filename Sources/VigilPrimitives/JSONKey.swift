/// An object key as it appears in the message, matched against field names without
/// building a `String` (`switch key { case "event_id": … }` compares bytes).
///
/// Valid only while the scanned bytes are (inside the scanner's buffer scope).
public struct JSONKey {
    /// The key's UTF-8 bytes when it has no escapes.
    @usableFromInline let raw: UnsafeBufferPointer<UInt8>
    /// The resolved key when it had escapes (`"\u0074s"` is `ts`).
    @usableFromInline let unescaped: String?

    /// A key made of escape-free bytes.
    @inlinable
    public init(raw: UnsafeBufferPointer<UInt8>) {
        self.raw = raw
        unescaped = nil
    }

    /// A key whose escapes were resolved into `string`.
    @inlinable
    public init(unescaped string: String) {
        raw = UnsafeBufferPointer(start: nil, count: 0)
        unescaped = string
    }

    /// The key as a `String` (allocates for keys over 15 UTF-8 bytes).
    @inlinable
    public var string: String { unescaped ?? String(decoding: raw, as: UTF8.self) }

    /// Whether `key` equals the literal field name `pattern`.
    @inlinable
    public static func ~= (pattern: StaticString, key: JSONKey) -> Bool {
        let expected = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        if let unescaped = key.unescaped { return unescaped.utf8.elementsEqual(expected) }
        guard key.raw.count == expected.count else { return false }
        for index in 0..<expected.count where key.raw[index] != expected[index] { return false }
        return true
    }
}
