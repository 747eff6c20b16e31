import Foundation
import Testing
import VigilEngine
import VigilKafka
import VigilPrimitives

/// Two machines in one consumer group: state follows the partitions when one of them dies.
@Suite("Changelog failover between instances", .serialized)
struct ChangelogFailoverTests {
    @Test("two instances with their own state directories; one is SIGKILLed under load; the survivor restores its partitions from the changelog and every output equals a clean single-instance run's")
    func survivorRestoresFromChangelog() throws {
        let setup = try ChildEngineSetup(name: "failover", partitions: 6)
        let cluster = setup.cluster
        let events = makeEvents(count: 9_000, keys: 150, seed: 77)
        // The embedded cluster's coordinator finishes a rebalance after session.timeout.ms − 1 s.
        let groupMode = ["--kafka", "session.timeout.ms=6000", "--kafka", "heartbeat.interval.ms=500"]
        let a = try setup.launch(group: "failover", machine: "a", assignment: "group", logLevel: "info", extraArguments: groupMode)
        let b = try setup.launch(group: "failover", machine: "b", assignment: "group", logLevel: "info", extraArguments: groupMode)
        // Both join the group before input flows; then input keeps flowing while A is killed.
        Thread.sleep(forTimeInterval: 8)
        let producing = produceInBackground(events, topic: "in", cluster: cluster, chunk: 500, pause: 0.3)
        var rng = SplitMix64(seed: 5)
        Thread.sleep(forTimeInterval: 2.5 + Double(rng.next() % 1500) / 1000)
        kill(a.processIdentifier, SIGKILL)
        a.waitUntilExit()
        #expect(a.terminationReason == .uncaughtSignal)
        producing.wait()

        let outputs = try readTopic("out", cluster: cluster, atLeast: events.count, timeout: .seconds(120))
        Thread.sleep(forTimeInterval: 1)
        kill(b.processIdentifier, SIGTERM)
        b.waitUntilExit()
        #expect(b.terminationStatus == 0, "the survivor stops gracefully")
        let survivorLog = setup.log(of: "b")
        #expect(survivorLog.contains("restored from its changelog"), "the survivor restored the moved partitions from the changelog")

        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: events.count)
        let (missing, mismatches) = compareWithCleanRun(outputs, expected: expected)
        #expect(missing.isEmpty, "every input has its output; \(missing.count) missing, e.g. \(missing.prefix(5))")
        #expect(mismatches == 0, "outputs after the failover equal the clean run's: the restored state is the killed instance's")
    }
}
