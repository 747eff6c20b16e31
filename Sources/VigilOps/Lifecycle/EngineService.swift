import Foundation
import Logging
import ServiceLifecycle

/// Runs a blocking engine (``BlockingRunnable``, e.g. `StreamEngine`) as a swift-service-lifecycle
/// `Service`.
///
/// `run()` starts the engine on its own `Thread` (never Swift's cooperative pool) and returns
/// when the engine's `run()` does, rethrowing its error. On graceful shutdown (the service
/// group's first SIGTERM/SIGINT) it calls `stop()` and waits for the engine to drain, flush,
/// checkpoint and commit. From then on a second SIGINT or SIGTERM exits the process at once
/// (status 130): committed data is never lost, uncommitted input is read again on restart.
public final class EngineService: Service, Sendable {
    private let engine: any BlockingRunnable
    private let logger: Logger
    private let exitOnSecondSignal: Bool
    private let threadName: String

    /// Wraps `engine`.
    /// - Parameters:
    ///   - engine: What to run.
    ///   - exitOnSecondSignal: Whether a signal arriving during graceful shutdown exits at once. Default `true`.
    ///   - threadName: Name of the engine's thread. Default `vigil-engine`.
    public init(engine: some BlockingRunnable, exitOnSecondSignal: Bool = true, threadName: String = "vigil-engine", logger: Logger = Logger(label: "vigil.engine.service")) {
        self.engine = engine
        self.exitOnSecondSignal = exitOnSecondSignal
        self.threadName = threadName
        self.logger = logger
    }

    /// Runs the engine until it returns; on graceful shutdown asks it to stop and waits.
    public func run() async throws {
        let engine = engine
        let done = OneShot<Result<Void, any Error>>()
        let thread = Thread {
            done.complete(Result { try engine.run() })
        }
        thread.name = threadName
        thread.stackSize = 8 << 20
        thread.start()
        let result = await withGracefulShutdownHandler {
            await done.value
        } onGracefulShutdown: { [logger, exitOnSecondSignal] in
            logger.info("graceful shutdown: stopping the engine (drain, flush, checkpoint, commit)")
            if exitOnSecondSignal { ImmediateExit.armForNextSignal() }
            engine.stop()
        }
        try result.get()
    }
}
