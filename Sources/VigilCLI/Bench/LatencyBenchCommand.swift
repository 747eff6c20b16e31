import ArgumentParser
import Foundation
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// `vigil bench latency`: how long a listing waits for its verdict when the marketplace sends at
/// a steady rate into a running engine.
///
/// The benchmark process runs the embedded cluster and starts `vigil run --config CONFIG` as a
/// child process. Once the engine is ready, it produces a simulated marketplace (a random scenario
/// the project never trained on) at `--rate` records per second for `--seconds`, and consumes
/// `risk.verdicts`. It reports sent → verdict received for every listing event owed a verdict,
/// the verdicts missing, and the engine's longest gap between two consumer polls while the input
/// flowed (`vigil_poll_gap_max_seconds`, scraped every second). Each listing's wait, against the
/// moment it was sent, is written to `latencies.csv` in the benchmark's directory.
struct LatencyBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Sent -> verdict received p50/p99/max at a steady input rate, against vigil run in a child process."
    )

    @Option(help: "Input records per second (all four marketplace topics together).")
    var rate: Double = 2_000

    @Option(help: "Seconds of steady input.")
    var seconds: Double = 20

    @Option(help: "Seed of the random scenario sent (one not used for training or tuning).")
    var seed: UInt64 = 4_242

    @Option(help: "Partitions of the merchant-keyed topics.")
    var partitions: Int32 = 16

    @OptionGroup var engineOptions: EngineUnderTestOptions

    @Flag(help: "Also print the result as one JSON object.")
    var json = false

    func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be positive, got \(rate)") }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive, got \(seconds)") }
    }

    func run() throws {
        let count = Int(rate * seconds)
        let feed = try BenchFeed(scenario: SimulationScenario.random(seed: seed), limit: count)
        guard feed.records.count == count else {
            throw ValidationError("scenario random-\(seed) has only \(feed.records.count) records; lower --rate or --seconds")
        }
        let setup = try TopologyBenchSetup(partitions: partitions, directory: engineOptions.directory)
        defer { setup.shutdown() }
        print("vigil bench latency: \(count) records of random-\(seed) (\(feed.merchants) merchants) at \(Int(rate))/s for \(seconds) s; engine log and final metrics in \(setup.directory.path)")
        let engine = try setup.startEngine(config: engineOptions.config, extraArguments: engineOptions.engineArguments)
        defer { engine.stop() }
        let arrivals = try VerdictArrivals(brokers: setup.brokers)
        defer { arrivals.stop() }
        let producer = try BenchFeed.producer(brokers: setup.brokers)
        let reports = DeliveryCounter()
        try feed.produceBrands(producer: producer, reports: reports)
        let pollGaps = PollGapSampler(engine: engine)
        let cpuAtFirstSend = engine.cpuSeconds()
        let sendStart = ContinuousClock.now
        let sentAt = try feed.producePaced(0..<count, rate: rate, producer: producer, reports: reports)
        try producer.flush(timeout: .seconds(60))
        producer.close()
        try BenchFeed.check(reports, expected: count + feed.brandRecords.count, brokers: setup.brokers)

        // Give the last verdicts time to arrive: at most 30 s after the last send.
        let deadline = ContinuousClock.now + .seconds(30)
        while arrivals.listingVerdicts < sentAt.count, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let tally = arrivals.snapshot
        let cpu = cpuAtFirstSend.flatMap { start in engine.cpuSeconds().map { $0 - start } }
        let cpuWall = (ContinuousClock.now - sendStart).secondsDouble
        let pollGap = pollGaps.stop()
        let metrics = engine.metrics() ?? ""
        try? metrics.write(to: setup.directory.appendingPathComponent("metrics.txt"), atomically: true, encoding: .utf8)

        var latencies: [Double] = []
        latencies.reserveCapacity(sentAt.count)
        var missing = 0
        var timeline: [(sentMs: Double, latencyMs: Double, eventID: String)] = []
        let firstSend = sentAt.values.min()
        for (eventID, sent) in sentAt {
            guard let arrived = tally.firstArrival[eventID] else { missing += 1; continue }
            let latency = (arrived - sent).secondsDouble * 1000
            latencies.append(latency)
            if let firstSend { timeline.append(((sent - firstSend).secondsDouble * 1000, latency, eventID)) }
        }
        // Each listing's wait against the moment it was sent, to see when a tail forms.
        let timelineText = timeline.sorted { $0.sentMs < $1.sentMs }
            .map { String(format: "%.1f,%.1f,", $0.sentMs, $0.latencyMs) + $0.eventID }
            .joined(separator: "\n")
        try? ("sent_ms,latency_ms,event_id\n" + timelineText + "\n")
            .write(to: setup.directory.appendingPathComponent("latencies.csv"), atomically: true, encoding: .utf8)
        let quantiles = LatencyQuantiles(latencies)
        print("listing verdicts owed \(sentAt.count), received \(latencies.count), missing \(missing), repeated \(tally.repeatedListingVerdicts); merchant verdicts \(tally.merchantVerdicts)")
        print("sent -> verdict received: \(quantiles)")
        print("longest gap between the engine's polls: " + (pollGap.map { String(format: "%.1f ms", $0 * 1000) } ?? "not reported"))
        if let cpu {
            print(String(format: "engine CPU from the first send to the last verdict: %.1f s, %.1f us per record (%.0f %% of one core)",
                         cpu, cpu / Double(count) * 1e6, 100 * cpu / cpuWall))
        }
        if json {
            let object: [String: Any] = [
                "rate": rate, "seconds": seconds, "records": count, "seed": seed,
                "owed": sentAt.count, "received": latencies.count, "missing": missing,
                "p50_ms": quantiles.quantile(0.5) ?? -1, "p99_ms": quantiles.quantile(0.99) ?? -1, "max_ms": quantiles.max ?? -1,
                "poll_gap_max_ms": pollGap.map { $0 * 1000 } ?? -1,
                "engine_cpu_us_per_record": cpu.map { $0 / Double(count) * 1e6 } ?? -1,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
