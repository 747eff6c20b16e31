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
/// on `risk.verdicts`, with rings, leads and the feature log running as configured. It reports
/// marketplace records per second (from the engine's readiness to the last verdict), the engine's
/// CPU time per record, its peak memory, and the bytes of its final checkpoint per merchant.
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
        let finished = ContinuousClock.now
        let tally = arrivals.snapshot
        let received = owed.filter { tally.firstArrival[$0] != nil }.count
        let keys = EngineProcess.sample("vigil_keys", in: engine.metrics() ?? "")
        engine.stop()
        let stateBytes = (try? FileManager.default.attributesOfItem(atPath: setup.statePath)[.size] as? Int) ?? nil

        let elapsed = (finished - ready).secondsDouble
        let cpu = cpuAtLast - cpuAtReady
        print("listing verdicts received \(received) of \(owed.count) (\(owed.count - received) missing), repeated \(tally.repeatedListingVerdicts)")
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
