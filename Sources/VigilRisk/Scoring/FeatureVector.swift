/// The inputs of one scoring call: one `Double` per feature, in the order of a
/// model's ``RiskModel/featureNames``.
///
/// A missing value is stored as `Double.nan` (see ``FeatureVector/missing``).
/// The storage is a flat `[Double]` so scoring one listing does no hashing and
/// no allocation. Reading an index past the end yields a missing value, so a
/// shorter vector scores as if its tail were missing.
public struct FeatureVector: Sendable {
    /// The value that marks a feature as missing: `Double.nan`.
    public static let missing: Double = .nan

    /// The raw values, `Double.nan` meaning missing.
    public var values: [Double]

    /// Wraps `values` (`Double.nan` = missing) without copying.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// A vector of `count` missing values.
    public init(missingCount count: Int) {
        self.values = Array(repeating: Self.missing, count: count)
    }

    /// Builds a vector in the order of `names` from a name-keyed dictionary;
    /// names absent from `byName`, or mapped to `nil`, become missing.
    public init(names: [String], byName: [String: Double?]) {
        self.values = names.map { name in (byName[name] ?? nil) ?? Self.missing }
    }

    /// The number of stored values.
    @inlinable public var count: Int { values.count }

    /// The value at `index`, `Double.nan` when missing or when `index` is past the end.
    @inlinable public subscript(index: Int) -> Double {
        get { index < values.count ? values[index] : Self.missing }
        set { values[index] = newValue }
    }

    /// Whether the value at `index` is missing (NaN, or past the end).
    @inlinable public func isMissing(at index: Int) -> Bool {
        self[index].isNaN
    }
}
