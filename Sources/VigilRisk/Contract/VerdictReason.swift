/// One reason behind a verdict: `{"code": ..., "detail": ..., "weight": ...}`.
public struct VerdictReason: Sendable, Hashable, Codable {
    /// A stable identifier such as `ocr_price_mismatch`.
    public var code: String
    /// Human-readable explanation, e.g. `image shows 780, listed at 100000`.
    public var detail: String
    /// How much the reason contributed; verdicts list reasons by descending weight.
    public var weight: Double

    /// Creates a reason.
    public init(code: String, detail: String, weight: Double) {
        self.code = code
        self.detail = detail
        self.weight = weight
    }
}
