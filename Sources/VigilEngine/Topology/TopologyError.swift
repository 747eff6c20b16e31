/// One problem found in a topology file.
public struct TopologyIssue: Sendable, CustomStringConvertible, Equatable {
    /// The file it was found in.
    public var file: String
    /// Where in the file, e.g. `operators[1].sources[0]`.
    public var path: String
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?

    /// `file: path: message`, then the hint on its own line.
    public var description: String { "\(file): \(path): \(message)" + (hint.map { "\n    hint: \($0)" } ?? "") }
}

/// A topology failed validation; every problem found is listed, not just the first.
public struct TopologyError: Error, CustomStringConvertible, Sendable {
    /// All problems found.
    public var issues: [TopologyIssue]

    /// How many problems were found, then each one on its own line.
    public var description: String {
        "topology is invalid (\(issues.count) problem\(issues.count == 1 ? "" : "s")):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
