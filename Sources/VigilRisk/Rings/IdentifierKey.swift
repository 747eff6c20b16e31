import VigilPrimitives

/// One identifier: its kind and the 64-bit hash of its raw value.
///
/// This is the key of the identifier-keyed stage (``IdentifierIndex``): in
/// production the sightings are repartitioned by it, so each instance only
/// holds the identifiers of its own partition.
public struct IdentifierKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind of identifier.
    public let kind: IdentifierKind
    /// The stable hash of the raw value (see ``IdentifierHasher``).
    public let hash: UInt64

    /// Creates a key from an already hashed value.
    public init(kind: IdentifierKind, hash: UInt64) {
        self.kind = kind
        self.hash = hash
    }

    /// Creates a key by hashing a raw identifier with ``IdentifierHasher``.
    public init(kind: IdentifierKind, rawValue: String) {
        self.init(kind: kind, hash: IdentifierHasher.hash(kind: kind, rawValue: rawValue))
    }

    /// The `value_hash` of a lead link: 16 lowercase hex digits.
    public var valueHash: String { FNV1a64.hex(hash) }

    /// `kind:value_hash`, e.g. `device:1f0c…`.
    public var description: String { "\(kind.rawValue):\(valueHash)" }

    /// Orders by kind strength, then by hash.
    public static func < (lhs: IdentifierKey, rhs: IdentifierKey) -> Bool {
        lhs.kind == rhs.kind ? lhs.hash < rhs.hash : lhs.kind < rhs.kind
    }
}
