import ArgumentParser
import Foundation
import VigilKafka
import VigilOps
import VigilSimulation
import VigilPrimitives

/// `vigil bench restore`: how long a new instance takes to rebuild its state from the changelog
/// topics, and how many changelog bytes a merchant costs.
///
/// The benchmark process runs the embedded cluster and pre-produces the default scenario, its
/// populations scaled to about `--merchants`. A first `vigil run --config CONFIG` (child process,
/// state directory `first/`) processes it until every listing verdict owed has arrived and it is
/// idle (the identifier and ring stages run behind the verdicts), and is stopped gracefully, so
/// that its final checkpoint writes the changelogs (a failed final checkpoint fails the
/// benchmark). Both engines get the embedded cluster's short session timeouts and a 16 MiB
/// `message.max.bytes` (the ring stage's state is one record). The benchmark then
/// reads every changelog topic back (records, bytes, live keys). A second `vigil run` with an
/// empty state directory (`restored/`, a new checkpoint file) joins the same group on the same
/// cluster and restores every shard from the changelogs; the benchmark reports the restore time
/// (the engine's `vigil_changelog_restore_seconds`, summed over shards: they are restored one
/// after the other, before `/ready` answers 200), start → ready, and what was read.
struct RestoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore time of a new instance from the changelog topics, and changelog bytes per merchant."
    )

    /// Merchants of the default scenario (measured; see ``VigilSimulation/SimulationScenario``).
    static let defaultScenarioMerchants = 2_518
    /// Checkpoint bytes per merchant, used to check that the changelog partitions fit the
    /// embedded cluster: what `vigil bench topology` measured before the compact merchant format
    /// (BENCHMARKS.md; 3.8 KB since), kept as a generous upper bound.
    static let estimatedStateBytesPerMerchant = 8_600
    /// Most estimated state per changelog partition: the embedded cluster keeps about 5 MiB per
    /// partition and does not compact, so a changelog must hold a full copy and the changes
    /// written after it.
    static let partitionBudgetBytes = 5 * 1_048_576 / 2

    /// librdkafka's `message.max.bytes` for both engines: 16 MiB instead of 1 MB, for the ring
    /// stage's single key.
    static let maximumRecordBytes = 16 * 1_048_576

    @Option(help: "Merchants in the scenario (the default scenario's populations scaled to about this many).")
    var merchants: Int = 10_000

    @Option(help: "Seed of the scenario (default: the default scenario's).")
    var seed: UInt64?

    @Option(help: "Partitions of the merchant-keyed topics, and so of the changelogs (shards).")
    var partitions: Int32 = 64

    @Option(help: "engine.checkpoint_interval of the first engine (e.g. 10m: only its final checkpoint writes the changelog); default: the configuration's.")
    var checkpointInterval: String?

    @OptionGroup var engineOptions: EngineUnderTestOptions

    @Option(help: "Give up waiting for the first engine's verdicts after this many seconds.")
    var timeout: Double = 900

    @Option(help: "Give up waiting for the second engine to restore and be ready after this many seconds.")
    var restoreTimeout: Double = 600

    func validate() throws {
        guard merchants >= 100 else { throw ValidationError("--merchants must be at least 100, got \(merchants)") }
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1, got \(partitions)") }
        let perPartition = merchants * Self.estimatedStateBytesPerMerchant / Int(partitions)
        guard perPartition <= Self.partitionBudgetBytes else {
            let needed = (merchants * Self.estimatedStateBytesPerMerchant + Self.partitionBudgetBytes - 1) / Self.partitionBudgetBytes
            throw ValidationError(String(format: "--merchants %d over --partitions %d puts about %.1f MiB of state in each changelog partition; the embedded cluster keeps only about 5 MiB per partition and does not compact, so use --partitions %d or more (or fewer merchants)",
                                         merchants, partitions, Double(perPartition) / 1_048_576, needed))
        }
        guard timeout > 0, restoreTimeout > 0 else { throw ValidationError("--timeout and --restore-timeout must be positive") }
    }

    func run() throws {
        let chosen = Self.scenario(merchants: merchants, seed: seed)
        let feed = try BenchFeed(scenario: chosen)
        let owed = feed.verdictOwed(in: 0..<feed.records.count)
        let setup = try TopologyBenchSetup(partitions: partitions, directory: engineOptions.directory)
        defer { setup.shutdown() }
        guard !setup.changelogTopics.isEmpty else {
            throw ValidationError("\(VigilConfiguration.EngineSettings.defaultTopology) not found; run from the repository root")
        }
        print("vigil bench restore: default scenario scaled to \(merchants) merchants: \(feed.records.count) records, \(feed.merchants) merchants, \(owed.count) listing verdicts owed; \(partitions) partitions; engine logs \(setup.directory.path)/{first,restored}/engine.log")
        let produceStart = ContinuousClock.now
        try feed.produceAll(brokers: setup.brokers)
        print(String(format: "pre-produced in %.1f s", (ContinuousClock.now - produceStart).secondsDouble))

        // The embedded cluster's coordinator finishes a rebalance only after session.timeout.ms − 1 s
        // (45 s by default): without these, the second engine's start would mostly measure that wait.
        // The ring stage's state is one key, which outgrows librdkafka's default 1 MB record limit
        // (message.max.bytes) at about 10,000 merchants.
        let properties = EmbeddedKafkaCluster.consumerProperties.merging(["message.max.bytes": "\(Self.maximumRecordBytes)"]) { $1 }
        let arguments = properties.sorted { $0.key < $1.key }.flatMap { ["--kafka", "\($0.key)=\($0.value)"] } + engineOptions.engineArguments
        let environment = checkpointInterval.map { ["VIGIL_ENGINE_CHECKPOINT_INTERVAL": $0] } ?? [:]

        // 1. The first engine builds the state and writes it to the changelogs.
        let arrivals = try VerdictArrivals(brokers: setup.brokers)
        let firstLaunch = ContinuousClock.now
        let first = try setup.startEngine(config: engineOptions.config, extraArguments: arguments, instance: "first", environment: environment)
        defer { first.stop() }
        let firstReady = ContinuousClock.now
        let deadline = firstReady + .seconds(timeout)
        var lastProgress = firstReady
        while arrivals.listingVerdicts < owed.count, ContinuousClock.now < deadline, first.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            if ContinuousClock.now - lastProgress >= .seconds(10) {
                lastProgress = ContinuousClock.now
                print(String(format: "[%5.0f s] %d of %d listing verdicts", (lastProgress - firstReady).secondsDouble, arrivals.listingVerdicts, owed.count))
            }
        }
        let processed = ContinuousClock.now
        let tally = arrivals.snapshot
        arrivals.stop()
        let received = owed.filter { tally.firstArrival[$0] != nil }.count
        // The identifier and ring stages run behind the verdicts: stop only once they caught up,
        // so that the state written is the whole scenario's (and the same from run to run).
        let drained = received == owed.count
            ? try Self.waitUntilDrained(first, brokers: setup.brokers, topics: setup.inputTopics, timeout: .seconds(timeout)) : nil
        let firstRestores = EngineProcess.sample("vigil_changelog_restore_seconds_count", in: first.metrics() ?? "") ?? 0
        let stopStart = ContinuousClock.now
        let firstStatus = first.stop(timeout: .seconds(120))
        let stopped = ContinuousClock.now
        print(String(format: "first engine: ready %.1f s after launch, %d of %d listing verdicts in %.1f s, idle %@, stopped (final checkpoint, changelog write) in %.1f s with status %d",
                     (firstReady - firstLaunch).secondsDouble, received, owed.count, (processed - firstReady).secondsDouble,
                     drained.map { String(format: "%.1f s later", $0.after.secondsDouble) } ?? "(not waited for)", (stopped - stopStart).secondsDouble, firstStatus))
        if let drained, drained.unread > 0 || drained.lostResets > 0 {
            print("warning: the first engine never read \(drained.unread) records of its input topics: the embedded cluster deleted them first (vigil_records_lost_resets_total \(drained.lostResets)); the single-partition vigil.ring-input outgrows its 5 MiB when the ring stage falls behind")
        }
        let failures = Self.checkpointFailures(log: (try? String(contentsOf: first.log, encoding: .utf8)) ?? "")
        if failures.count > 0 { print("warning: the first engine logged \(failures.count) failed checkpoints; see \(first.log.path)") }
        guard received == owed.count else {
            throw EngineProcess.Failure(description: "the first engine gave \(received) of \(owed.count) listing verdicts within \(timeout) s; see \(first.log.path)")
        }
        guard firstStatus == 0 else {
            throw EngineProcess.Failure(description: "the first engine exited with status \(firstStatus), so its final checkpoint may be missing; see \(first.log.path)")
        }
        if let line = failures.final {
            throw EngineProcess.Failure(description: "the first engine's final checkpoint failed, so the changelogs do not hold its state: \(line)")
        }
        if firstRestores > 0 { print("warning: the first engine restored \(Int(firstRestores)) shards from changelogs that should have been empty") }

        // 2. What the changelogs hold.
        let census = try ChangelogCensus.read(brokers: setup.brokers, topics: setup.changelogTopics)
        print("changelog topics (bytes are keys + values; the embedded cluster keeps about 5 MiB per partition and does not compact):")
        for topic in census.topics {
            print(String(format: "  %@: %d partitions, %d records (%d markers, %d tombstones), %.2f MiB; %d live keys, %.2f MiB in their newest records; fullest partition %.2f MiB%@",
                         topic.name, topic.partitions, topic.records, topic.markers, topic.tombstones, Double(topic.bytes) / 1_048_576,
                         topic.liveKeys, Double(topic.liveBytes) / 1_048_576, Double(topic.largestPartitionBytes) / 1_048_576,
                         topic.trimmedPartitions > 0 ? ", \(topic.trimmedPartitions) partitions trimmed by the cluster" : ""))
        }
        let merchantTopic = setup.changelogTopics.first { $0.name.hasSuffix(".merchants-changelog") }.flatMap { census.topic($0.name) }
        let activeMerchants = merchantTopic?.liveKeys ?? 0
        if let merchantTopic, activeMerchants > 0 {
            print(String(format: "bytes per active merchant in %@: %.0f as stored (about %d checkpoints' records), %.0f in each merchant's newest record (%d active merchants)",
                         merchantTopic.name, Double(merchantTopic.bytes) / Double(activeMerchants), merchantTopic.markers / max(1, merchantTopic.partitions),
                         Double(merchantTopic.liveBytes) / Double(activeMerchants), activeMerchants))
            let all = census.topics.reduce((bytes: 0, live: 0)) { ($0.bytes + $1.bytes, $0.live + $1.liveBytes) }
            print(String(format: "all changelogs: %.0f bytes per active merchant as stored, %.0f in the newest records",
                         Double(all.bytes) / Double(activeMerchants), Double(all.live) / Double(activeMerchants)))
        }

        // 3. A second engine with an empty state directory restores every shard from the changelogs.
        let secondLaunch = ContinuousClock.now
        let second = try setup.startEngine(config: engineOptions.config, extraArguments: arguments, instance: "restored",
                                           environment: environment, readyTimeout: nil)
        defer { second.stop() }
        let watched = try Self.watchRestore(second, timeout: .seconds(restoreTimeout))
        let metrics = second.metrics() ?? ""
        second.stop()
        let restoreSeconds = EngineProcess.sample("vigil_changelog_restore_seconds_sum", in: metrics) ?? 0
        let restoredShards = Int(EngineProcess.sample("vigil_changelog_restore_seconds_count", in: metrics) ?? 0)
        let restoredRecords = Int(EngineProcess.sample("vigil_changelog_restored_records_total", in: metrics) ?? 0)
        let logged = RestoreLogLines(log: (try? String(contentsOf: second.log, encoding: .utf8)) ?? "")
        let shards = census.topics.map(\.partitions).max() ?? 0
        let liveKeys = census.topics.reduce(0) { $0 + $1.liveKeys }

        let restoreTime = (watched.ready - watched.assigned).secondsDouble
        print(String(format: "second engine (empty state directory): partitions assigned %.2f s after launch (process start, group join), ready %.2f s after that; %d of %d shards restored from their changelogs",
                     (watched.assigned - secondLaunch).secondsDouble, restoreTime, restoredShards, shards))
        print(String(format: "restore time: %.2f s from assignment to ready (reading the changelogs: %.2f s, the sum of the shards' vigil_changelog_restore_seconds); %d keys (the changelogs hold %d live keys) from %d records (%d in the engine's metrics), %.1f MiB",
                     restoreTime, restoreSeconds, logged.keys, liveKeys, logged.records, restoredRecords, Double(logged.bytes) / 1_048_576))
        if restoreTime > 0 {
            print(String(format: "restore rate: %.0f records/s, %.1f MiB/s, %.0f keys/s", Double(logged.records) / restoreTime,
                         Double(logged.bytes) / 1_048_576 / restoreTime, Double(logged.keys) / restoreTime))
        }
        if activeMerchants > 0 {
            let scale = 100_000 / Double(activeMerchants)
            print(String(format: "per 100,000 merchants (extrapolated linearly from %d active merchants, not measured): restore %.1f s (changelog reads %.1f s), %.0f MiB read",
                         activeMerchants, restoreTime * scale, restoreSeconds * scale, Double(logged.bytes) / 1_048_576 * scale))
        }
        guard restoredShards == shards, logged.shards == shards else {
            throw EngineProcess.Failure(description: "only \(restoredShards) of \(shards) shards were restored from their changelogs (\(logged.shards) logged); see \(second.log.path)")
        }
    }

    /// How far the first engine got through its inputs when it was stopped.
    struct Drained {
        /// From the last listing verdict until the engine was idle.
        var after: Duration
        /// Records of the input topics (internal ones included) it never took: deleted by the
        /// embedded cluster before they were read (`vigil_records_lost_resets_total` counts the skips).
        var unread: Int64
        /// The engine's `vigil_records_lost_resets_total`.
        var lostResets: Int
    }

    /// Waits until `engine` is idle: its lanes empty and neither what it has taken from `topics`
    /// (its inputs, internal ones included: `vigil_events_in_total`) nor their end offsets moved
    /// over two looks a second apart, or it has taken every record of them twice in a row.
    /// - Throws: ``EngineProcess/Failure`` when the engine exits first or `timeout` passes.
    static func waitUntilDrained(_ engine: EngineProcess, brokers: String, topics: [String], timeout: Duration) throws -> Drained {
        let started = ContinuousClock.now
        let consumer = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-bench-drain"),
                                         groupID: "vigil-bench-drain-\(UUID().uuidString)")
        defer { consumer.close() }
        let counts = Dictionary(try consumer.topics().map { ($0.name, $0.partitionCount) }) { first, _ in first }
        let partitions = topics.flatMap { topic in (0..<Int32(counts[topic] ?? 0)).map { KafkaTopicPartition(topic: topic, partition: $0) } }
        var previous: (ends: Int64, taken: Int64)?
        var quietLooks = 0
        while ContinuousClock.now - started < timeout {
            guard engine.isRunning else { throw EngineProcess.Failure(description: "the first vigil run exited early; see \(engine.log.path)") }
            var ends: Int64 = 0
            for partition in partitions { ends += try consumer.watermarks(partition, timeout: .seconds(10)).high }
            let metrics = engine.metrics() ?? ""
            let taken = topics.reduce(Int64(0)) { $0 + Int64(EngineProcess.sample("vigil_events_in_total{topic=\"\($1)\"}", in: metrics) ?? 0) }
            let idle = (EngineProcess.sample("vigil_lane_queue_depth", in: metrics) ?? 0) == 0
            let still = previous.map { $0.ends == ends && $0.taken == taken } ?? false
            quietLooks = idle && (still || taken == ends) ? quietLooks + 1 : 0
            if quietLooks >= 2 {
                let lost = Int(EngineProcess.sample("vigil_records_lost_resets_total", in: metrics) ?? 0)
                return Drained(after: ContinuousClock.now - started, unread: max(0, ends - taken), lostResets: lost)
            }
            previous = (ends, taken)
            Thread.sleep(forTimeInterval: 1)
        }
        throw EngineProcess.Failure(description: "the first vigil run was still busy with \(topics.joined(separator: ", ")) after \(timeout); see \(engine.log.path)")
    }

    /// The first "checkpoint failed" line an engine logged after its graceful shutdown began
    /// (its final checkpoint, which writes the changelogs), and how many it logged in all.
    static func checkpointFailures(log: String) -> (final: String?, count: Int) {
        var shutdown = false
        var final: String?
        var count = 0
        for line in log.split(separator: "\n") {
            if line.contains("graceful shutdown") { shutdown = true }
            guard line.contains("checkpoint failed") else { continue }
            count += 1
            if shutdown, final == nil { final = String(line) }
        }
        return (final, count)
    }

    /// Watches a starting engine's admin endpoint until it is ready: when its consumer was first
    /// assigned partitions (`vigil_rebalances_total{kind="assigned"}`, counted before any shard is
    /// restored) and when `/ready` first answered 200 (every shard restored and put on its lane),
    /// each known to within one look (about 10 ms plus a request).
    /// - Throws: ``EngineProcess/Failure`` when the engine exits first or `timeout` passes.
    static func watchRestore(_ engine: EngineProcess, timeout: Duration) throws -> (assigned: ContinuousClock.Instant, ready: ContinuousClock.Instant) {
        let deadline = ContinuousClock.now + timeout
        var assigned: ContinuousClock.Instant?
        while ContinuousClock.now < deadline {
            guard engine.isRunning else {
                throw EngineProcess.Failure(description: "the second vigil run exited before it was ready; see \(engine.log.path)")
            }
            if assigned == nil, let count = EngineProcess.sample("vigil_rebalances_total{kind=\"assigned\"}", in: engine.metrics() ?? ""), count >= 1 {
                assigned = ContinuousClock.now
            }
            if engine.isReady() {
                let ready = ContinuousClock.now
                return (assigned ?? ready, ready)
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw EngineProcess.Failure(description: "the second vigil run was not ready within \(timeout); see \(engine.log.path)")
    }

    /// The default scenario with its populations (and rings) scaled to about `merchants`.
    static func scenario(merchants: Int, seed: UInt64?) -> SimulationScenario {
        var chosen = SimulationScenario.default
        if let seed { chosen.seed = seed }
        let factor = Double(merchants) / Double(defaultScenarioMerchants)
        func scaled(_ count: Int) -> Int { count == 0 ? 0 : max(1, Int((Double(count) * factor).rounded())) }
        chosen.honestMerchants = scaled(chosen.honestMerchants)
        chosen.coworkingMerchants = scaled(chosen.coworkingMerchants)
        chosen.coworkingSites = scaled(chosen.coworkingSites)
        chosen.authorizedSellers = scaled(chosen.authorizedSellers)
        chosen.discountSellers = scaled(chosen.discountSellers)
        chosen.rings = scaled(chosen.rings)
        return chosen
    }
}

/// The engine's "shard N restored from its changelog: K keys from R records (B bytes) in T"
/// lines, summed.
struct RestoreLogLines {
    /// Lines found (shards restored).
    var shards = 0
    /// Keys restored.
    var keys = 0
    /// Records read.
    var records = 0
    /// Bytes of keys and values read.
    var bytes = 0

    /// Sums the restore lines of an engine log.
    init(log: String) {
        let marker = "restored from its changelog: "
        for line in log.split(separator: "\n") {
            guard let found = line.range(of: marker) else { continue }
            // "K keys from R records (B bytes) in T"
            let words = line[found.upperBound...].split(separator: " ")
            guard words.count >= 7, words[1] == "keys", words[4] == "records", let keys = Int(words[0]), let records = Int(words[3]),
                  let bytes = Int(words[5].dropFirst()) else { continue }
            shards += 1
            self.keys += keys
            self.records += records
            self.bytes += bytes
        }
    }
}
