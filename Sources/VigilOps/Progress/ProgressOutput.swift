import Foundation

/// Where a ``ProgressReporter`` writes, and whether that is a terminal (which decides between a
/// single updating line and plain lines).
public protocol ProgressOutput: Sendable {
    /// Whether the output is a terminal, so a carriage return rewrites the current line.
    var isTerminal: Bool { get }
    /// Writes `text` as it is (no newline is added).
    func write(_ text: String)
}

/// Standard error: progress never mixes with a command's results on standard output.
public struct StandardErrorProgressOutput: ProgressOutput {
    /// Creates the output.
    public init() {}

    /// `isatty(2)`.
    public var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes to file descriptor 2, unbuffered.
    public func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
