import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import VigilOps

@Suite("Engine service")
struct EngineServiceTests {
    /// Blocks like `StreamEngine.run()` until stopped; records whether it ran on the main thread.
    final class FakeEngine: BlockingRunnable, @unchecked Sendable {
        let stopped = Atomic<Bool>(false)
        let ranOnMainOrPool = Atomic<Bool>(true)
        let finished = Atomic<Bool>(false)
        func run() throws {
            ranOnMainOrPool.store(Thread.isMainThread, ordering: .relaxed)
            while !stopped.load(ordering: .acquiring) { usleep(1000) }
            usleep(50_000)  // draining
            finished.store(true, ordering: .releasing)
        }
        func stop() { stopped.store(true, ordering: .releasing) }
    }

    @Test func gracefulShutdownStopsTheEngineAndWaitsForIt() async throws {
        let engine = FakeEngine()
        let service = EngineService(engine: engine, exitOnSecondSignal: false)
        let group = ServiceGroup(services: [service], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(100))
            let finishedEarly = engine.finished.load(ordering: .acquiring)
            #expect(!finishedEarly)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let stopped = engine.stopped.load(ordering: .acquiring)
        let finished = engine.finished.load(ordering: .acquiring)
        let ranElsewhere = engine.ranOnMainOrPool.load(ordering: .relaxed)
        #expect(stopped)
        #expect(finished)
        #expect(!ranElsewhere)
    }

    @Test func engineErrorsAreRethrown() async throws {
        struct Boom: Error {}
        struct Failing: BlockingRunnable {
            func run() throws { throw Boom() }
            func stop() {}
        }
        await #expect(throws: Boom.self) { try await EngineService(engine: Failing()).run() }
    }
}
