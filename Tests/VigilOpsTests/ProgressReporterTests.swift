import Synchronization
import Testing
import VigilOps

/// Captures what a reporter writes.
final class RecordingProgressOutput: ProgressOutput {
    let isTerminal: Bool
    private let writes = Mutex<[String]>([])
    init(isTerminal: Bool) { self.isTerminal = isTerminal }
    func write(_ text: String) { writes.withLock { $0.append(text) } }
    var written: [String] { writes.withLock { $0 } }
}

/// A clock moved by hand.
final class ManualInstant: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: ContinuousClock.Instant { instant.withLock { $0 } }
    func advance(_ duration: Duration) { instant.withLock { $0 = $0.advanced(by: duration) } }
}

@Suite("Progress reporter")
struct ProgressReporterTests {
    @Test("on a terminal: one line rewritten with a carriage return, throttled, ended by a newline")
    func terminalLine() {
        let output = RecordingProgressOutput(isTerminal: true)
        let clock = ManualInstant()
        let reporter = ProgressReporter(task: "simulate", total: 200, unit: "records", output: output, now: { clock.now })
        reporter.update(10)
        clock.advance(.milliseconds(100))
        reporter.update(20)  // within 200 ms of the last write: skipped
        clock.advance(.milliseconds(200))
        reporter.update(100)
        clock.advance(.seconds(1))
        reporter.finish(200)
        reporter.update(300)  // after finish: nothing
        #expect(output.written == [
            "\rsimulate: 10/200 records (5 %) 0.0 s\u{1B}[K",
            "\rsimulate: 100/200 records (50 %) 0.3 s\u{1B}[K",
            "\rsimulate: done 200/200 records (100 %) 1.3 s\u{1B}[K\n",
        ])
    }

    @Test("not a terminal: plain lines, at most one per plain interval; phases always print")
    func plainLines() {
        let output = RecordingProgressOutput(isTerminal: false)
        let clock = ManualInstant()
        let reporter = ProgressReporter(task: "sweep", unit: "seeds", configuration: .init(plainInterval: .seconds(5)), output: output, now: { clock.now })
        reporter.phase("train seed 1")
        clock.advance(.seconds(1))
        reporter.update(1)  // 1 s after the phase line: skipped
        clock.advance(.seconds(5))
        reporter.update(2)
        reporter.phase("test seed 1001")
        clock.advance(.milliseconds(500))
        reporter.finish(message: "3 scenarios")
        #expect(output.written == [
            "sweep: train seed 1 0.0 s\n",
            "sweep: train seed 1 2 seeds 6.0 s\n",
            "sweep: test seed 1001 6.0 s\n",
            "sweep: 3 scenarios 6.5 s\n",
        ])
        #expect(output.written.allSatisfy { !$0.contains("\r") })
    }
}
