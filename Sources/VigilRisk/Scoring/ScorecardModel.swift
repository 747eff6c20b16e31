import Foundation

/// A logistic scorecard: `p = 1 / (1 + exp(-(bias + Σ weightᵢ · transformᵢ(xᵢ))))`.
///
/// A missing feature (NaN) contributes 0 — the scorecard falls back to the
/// bias for it, so a scorecard should be trained with features centred such
/// that 0 means "no evidence". Load one from a file with ``ScorecardFile`` or
/// ``ModelLoader``; the file format is documented on ``ScorecardFile``.
public struct ScorecardModel: RiskModel {
    /// One weighted feature of the scorecard.
    public struct Term: Sendable, Hashable {
        /// The feature's name.
        public var name: String
        /// The log-odds added per unit of the transformed value.
        public var weight: Double
        /// How the raw value is reshaped before weighting; default identity.
        public var transform: ScorecardTransform

        /// Creates a term.
        public init(name: String, weight: Double, transform: ScorecardTransform = .identity) {
            self.name = name
            self.weight = weight
            self.transform = transform
        }
    }

    /// The intercept, in log-odds.
    public let bias: Double
    /// The weighted features, in ``featureNames`` order.
    public let terms: [Term]
    /// See ``RiskModel/version``.
    public let version: String
    /// See ``RiskModel/featureNames``; the term names in order.
    public let featureNames: [String]

    /// Creates a scorecard. Term names must be unique (``ScorecardFile`` checks this for files).
    public init(bias: Double, terms: [Term], version: String) {
        self.bias = bias
        self.terms = terms
        self.version = version
        self.featureNames = terms.map(\.name)
    }

    /// The margin (log-odds) `bias + Σ weightᵢ · transformᵢ(xᵢ)`, missing values skipped.
    public func margin(_ features: FeatureVector) -> Double {
        var sum = bias
        terms.withUnsafeBufferPointer { terms in
            for i in terms.indices {
                let x = features[i]
                if !x.isNaN { sum += terms[i].weight * terms[i].transform.apply(x) }
            }
        }
        return sum
    }

    /// The logistic of ``margin(_:)``.
    public func probability(_ features: FeatureVector) -> Double {
        1 / (1 + exp(-margin(features)))
    }

    /// `weight × transform(value)` per present feature, largest magnitude first.
    public func contributions(_ features: FeatureVector, limit: Int) -> [FeatureContribution] {
        terms.indices.compactMap { i -> FeatureContribution? in
            let x = features[i]
            guard !x.isNaN else { return nil }
            return FeatureContribution(featureName: terms[i].name, featureIndex: i,
                                       weight: terms[i].weight * terms[i].transform.apply(x))
        }.topByMagnitude(limit)
    }
}
