/// What can go wrong reading a feature log; every message names the problem and a fix.
public enum FeatureLogError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// One line is not a feature-log row.
    case badRow(source: String, line: Int, problem: String)
    /// A row's `catalog` fingerprint does not match this build's feature catalogue.
    case catalogMismatch(source: String, line: Int, catalog: String, featureCount: Int)

    /// A readable message naming the problem and a fix.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read the feature log \(path): \(reason); pass a JSONL file of vigil.feature-log records, one per line, e.g. written by `vigil demo --feature-log FILE`"
        case .badRow(let source, let line, let problem):
            "\(source) line \(line) is not a feature-log row: \(problem); each line must be one JSON object as written to vigil.feature-log"
        case .catalogMismatch(let source, let line, let catalog, let count):
            "\(source) line \(line) was logged with feature catalogue \(catalog) (\(count) features), which is not this build's catalogue "
                + "(\(FeatureCatalog.count) features, \(FeatureLogRow.catalogFingerprint())) nor a prefix of it; train with the Vigil build that logged the rows"
        }
    }
}
