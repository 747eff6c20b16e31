/// A configuration value was missing or had the wrong shape: names where it sits (file, line,
/// dotted key), what is wrong and how to fix it.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the value sits, e.g. `operators[0].config.windows[1]` or `thresholds.review`
    /// (empty for a problem with the whole file).
    public var path: String
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?
    /// The file the value came from, when it came from one.
    public var file: String?
    /// The 1-based line of the key in ``file``, when known.
    public var line: Int?

    /// Creates a config error.
    public init(path: String, message: String, hint: String? = nil, file: String? = nil, line: Int? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
    }

    /// `path: message (hint: …)`, preceded by `file:line: ` when the value came from a file.
    public var description: String {
        let location = file.map { file in line.map { "\(file):\($0): " } ?? "\(file): " } ?? ""
        return location + "\(path): \(message)" + (hint.map { " (hint: \($0))" } ?? "")
    }
}
