/// FNV-1a, 64-bit: a small, stable hash of bytes.
///
/// Unlike Swift's `Hasher`, which is seeded per process, the result is the same in every
/// process, run and machine, so it can be stored, sent on the wire and compared later.
/// Not cryptographic: do not use it where an adversary could benefit from collisions.
///
/// The one FNV-1a implementation in Vigil: `StableHash` (sketches, lane routing), verdict ids,
/// identifier `value_hash`es, ring ids and model fingerprints are all built on it, and their
/// outputs are pinned by reference vectors (`ReferenceVectorTests`).
public struct FNV1a64: Sendable, Hashable {
    /// The FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    @usableFromInline var state: UInt64

    /// The hash so far.
    @inlinable
    public var value: UInt64 { state }

    /// Starts a hash; a different `seed` gives an independent hash of the same bytes.
    @inlinable
    public init(seed: UInt64 = FNV1a64.offsetBasis) { state = seed }

    /// Mixes in `bytes`.
    @inlinable
    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = state
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= Self.prime
        }
        state = hash
    }

    /// Mixes in the UTF-8 bytes of `text`.
    @inlinable
    public mutating func combine(_ text: String) { combine(text.utf8) }

    /// FNV-1a 64 of `bytes`, from `seed` (the standard offset basis unless given).
    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = FNV1a64.offsetBasis) -> UInt64 where Bytes.Element == UInt8 {
        var hash = FNV1a64(seed: seed)
        hash.combine(bytes)
        return hash.value
    }

    /// FNV-1a 64 of the UTF-8 bytes of `text`.
    @inlinable
    public static func fnv1a64(_ text: String, seed: UInt64 = FNV1a64.offsetBasis) -> UInt64 {
        var hash = FNV1a64(seed: seed)
        hash.combine(text.utf8)
        return hash.value
    }

    /// `value` as 16 lowercase hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
