import ArgumentParser
import Foundation
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// `vigil bench topology`: throughput of the whole counterfeit topology as users run it.
///
/// The benchmark process runs the embedded cluster and pre-produces a simulated marketplace to
/// the four input topics (and the brand registry). It then starts `vigil run --config CONFIG`
/// as a child process and waits until every listing event that is owed a verdict has its verdict
/// on `risk.verdicts`, with rings, leads and the feature log running as configured, and then until
/// the engine is quiet: nothing taken in or written for 1.5 s, so the ring stage's input, the leads
/// and the ring features sent back to the merchants are all processed. It reports marketplace
/// records per second (from the engine's readiness to the last record it took in or output it
/// wrote), the engine's CPU time per record over the same span, its peak memory, and the bytes of
/// its final checkpoint per merchant.
struct TopologyBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology",
        abstract: "Records/s and CPU per record of vigil run on the counterfeit topology, input pre-produced."
    )

    @Option(help: "Scenario: default, small, or random (with --seed).")
    var scenario: String = "default"

    @Option(help: "Seed for --scenario random.")
    var seed: UInt64?

    @Option(help: "Multiply the scenario's merchant populations (and rings) by this factor.")
    var scale: Int = 1

    @Option(help: "Partitions of the merchant-keyed topics.")
    var partitions: Int32 = 64

    @OptionGroup var engineOptions: EngineUnderTestOptions

    @Option(help: "Give up waiting for verdicts after this many seconds.")
    var timeout: Double = 900

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1, got \(scale)") }
    }

    func run() throws {
        let chosen = try chosenScenario()
        let feed = try BenchFeed(scenario: chosen)
        let owed = feed.verdictOwed(in: 0..<feed.records.count)
        let setup = try TopologyBenchSetup(partitions: partitions, directory: engineOptions.directory)
        defer { setup.shutdown() }
        print("vigil bench topology: scenario \(chosen.name) x\(scale): \(feed.records.count) records, \(feed.merchants) merchants, \(owed.count) listing verdicts owed; engine log \(setup.directory.path)/engine.log")
        let produceStart = ContinuousClock.now
        try feed.produceAll(brokers: setup.brokers)
        print(String(format: "pre-produced in %.1f s", (ContinuousClock.now - produceStart).secondsDouble))

        let arrivals = try VerdictArrivals(brokers: setup.brokers)
        defer { arrivals.stop() }
        let engine = try setup.startEngine(config: engineOptions.config, extraArguments: engineOptions.engineArguments)
        let ready = ContinuousClock.now
        let cpuAtReady = engine.cpuSeconds() ?? 0
        let deadline = ready + .seconds(timeout)
        var cpuAtLast = cpuAtReady
        var peak = 0
        var lastProgress = ready
        while arrivals.listingVerdicts < owed.count, ContinuousClock.now < deadline, engine.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            cpuAtLast = engine.cpuSeconds() ?? cpuAtLast
            peak = max(peak, engine.peakResidentBytes() ?? 0)
            if ContinuousClock.now - lastProgress >= .seconds(5) {
                lastProgress = ContinuousClock.now
                print(String(format: "[%5.0f s] %d of %d listing verdicts", (lastProgress - ready).secondsDouble, arrivals.listingVerdicts, owed.count))
            }
        }
        let listingsDone = ContinuousClock.now
        // Rings and leads included: the run ends when the engine has taken in and written nothing
        // for a while (its internal topics, the ring stage's input and the features it sends back,
        // drained), at the last moment anything moved.
        let quiet = Duration.seconds(1.5)
        var activity = Self.activity(engine.metrics())
        var finished = listingsDone
        while ContinuousClock.now - finished < quiet, ContinuousClock.now < deadline, engine.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            let now = Self.activity(engine.metrics())
            let cpu = engine.cpuSeconds()
            if now != activity {
                activity = now
                finished = ContinuousClock.now
                cpuAtLast = cpu ?? cpuAtLast
            }
        }
        let tally = arrivals.snapshot
        let received = owed.filter { tally.firstArrival[$0] != nil }.count
        let finalMetrics = engine.metrics() ?? ""
        let keys = EngineProcess.sample("vigil_keys", in: finalMetrics)
        let leads = EngineProcess.sample("vigil_leads_total", in: finalMetrics)
        engine.stop()
        let stateBytes = (try? FileManager.default.attributesOfItem(atPath: setup.statePath)[.size] as? Int) ?? nil

        let elapsed = (finished - ready).secondsDouble
        let cpu = cpuAtLast - cpuAtReady
        print("listing verdicts received \(received) of \(owed.count) (\(owed.count - received) missing), repeated \(tally.repeatedListingVerdicts)")
        print(String(format: "last listing verdict %.1f s after the engine was ready; engine quiet (rings, %.0f leads and every internal topic processed) after %.1f s",
                     (listingsDone - ready).secondsDouble, leads ?? 0, elapsed))
        print(String(format: "throughput: %.0f marketplace records/s (%d records in %.1f s after the engine was ready)",
                     Double(feed.records.count) / elapsed, feed.records.count, elapsed))
        print(String(format: "engine CPU: %.1f s, %.1f us per record (%.0f %% of one core)", cpu, cpu / Double(feed.records.count) * 1e6, 100 * cpu / elapsed))
        print(String(format: "engine peak resident memory: %.0f MiB", Double(peak) / 1_048_576))
        if let stateBytes {
            print(String(format: "final checkpoint: %.1f MiB, %.0f bytes per merchant (%d merchants%@)",
                         Double(stateBytes) / 1_048_576, Double(stateBytes) / Double(max(1, feed.merchants)), feed.merchants,
                         keys.map { String(format: "; vigil_keys %.0f", $0) } ?? ""))
        }
        if received < owed.count { throw ExitCode.failure }
    }

    /// Records taken in and outputs written so far, from the engine's metrics (`nil` parts when
    /// a scrape failed, which counts as a change only when it recovers).
    private static func activity(_ metrics: String?) -> [Double?] {
        guard let metrics else { return [nil, nil] }
        return [EngineProcess.sample("vigil_events_in_total", in: metrics), EngineProcess.sample("vigil_outputs_total", in: metrics)]
    }

    private func chosenScenario() throws -> SimulationScenario {
        var chosen: SimulationScenario
        if scenario == "random" {
            guard let seed else { throw ValidationError("--scenario random needs --seed") }
            chosen = SimulationScenario.random(seed: seed)
        } else {
            guard let named = SimulationScenario.named(scenario) else { throw ValidationError("unknown --scenario '\(scenario)'; use default, small or random") }
            chosen = named
            if let seed { chosen.seed = seed }
        }
        chosen.honestMerchants *= scale
        chosen.coworkingMerchants *= scale
        chosen.authorizedSellers *= scale
        chosen.discountSellers *= scale
        chosen.rings *= scale
        chosen.secondHandResellers *= scale
        chosen.newStores *= scale
        chosen.multiShopOwners *= scale
        chosen.fulfilmentClients *= scale
        chosen.soloCounterfeiters *= scale
        return chosen
    }
}
