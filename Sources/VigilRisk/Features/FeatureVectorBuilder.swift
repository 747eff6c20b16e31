/// Fills a catalogue-aligned vector by feature name; unset features stay missing (NaN).
///
/// Features are mostly set in catalogue order, so a name is first compared with the catalogue's
/// next name (a string comparison) and hashed for a lookup only when it is not that one.
struct FeatureVectorBuilder {
    private(set) var values: [Double]
    private let names = FeatureCatalog.names
    /// The catalogue position after the feature set last.
    private var next = 0

    /// A builder with every feature missing.
    init() {
        values = [Double](repeating: FeatureVector.missing, count: FeatureCatalog.count)
    }

    /// A builder starting from `vector`'s values (same catalogue).
    init(_ vector: FeatureVector) {
        values = vector.values
    }

    /// Sets the feature called `name`; a name outside the catalogue is a programming error.
    mutating func set(_ name: String, _ value: Double) {
        let index: Int
        if next < names.count, names[next] == name {
            index = next
        } else {
            guard let found = FeatureCatalog.index(of: name) else {
                assertionFailure("feature \(name) is not in FeatureCatalog")
                return
            }
            index = found
        }
        values[index] = value
        next = index + 1
    }

    /// Sets an integer-valued feature.
    mutating func set(_ name: String, _ value: Int) { set(name, Double(value)) }

    /// Sets a 0/1 flag.
    mutating func set(_ name: String, _ flag: Bool) { set(name, flag ? 1.0 : 0.0) }

    /// The finished vector.
    var vector: FeatureVector { FeatureVector(values) }
}

/// `numerator ÷ denominator`, or 0 when the denominator is 0.
@inline(__always)
func ratioOrZero(_ numerator: Double, _ denominator: Double) -> Double {
    denominator == 0 ? 0 : numerator / denominator
}
