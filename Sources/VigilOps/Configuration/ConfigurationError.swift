/// A configuration that cannot be used: names the key, where it came from, what is wrong and
/// how to fix it.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted key, e.g. `engine.checkpoint_interval` (empty for whole-file problems).
    public var key: String
    /// Where the bad value came from.
    public var source: ConfigurationSource
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error.
    public init(key: String, source: ConfigurationSource, problem: String, fix: String) {
        self.key = key
        self.source = source
        self.problem = problem
        self.fix = fix
    }

    /// `config/vigil.yml:12: engine.checkpoint_interval: '5x' is not a duration. Fix: write ...`
    public var description: String {
        let subject = key.isEmpty ? "" : "\(key): "
        return "\(source): \(subject)\(problem). Fix: \(fix)"
    }
}
