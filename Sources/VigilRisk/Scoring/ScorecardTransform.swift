import Foundation

/// How a scorecard term reshapes its raw feature value before weighting it.
///
/// Applied in this order: clamp to `[lowerBound, upperBound]` (each optional),
/// then the ``Function``. The default is the identity: no clamp, no function.
public struct ScorecardTransform: Sendable, Hashable {
    /// The function applied after clamping.
    public enum Function: String, Sendable, Hashable, Codable, CaseIterable {
        /// `x` unchanged (default).
        case identity
        /// `ln(1 + max(x, 0))`: compresses heavy-tailed counts and amounts;
        /// negative inputs count as 0.
        case log1p
    }

    /// Values below this are raised to it; `nil` (default) means no lower clamp.
    public var lowerBound: Double?
    /// Values above this are lowered to it; `nil` (default) means no upper clamp.
    public var upperBound: Double?
    /// The function applied after clamping; default ``Function/identity``.
    public var function: Function

    /// The identity transform.
    public static let identity = ScorecardTransform()

    /// Creates a transform; every argument defaults to "do nothing".
    public init(lowerBound: Double? = nil, upperBound: Double? = nil, function: Function = .identity) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.function = function
    }

    /// The transformed value of a present (non-NaN) `x`.
    @inlinable public func apply(_ x: Double) -> Double {
        var v = x
        if let lowerBound, v < lowerBound { v = lowerBound }
        if let upperBound, v > upperBound { v = upperBound }
        switch function {
        case .identity: return v
        case .log1p: return log1p(Swift.max(v, 0))
        }
    }
}
