/// The latest risk the scoring stage reported for one merchant.
public struct MerchantRisk: Sendable, Hashable, Codable {
    /// The merchant's latest score, 0...100.
    public let score: Int
    /// Whether the merchant's decision is `intercept`.
    public let intercepted: Bool

    /// Creates a merchant risk; `score` is clamped to 0...100.
    public init(score: Int, intercepted: Bool) {
        self.score = min(100, max(0, score))
        self.intercepted = intercepted
    }
}
