import Foundation
import VigilEngine
import VigilKafka
import VigilOps

/// What the counterfeit-topology benchmarks share: an embedded cluster in the benchmark's
/// process with the contract's topics, a scratch directory, and `vigil run` in a child process
/// pointed at both, with the user's configuration file.
struct TopologyBenchSetup {
    /// The embedded cluster (one broker, to leave the cores to the engine).
    let cluster: EmbeddedKafkaCluster
    /// Scratch directory for the engine's state, case store and log.
    let directory: URL
    /// The changelog topics created for the topology's operators (none without a topology file).
    let changelogTopics: [KafkaTopicSpecification]
    /// The topics the topology reads, its internal repartition topics included (none without a
    /// topology file).
    let inputTopics: [String]

    /// Starts the cluster and creates the contract and internal topics, and the changelog topics
    /// of the topology in `topology` (the engine in its child process cannot create topics on an
    /// embedded cluster that lives in this one).
    init(partitions: Int32, directory: String?, topology: String = VigilConfiguration.EngineSettings.defaultTopology) throws {
        cluster = try EmbeddedKafkaCluster(brokers: 1)
        // The engine runs in a child process, which cannot create topics on this cluster.
        let topics = ContractTopics.specifications(partitions: partitions)
        if let definition = try ContractTopics.definition(file: topology) {
            let counts = Dictionary(topics.map { ($0.name, $0.partitions) }) { first, _ in first }
            changelogTopics = ChangelogTopics.specifications(for: definition, partitionCounts: counts)
            inputTopics = Array(Set(definition.sources.map(\.topic))).sorted()
        } else {
            changelogTopics = []
            inputTopics = []
        }
        try cluster.createTopics(topics + changelogTopics)
        let path = directory ?? NSTemporaryDirectory() + "vigil-bench-\(UUID().uuidString)"
        self.directory = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(at: self.directory)  // a run starts clean
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// The bootstrap servers of the cluster.
    var brokers: String { cluster.bootstrapServers }

    /// The engine's checkpoint file (the default instance's).
    var statePath: String { statePath(instance: nil) }

    /// The checkpoint file of `instance` (see ``instanceDirectory(_:)``).
    func statePath(instance: String?) -> String {
        instanceDirectory(instance).appendingPathComponent("state.sqlite").path
    }

    /// Where an engine instance keeps its checkpoint file, case store and log: the scratch
    /// directory itself for the default instance (`nil`), a subdirectory named `instance` for
    /// another, so that each starts with state of its own.
    func instanceDirectory(_ instance: String?) -> URL {
        instance.map { directory.appendingPathComponent($0, isDirectory: true) } ?? directory
    }

    /// Starts `vigil run --config config` (this executable) against the cluster, from the current
    /// directory (so the configuration's relative paths resolve as they do for users), with its
    /// state in ``instanceDirectory(_:)`` of `instance` and `environment` added to this process's,
    /// and waits up to `readyTimeout` until it is ready (not at all when it is `nil`).
    func startEngine(config: String, extraArguments: [String], instance: String? = nil,
                     environment: [String: String] = [:], readyTimeout: Duration? = .seconds(120)) throws -> EngineProcess {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        let home = instanceDirectory(instance)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let arguments = ["--brokers", brokers, "--config", config,
                         "--state", statePath(instance: instance),
                         "--cases", home.appendingPathComponent("cases.sqlite").path,
                         "--lag-interval", "5"] + extraArguments
        let engine = try EngineProcess(executable: executable, arguments: arguments,
                                       directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                       adminPort: EngineProcess.freePort(), log: home.appendingPathComponent("engine.log"),
                                       environment: environment)
        if let readyTimeout { try engine.waitUntilReady(timeout: readyTimeout) }
        return engine
    }

    /// Stops the cluster.
    func shutdown() { cluster.shutdown() }
}
