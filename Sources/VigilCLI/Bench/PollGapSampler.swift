import Foundation
import Synchronization

/// Scrapes a running engine's `vigil_poll_gap_max_seconds` every second on its own thread and
/// keeps the largest value seen, so a benchmark reports the longest gap between the engine's
/// polls while it measured.
final class PollGapSampler: @unchecked Sendable {
    private let largest = Mutex<Double?>(nil)
    private let running = Atomic<Bool>(true)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sampling `engine`.
    init(engine: EngineProcess) {
        Thread { [self] in
            while running.load(ordering: .acquiring) {
                if let text = engine.metrics(), let value = EngineProcess.sample("vigil_poll_gap_max_seconds", in: text) {
                    largest.withLock { $0 = max($0 ?? 0, value) }
                }
                Thread.sleep(forTimeInterval: 1)
            }
            finished.signal()
        }.start()
    }

    /// Stops sampling; returns the largest gap seen in seconds, `nil` when the engine reported none.
    func stop() -> Double? {
        running.store(false, ordering: .releasing)
        finished.wait()
        return largest.withLock { $0 }
    }
}
