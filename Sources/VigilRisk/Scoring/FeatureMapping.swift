/// Rearranges vectors laid out by one list of feature names (a CSV header, a
/// listing's feature set) into the order a model expects, by name.
///
/// Source names the model does not know are ignored (see
/// ``unknownSourceNames``); model features absent from the source are missing
/// (see ``missingTargetNames``). Build it once per source layout; ``map(_:)``
/// is a plain gather.
public struct FeatureMapping: Sendable {
    /// The names of the incoming vectors' positions.
    public let sourceNames: [String]
    /// The names of the outgoing vectors' positions (usually ``RiskModel/featureNames``).
    public let targetNames: [String]
    /// For each target position, the source position it reads, or -1 when absent.
    public let sourceIndices: [Int]

    /// Matches `targetNames` to `sourceNames` by exact name. If a source name
    /// repeats, its first position is used.
    public init(from sourceNames: [String], to targetNames: [String]) {
        var positions: [String: Int] = [:]
        for (i, name) in sourceNames.enumerated() where positions[name] == nil { positions[name] = i }
        self.sourceNames = sourceNames
        self.targetNames = targetNames
        self.sourceIndices = targetNames.map { positions[$0] ?? -1 }
        self.isIdentity = sourceNames == targetNames
    }

    /// Whether source and target are the same layout, so ``map(_:)`` is a no-op.
    public let isIdentity: Bool

    /// Source names that no target uses (ignored when mapping), in source order.
    public var unknownSourceNames: [String] {
        let used = Set(targetNames)
        return sourceNames.filter { !used.contains($0) }
    }

    /// Target names that no source provides (always missing), in target order.
    public var missingTargetNames: [String] {
        zip(targetNames, sourceIndices).filter { $0.1 < 0 }.map(\.0)
    }

    /// `source` rearranged into the target order; absent features are NaN.
    public func map(_ source: FeatureVector) -> FeatureVector {
        if isIdentity { return source }
        return FeatureVector(sourceIndices.map { $0 < 0 ? FeatureVector.missing : source[$0] })
    }
}
