/// Tunables of feature computation, kept in the profile (and in its encoded state).
///
/// Part of ``RiskConfiguration`` (`features:` in `config/risk.yml`).
public struct FeatureSettings: Sendable, Hashable {
    /// Buyer accounts younger than this many days count as new (`new_account_max_age_days`); default 30.
    public var newAccountMaxAgeDays: Int
    /// Reviews with less content than this are very short (`very_short_review_length`, see
    /// ``ReviewTextSignals/isVeryShort(_:minimumLength:)``); default 6.
    public var veryShortReviewLength: Int
    /// An OCR price ratio at least this large counts a listing in `store_ocr_mismatch_listings`
    /// (`ocr_mismatch_ratio`); default 5.
    public var ocrMismatchRatio: Double

    /// Creates settings; every argument has the documented default.
    public init(newAccountMaxAgeDays: Int = 30, veryShortReviewLength: Int = 6, ocrMismatchRatio: Double = 5) {
        self.newAccountMaxAgeDays = newAccountMaxAgeDays
        self.veryShortReviewLength = veryShortReviewLength
        self.ocrMismatchRatio = ocrMismatchRatio
    }

    /// The defaults.
    public static let `default` = FeatureSettings()
}
