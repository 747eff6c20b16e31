import VigilPrimitives

/// A short, stable fingerprint of a model file's bytes, used as the model
/// version when the file declares none: `fnv1a64:` followed by 16 hex digits.
///
/// Not a cryptographic hash; it only tells model files apart in audit trails.
public enum ModelFingerprint {
    /// The ``FNV1a64`` hash of `bytes`, rendered as `fnv1a64:0123456789abcdef`.
    public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        "fnv1a64:" + FNV1a64.hex(FNV1a64.hash(bytes))
    }
}
