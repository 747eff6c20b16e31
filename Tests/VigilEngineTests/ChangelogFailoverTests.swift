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
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        // The engines run in other processes, which cannot create topics on this embedded cluster.
        for topic in ["in", "out", "out-clean", "dlq", "dlq-clean", "failover.totals-changelog"] { try cluster.createTopic(topic, partitions: 6) }
        let directory = temporaryPath("failover")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let topologyFile = directory + "/failover.yml"
        try windowTopology(name: "failover", input: "in", output: "out", dlq: "dlq", lanes: 2).write(toFile: topologyFile, atomically: true, encoding: .utf8)
        let executable = try vigilExecutable()
        let events = makeEvents(count: 9_000, keys: 150, seed: 77)

        func launch(_ machine: String) throws -> Process {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["run", "--topology", topologyFile, "--brokers", cluster.bootstrapServers, "--group", "failover",
                                 "--state", "\(directory)/\(machine)/state.sqlite", "--log-level", "info", "--assignment", "group",
                                 "--admin-address", "127.0.0.1:0",
                                 // The embedded cluster's coordinator finishes a rebalance after session.timeout.ms − 1 s.
                                 "--kafka", "session.timeout.ms=6000", "--kafka", "heartbeat.interval.ms=500"]
            _ = FileManager.default.createFile(atPath: "\(directory)/\(machine).log", contents: nil)
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/\(machine).log"))
            process.standardOutput = log
            process.standardError = log
            try process.run()
            return process
        }
        let a = try launch("a")
        let b = try launch("b")
        // Both join the group before input flows; then input keeps flowing while A is killed.
        Thread.sleep(forTimeInterval: 8)
        let producing = DispatchSemaphore(value: 0)
        Thread {
            for start in stride(from: 0, to: events.count, by: 500) {
                try? produceAll(Array(events[start..<min(start + 500, events.count)]), topic: "in", cluster: cluster)
                Thread.sleep(forTimeInterval: 0.3)
            }
            producing.signal()
        }.start()
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
        let survivorLog = (try? String(contentsOfFile: "\(directory)/b.log", encoding: .utf8)) ?? ""
        #expect(survivorLog.contains("restored from its changelog"), "the survivor restored the moved partitions from the changelog")

        let expected = try cleanRunOutputs(cluster: cluster, input: "in", output: "out-clean", dlq: "dlq-clean", count: events.count)
        let (missing, mismatches) = compareWithCleanRun(outputs, expected: expected)
        #expect(missing.isEmpty, "every input has its output; \(missing.count) missing, e.g. \(missing.prefix(5))")
        #expect(mismatches == 0, "outputs after the failover equal the clean run's: the restored state is the killed instance's")
    }
}
