/// An invalid ``WindowSpec``: says what was wrong and how to fix it.
public struct WindowSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the window specification.
    public var message: String
    /// How to fix it.
    public var hint: String

    /// Creates an error from a message and a hint.
    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    /// `message` followed by `hint`, ready for a log line or a command-line error.
    public var description: String {
        "invalid window: \(message). Hint: \(hint)"
    }
}
