/// Why a ``StreamEngine`` stopped with an error.
public struct EngineError: Error, CustomStringConvertible, Sendable {
    /// What failed and how to fix it.
    public var description: String

    /// Creates an engine error.
    public init(_ description: String) { self.description = description }
}
