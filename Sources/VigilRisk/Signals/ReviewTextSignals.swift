import VigilPrimitives

/// Cheap signals from a review's text: very short texts and duplicate-text fingerprints.
///
/// Fake-review farms post many near-identical or near-empty reviews. Both signals work
/// on a normalised form: NFKC, lowercase, letters and digits only (spaces, punctuation,
/// symbols and emoji dropped), so `"Great product!!! 👍"` and `"great  product"` are equal.
public enum ReviewTextSignals {
    /// Default ``isVeryShort(_:minimumLength:)`` threshold.
    public static let defaultMinimumLength = 6

    /// Whether `text` carries fewer than `minimumLength` units of content, counting each
    /// letter or digit as 1 and each CJK ideograph as 2 (one ideograph carries about a
    /// short word). Default 6: `"good!"` (4), `"很好"` (4), `"👍👍👍"` (0) are very short;
    /// `"love it"` (6) and `"质量很好"` (8) are not.
    public static func isVeryShort(_ text: String, minimumLength: Int = defaultMinimumLength) -> Bool {
        contentLength(text) < minimumLength
    }

    /// The content length used by ``isVeryShort(_:minimumLength:)``.
    public static func contentLength(_ text: String) -> Int {
        var length = 0
        for scalar in TextNormalizer.lettersAndDigits(text).unicodeScalars {
            length += scalar.properties.isIdeographic ? 2 : 1
        }
        return length
    }

    /// The normalised text that ``fingerprint(_:)`` hashes.
    public static func normalized(_ text: String) -> String { TextNormalizer.lettersAndDigits(text) }

    /// A stable 64-bit fingerprint (FNV-1a-64 of the normalised text's UTF-8) for spotting
    /// duplicate reviews; the same in every process and run. Texts with no letters or digits
    /// all share the fingerprint of the empty string, ``FNV1a64/offsetBasis``.
    public static func fingerprint(_ text: String) -> UInt64 { FNV1a64.fnv1a64(normalized(text)) }
}
