/// How much one feature pushed one score, in the model's margin (log-odds) space.
///
/// Positive weights raise the risk, negative weights lower it. Produced by
/// ``RiskModel/contributions(_:limit:)``.
public struct FeatureContribution: Sendable, Hashable {
    /// The feature's name, as in ``RiskModel/featureNames``.
    public var featureName: String
    /// The feature's position in ``RiskModel/featureNames``.
    public var featureIndex: Int
    /// The feature's share of the margin (log-odds for logistic models).
    public var weight: Double

    /// Creates a contribution record.
    public init(featureName: String, featureIndex: Int, weight: Double) {
        self.featureName = featureName
        self.featureIndex = featureIndex
        self.weight = weight
    }
}

extension Array where Element == FeatureContribution {
    /// The `limit` entries with the largest absolute weight, largest first,
    /// zero weights dropped; ties keep feature order.
    func topByMagnitude(_ limit: Int) -> [FeatureContribution] {
        let nonZero = self.filter { $0.weight != 0 && !$0.weight.isNaN }
        let sorted = nonZero.sorted { lhs, rhs in
            let l = abs(lhs.weight), r = abs(rhs.weight)
            return l != r ? l > r : lhs.featureIndex < rhs.featureIndex
        }
        return Array(sorted.prefix(Swift.max(0, limit)))
    }
}
