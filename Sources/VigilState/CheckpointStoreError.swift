/// A failed ``CheckpointStore`` operation: names the database file, the operation and the
/// cause, with a hint.
public struct CheckpointStoreError: Error, Sendable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// The operation that failed, e.g. `"save 3 checkpoint(s)"`.
    public var operation: String
    /// What the database (or the store) reported.
    public var cause: String
    /// How to fix it.
    public var hint: String

    /// Creates an error.
    public init(path: String, operation: String, cause: String, hint: String) {
        self.path = path
        self.operation = operation
        self.cause = cause
        self.hint = hint
    }

    /// A sentence naming the file, the operation, the cause and the hint.
    public var description: String {
        "checkpoint store \(path): \(operation) failed: \(cause). Hint: \(hint)"
    }
}
