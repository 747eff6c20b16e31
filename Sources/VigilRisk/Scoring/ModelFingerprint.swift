/// A short, stable fingerprint of a model file's bytes, used as the model
/// version when the file declares none: `fnv1a64:` followed by 16 hex digits.
///
/// Not a cryptographic hash; it only tells model files apart in audit trails.
public enum ModelFingerprint {
    /// The FNV-1a 64-bit hash of `bytes`, rendered as `fnv1a64:0123456789abcdef`.
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
