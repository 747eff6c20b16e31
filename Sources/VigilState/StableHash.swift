import VigilPrimitives

/// Deterministic 64-bit hashes for sketches and checkpoints.
///
/// Unlike `Hasher`, which Swift seeds per process, these give the same value in every run and
/// on every machine, so a ``HyperLogLog`` restored from a checkpoint keeps counting the same
/// values as the same. Strings are hashed as ``FNV1a64`` (FNV-1a 64) over their UTF-8 bytes, followed by the
/// MurmurHash3 `fmix64` finaliser so that every output bit depends on every input bit (FNV
/// alone mixes short inputs poorly into the high bits that ``HyperLogLog`` uses as its index).
public enum StableHash {
    /// The hash of a string's UTF-8 bytes. Equal strings (as UTF-8) hash equal in every run.
    @inlinable
    public static func hash(_ string: some StringProtocol) -> UInt64 {
        var copy = String(string)
        return copy.withUTF8 { hash(bytes: $0) }
    }

    /// The hash of a byte sequence.
    @inlinable
    public static func hash(bytes: some Sequence<UInt8>) -> UInt64 {
        mix(FNV1a64.hash(bytes))
    }

    /// The hash of a 64-bit integer (a bijection: distinct integers never collide).
    @inlinable
    public static func hash(_ value: UInt64) -> UInt64 {
        mix(value)
    }

    /// The hash of a signed 64-bit integer, by its bit pattern.
    @inlinable
    public static func hash(_ value: Int64) -> UInt64 {
        mix(UInt64(bitPattern: value))
    }

    /// The MurmurHash3 64-bit finaliser: a bijective avalanche mix.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
