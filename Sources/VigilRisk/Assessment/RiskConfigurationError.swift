/// A risk configuration that could not be used: the file, the key, what is wrong and how to fix it.
///
/// `description` reads e.g. `config/risk.yml: key 'thresholds.review': must be an integer in 0...100, got "high". Fix: …`.
public struct RiskConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file (as given to ``RiskConfiguration/load(path:)``).
    public var file: String
    /// The dotted key at fault (`rules.ocr_price_mismatch.floor`), or `nil` for the whole file.
    public var key: String?
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error.
    public init(file: String, key: String?, problem: String, fix: String) {
        self.file = file
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    /// `file: key 'k': problem. Fix: fix`.
    public var description: String {
        "\(file): " + (key.map { "key '\($0)': " } ?? "") + "\(problem). Fix: \(fix)"
    }
}
