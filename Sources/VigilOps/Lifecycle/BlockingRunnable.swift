import VigilEngine

/// Something whose `run()` blocks its thread until `stop()` is called from another thread:
/// the seam between ``EngineService`` and ``VigilEngine/StreamEngine``.
public protocol BlockingRunnable: Sendable {
    /// Runs until stopped; blocks the calling thread.
    func run() throws
    /// Asks ``run()`` to finish gracefully; safe from any thread, any number of times.
    func stop()
}

extension StreamEngine: BlockingRunnable {}
