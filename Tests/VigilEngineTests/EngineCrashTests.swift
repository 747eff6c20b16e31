import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka
import VigilState
import VigilPrimitives
import VigilTestSupport

@Suite("Crash safety", .serialized)
struct EngineCrashTests {
    @Test("SIGKILL (and one SIGTERM) at random points while input flows: every input has its output, and restored state equals a clean run's")
    func killAndRestart() throws {
        let setup = try ChildEngineSetup(name: "crash", partitions: 4)
        let cluster = setup.cluster
        let events = makeEvents(count: 12_000, keys: 200, seed: 99)
        // Input keeps flowing in the background while the engine is killed and restarted.
        let producing = produceInBackground(events, topic: "in", cluster: cluster, chunk: 1_000, pause: 0.4)
        func launch() throws -> Process { try setup.launch(group: "crash") }
        var rng = SplitMix64(seed: 2024)
        for round in 0..<4 {
            let process = try launch()
            Thread.sleep(forTimeInterval: 2.0 + Double(rng.next() % 2500) / 1000)
            if round == 2 {
                // A graceful stop while input is still flowing: drain, flush, checkpoint, exit 0.
                kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
                #expect(process.terminationReason == .exit && process.terminationStatus == 0, "SIGTERM during load exits 0")
            } else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(process.terminationReason == .uncaughtSignal)
            }
        }
        producing.wait()
        let final = try launch()
        let crashOutputs = try readTopic("out", cluster: cluster, atLeast: events.count, timeout: .seconds(90))
        // Give the last run time to finish, then stop it gracefully.
        Thread.sleep(forTimeInterval: 1)
        kill(final.processIdentifier, SIGTERM)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0, "graceful stop exits 0")

        // A clean run of the same topology over the same input.
        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: events.count)
        let (missing, mismatches) = compareWithCleanRun(crashOutputs, expected: expected)
        #expect(missing.isEmpty, "every input event has its output after the crashes; \(missing.count) missing, e.g. \(missing.sorted().prefix(5))")
        #expect(mismatches == 0, "outputs replayed after restoring checkpoints equal the clean run's")
        #expect(crashOutputs.count >= events.count)
    }
}
