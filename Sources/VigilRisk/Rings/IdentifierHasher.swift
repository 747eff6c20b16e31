import VigilPrimitives

/// A stable, unsalted 64-bit FNV-1a hash for identifiers.
///
/// Raw identifiers (device ids, IPs, account numbers, addresses) never leave
/// the engine: leads carry only `value_hash`, the 16-digit lowercase hex of
/// this hash. Unlike Swift's `Hasher`, which is seeded per process, FNV-1a
/// gives the same value in every process, on every machine and in every
/// release, so a `value_hash` can be joined across leads, days and tools.
///
/// The kind is hashed in front of the value (`"device\u{1F}abc"`), so the
/// same string seen as an IP and as a device id gives two different hashes.
/// The value is hashed exactly as given (UTF-8 bytes); normalise upstream if
/// needed (for example lower-case BSSIDs).
///
/// FNV-1a is not a cryptographic hash: it hides identifiers from casual
/// reading of leads, not from someone who can guess and hash candidates.
public enum IdentifierHasher {
    /// The hash of a raw identifier of the given kind: ``FNV1a64`` of the kind, a unit separator
    /// (`0x1F`) and the value.
    public static func hash(kind: IdentifierKind, rawValue: String) -> UInt64 {
        var hash = FNV1a64()
        hash.combine(kind.rawValue)
        hash.combine(CollectionOfOne(0x1F))
        hash.combine(rawValue)
        return hash.value
    }

    /// The `value_hash` of a raw identifier: 16 lowercase hex digits of ``hash(kind:rawValue:)``.
    public static func valueHash(kind: IdentifierKind, rawValue: String) -> String {
        FNV1a64.hex(hash(kind: kind, rawValue: rawValue))
    }
}
