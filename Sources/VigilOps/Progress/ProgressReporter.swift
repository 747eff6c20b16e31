import Foundation
import Synchronization
import VigilPrimitives

/// Progress of a long command: on a terminal one line rewritten in place (carriage return), at
/// most every ``Configuration/terminalInterval``; elsewhere (a log, a pipe, CI) plain lines at
/// most every ``Configuration/plainInterval``. Phases (``phase(_:)``) and ``finish(_:)`` always
/// print.
///
/// The clock and the output are injected, so its behaviour is tested without waiting. Safe to
/// call from any thread.
public final class ProgressReporter: Sendable {
    /// How often lines are written.
    public struct Configuration: Sendable, Equatable {
        /// Minimum time between two rewrites of the terminal line. Default 200 ms.
        public var terminalInterval: Duration
        /// Minimum time between two plain lines. Default 5 s.
        public var plainInterval: Duration

        /// Creates a configuration.
        public init(terminalInterval: Duration = .milliseconds(200), plainInterval: Duration = .seconds(5)) {
            self.terminalInterval = terminalInterval
            self.plainInterval = plainInterval
        }
    }

    private struct State {
        var started: ContinuousClock.Instant
        var lastWritten: ContinuousClock.Instant?
        var phase: String?
        var finished = false
    }

    /// What is being done, the first word of every line (for example `simulate`).
    public let task: String
    /// The number of units when done, if known; lines then show a percentage.
    public let total: Int?
    /// The unit counted (for example `records`).
    public let unit: String
    private let configuration: Configuration
    private let output: any ProgressOutput
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state: Mutex<State>

    /// Creates a reporter; the elapsed time counts from now.
    /// - Parameters:
    ///   - task: The first word of every line.
    ///   - total: Units when done, or `nil` if unknown.
    ///   - unit: What is counted.
    ///   - configuration: Write intervals.
    ///   - output: Default standard error.
    ///   - now: The clock. Default `ContinuousClock.now`.
    public init(task: String, total: Int? = nil, unit: String, configuration: Configuration = .init(),
                output: some ProgressOutput = StandardErrorProgressOutput(),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.task = task
        self.total = total
        self.unit = unit
        self.configuration = configuration
        self.output = output
        self.now = now
        self.state = Mutex(State(started: now()))
    }

    /// Reports `completed` units done; written only if the interval since the last line passed.
    public func update(_ completed: Int) {
        let instant = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            let interval = output.isTerminal ? configuration.terminalInterval : configuration.plainInterval
            if let last = state.lastWritten, instant - last < interval { return nil }
            state.lastWritten = instant
            return line(completed: completed, state: state, at: instant)
        }
        if let text { output.write(text) }
    }

    /// Starts a named phase (for example `training XGBoost`): always written, and shown on the
    /// following lines.
    public func phase(_ name: String) {
        let instant = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.phase = name
            state.lastWritten = instant
            return line(completed: nil, state: state, at: instant)
        }
        if let text { output.write(text) }
    }

    /// Clears the terminal line, so that a line the command prints next starts at the left
    /// margin; the next update or phase draws the progress again. Nothing to do on plain output.
    public func clearLine() {
        guard output.isTerminal, !state.withLock({ $0.finished }) else { return }
        output.write("\r\u{1B}[K")
    }

    /// Ends the progress: the last line with `completed` (if given) and `message`, ending in a
    /// newline so the command's own output starts on a fresh line. Later calls do nothing.
    public func finish(_ completed: Int? = nil, message: String = "done") {
        let instant = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.phase = message
            let text = line(completed: completed, state: state, at: instant)
            state.finished = true
            return text + (output.isTerminal ? "\n" : "")
        }
        if let text { output.write(text) }
    }

    /// One line: task, phase, count (with percentage when the total is known) and elapsed time.
    private func line(completed: Int?, state: State, at instant: ContinuousClock.Instant) -> String {
        var parts = [task + ":"]
        if let phase = state.phase { parts.append(phase) }
        if let completed {
            var count = "\(completed) \(unit)"
            if let total, total > 0 {
                count = "\(completed)/\(total) \(unit) (\(min(100, completed * 100 / total)) %)"
            }
            parts.append(count)
        }
        let elapsed = instant - state.started
        parts.append(String(format: "%.1f s", elapsed.secondsDouble))
        let body = parts.joined(separator: " ")
        if output.isTerminal {
            // Carriage return, then clear to the end of the line (a shorter line leaves no tail).
            return "\r" + body + "\u{1B}[K"
        }
        return body + "\n"
    }
}
