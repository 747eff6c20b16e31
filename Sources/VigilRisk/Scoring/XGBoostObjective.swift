import Foundation

/// The XGBoost objectives native scoring supports, with XGBoost's own
/// base-score and prediction transforms (all in `Float`, as XGBoost computes them).
public enum XGBoostObjective: String, Sendable, CaseIterable {
    /// Logistic regression for binary classification; output is a probability.
    case binaryLogistic = "binary:logistic"
    /// Logistic regression; output is a probability.
    case regLogistic = "reg:logistic"
    /// Logistic loss, but `predict` returns the raw margin (log-odds).
    case binaryLogitraw = "binary:logitraw"
    /// Squared-error regression; output is the margin itself.
    case regSquaredError = "reg:squarederror"

    /// Parses XGBoost's objective name; the legacy alias `reg:linear` maps to ``regSquaredError``.
    public init?(xgboostName: String) {
        if xgboostName == "reg:linear" {
            self = .regSquaredError
        } else {
            self.init(rawValue: xgboostName)
        }
    }

    /// Whether XGBoost reads `base_score` as a probability and turns it into
    /// a log-odds margin (`binary:logistic`, `reg:logistic`). `binary:logitraw`
    /// does not: XGBoost 2.x and 3.x both use its `base_score` as the margin
    /// unchanged (verified against `Booster.predict` by the parity fixtures).
    public var baseScoreIsProbability: Bool { self == .binaryLogistic || self == .regLogistic }

    /// XGBoost's `ProbToMargin`: the saved `base_score` (user space) turned
    /// into the margin every prediction starts from: `-logf(1 / p - 1)` when
    /// ``baseScoreIsProbability``, `p` unchanged otherwise.
    public func baseMargin(fromBaseScore p: Float) -> Float {
        baseScoreIsProbability ? -logf(1 / p - 1) : p
    }

    /// XGBoost's `PredTransform`: the margin turned into `predict`'s output.
    /// Sigmoid `1 / (1 + expf(-x))` for the logistic objectives except
    /// `binary:logitraw`; identity otherwise.
    @inlinable public func transform(margin x: Float) -> Float {
        switch self {
        case .binaryLogistic, .regLogistic: return 1 / (1 + expf(-x))
        case .binaryLogitraw, .regSquaredError: return x
        }
    }
}
