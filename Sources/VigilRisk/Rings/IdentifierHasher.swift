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
    /// The FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a 64 of the UTF-8 bytes of `text`, continuing from `seed`.
    public static func fnv1a(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// The hash of a raw identifier of the given kind.
    public static func hash(kind: IdentifierKind, rawValue: String) -> UInt64 {
        let afterKind = fnv1a(kind.rawValue)
        let afterSeparator = (afterKind ^ 0x1F) &* prime
        return fnv1a(rawValue, seed: afterSeparator)
    }

    /// The 16-digit lowercase hex form of a hash, as used for `value_hash`.
    public static func hex(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The `value_hash` of a raw identifier: ``hex(_:)`` of ``hash(kind:rawValue:)``.
    public static func valueHash(kind: IdentifierKind, rawValue: String) -> String {
        hex(hash(kind: kind, rawValue: rawValue))
    }
}
