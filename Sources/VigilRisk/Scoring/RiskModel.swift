/// A model that turns one listing's feature vector into a counterfeit risk.
///
/// Conformers are immutable values, safe to share across threads and lanes.
/// `probability(_:)` is the hot path (one call per listing; budget ≤ 50 µs p99)
/// and must not allocate more than it has to.
public protocol RiskModel: Sendable {
    /// The features the model reads, in the order ``FeatureVector`` values must follow.
    var featureNames: [String] { get }

    /// An identifier of this exact model, for verdict audit trails
    /// (a version declared in the file, or a fingerprint of its bytes).
    var version: String { get }

    /// The model's output for one feature vector (aligned to ``featureNames``,
    /// `Double.nan` = missing). For logistic models a probability in `[0, 1]`.
    func probability(_ features: FeatureVector) -> Double

    /// The features that contributed most to the margin of this score, largest
    /// absolute weight first, at most `limit` of them. Models that cannot
    /// explain themselves return an empty array.
    func contributions(_ features: FeatureVector, limit: Int) -> [FeatureContribution]
}

extension RiskModel {
    /// Default explanation hook: no explanation.
    public func contributions(_ features: FeatureVector, limit: Int) -> [FeatureContribution] {
        []
    }

    /// The top five contributions; see ``RiskModel/contributions(_:limit:)``.
    public func contributions(_ features: FeatureVector) -> [FeatureContribution] {
        contributions(features, limit: 5)
    }
}
