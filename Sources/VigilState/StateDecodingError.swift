/// Bytes that ``StateReader`` could not read: says which field, where, and what was wrong.
public struct StateDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Hashable, Sendable {
        /// The input ended before the field was complete.
        case truncated(needed: Int, available: Int)
        /// The field was present but held a value that is not allowed.
        case corrupt(String)
        /// The whole value was read but bytes were left over.
        case trailingBytes(count: Int)
    }

    /// The field being read, e.g. `"SlidingWindow.head"`.
    public var field: String
    /// The byte offset the field started at.
    public var offset: Int
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(field: String, offset: Int, reason: Reason) {
        self.field = field
        self.offset = offset
        self.reason = reason
    }

    /// A sentence naming the field, the offset and the fault, with a hint.
    public var description: String {
        switch reason {
        case let .truncated(needed, available):
            return "state is truncated: reading \(field) at byte \(offset) needs \(needed) byte(s) but only \(available) remain. "
                + "Hint: the checkpoint blob was cut short; restore from an older checkpoint or rebuild the state."
        case let .corrupt(detail):
            return "state is corrupt: \(field) at byte \(offset): \(detail). "
                + "Hint: the blob was written by another format version or damaged; rebuild the state."
        case let .trailingBytes(count):
            return "state has \(count) unexpected trailing byte(s) after \(field) at byte \(offset). "
                + "Hint: the blob holds more than one value or was written by a newer format."
        }
    }
}
