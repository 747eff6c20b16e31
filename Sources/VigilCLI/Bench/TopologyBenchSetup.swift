import Foundation
import VigilKafka

/// What the counterfeit-topology benchmarks share: an embedded cluster in the benchmark's
/// process with the contract's topics, a scratch directory, and `vigil run` in a child process
/// pointed at both, with the user's configuration file.
struct TopologyBenchSetup {
    /// The embedded cluster (one broker, to leave the cores to the engine).
    let cluster: EmbeddedKafkaCluster
    /// Scratch directory for the engine's state, case store and log.
    let directory: URL

    /// Starts the cluster and creates the contract and internal topics.
    init(partitions: Int32, directory: String?) throws {
        cluster = try EmbeddedKafkaCluster(brokers: 1)
        // The engine runs in a child process, which cannot create topics on this cluster.
        try cluster.createTopics(ContractTopics.addingChangelogs(to: ContractTopics.specifications(partitions: partitions)))
        let path = directory ?? NSTemporaryDirectory() + "vigil-bench-\(UUID().uuidString)"
        self.directory = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: self.directory)  // a run starts clean
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// The bootstrap servers of the cluster.
    var brokers: String { cluster.bootstrapServers }

    /// The engine's checkpoint file.
    var statePath: String { directory.appendingPathComponent("state.sqlite").path }

    /// Starts `vigil run --config config` (this executable) against the cluster, from the current
    /// directory (so the configuration's relative paths resolve as they do for users), with its
    /// state in the scratch directory, and waits until it is ready.
    func startEngine(config: String, extraArguments: [String]) throws -> EngineProcess {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        let arguments = ["--brokers", brokers, "--config", config,
                         "--state", statePath,
                         "--cases", directory.appendingPathComponent("cases.sqlite").path,
                         "--lag-interval", "5"] + extraArguments
        let engine = try EngineProcess(executable: executable, arguments: arguments,
                                       directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                       adminPort: EngineProcess.freePort(), log: directory.appendingPathComponent("engine.log"))
        try engine.waitUntilReady(timeout: .seconds(120))
        return engine
    }

    /// Stops the cluster.
    func shutdown() { cluster.shutdown() }
}

/// Exact quantiles of a sample of durations, in milliseconds.
struct LatencyQuantiles: CustomStringConvertible {
    /// Samples, sorted ascending.
    let sorted: [Double]

    /// Sorts `milliseconds`.
    init(_ milliseconds: [Double]) { sorted = milliseconds.sorted() }

    /// The `q` quantile (nearest rank), or nil for an empty sample.
    func quantile(_ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    /// "p50 … p99 … max …" in milliseconds.
    var description: String {
        guard let p50 = quantile(0.5), let p99 = quantile(0.99), let max = sorted.last else { return "no samples" }
        return String(format: "p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", p50, quantile(0.9) ?? 0, p99, max)
    }
}
