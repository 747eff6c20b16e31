import ArgumentParser
import Foundation
import Logging
import VigilConsole
import VigilEngine
import VigilKafka
import VigilOps
import VigilRisk
import VigilState

/// `vigil run`: the production entry point.
///
/// Settings come from `--config` (YAML; relative paths in it start at its folder), then `VIGIL_*`
/// environment variables, then the flags below (see `ConfigurationLoader`); a configured file
/// that is missing stops the start with an error naming it and its key.
/// `VigilConfiguration.engineConfiguration(...)` turns them into the engine's configuration. The engine, the admin endpoint and the lag monitor run in
/// one service group: the first SIGTERM/SIGINT stops the engine gracefully (drain, flush,
/// checkpoint, commit), a second exits at once. A changed XGBoost model file (`scoring.xgboost` in
/// `risk.yml`) is picked up without a restart (``ModelReloader``, every `--model-poll-interval` seconds).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a topology against Kafka (the embedded cluster unless brokers are configured)."
    )

    @Option(help: "Configuration file (YAML; see config/vigil.yml). Without it: defaults, environment and flags only.")
    var config: String?

    @Option(help: "Topology file (engine.topology; default \(VigilConfiguration.EngineSettings.defaultTopology)).")
    var topology: String?

    @Option(help: "Kafka bootstrap servers host:port,... (kafka.brokers). Without any, an embedded cluster is started.")
    var brokers: String?

    @Option(help: "Consumer group (kafka.group; default: the topology's name).")
    var group: String?

    @Option(help: "Partition assignment: group (share partitions with other instances) or all (read every partition, no group membership).")
    var assignment: String = "group"

    @Option(help: "How the group divides partitions (engine.assignor): range (default; eager rebalances) or cooperative-sticky (incremental; single-input topologies only).")
    var assignor: String?

    @Option(help: "SQLite file for state checkpoints (engine.checkpoint_path; default .vigil/state.sqlite).")
    var state: String?

    @Option(help: "at_least_once or exactly_once (engine.processing_guarantee; default at_least_once).")
    var processingGuarantee: String?

    @Option(help: "Lanes (engine.lanes; overrides the topology; 0 = the topology's).")
    var lanes: Int?

    @Option(help: "Brand registry file (contract format; risk.brands); updated live from marketplace.brands.")
    var brands: String?

    @Option(help: "Case store (SQLite) for investigation leads (risk.cases; default \(VigilConfiguration.RiskSettings.defaultCases)).")
    var cases: String?

    @Option(help: "Partitions per topic when the embedded cluster creates them.")
    var partitions: Int32 = 16

    @Option(name: .customLong("kafka"), help: "A librdkafka property as key=value (repeatable), e.g. --kafka security.protocol=SASL_SSL.")
    var kafkaProperties: [String] = []

    @Option(help: "Log level (logging.level): trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    @Option(help: "Admin endpoint host:port for /metrics, /health, /ready and the console (admin.address; default 127.0.0.1:9464). Beyond loopback the console needs admin.token_file or admin.token.")
    var adminAddress: String?

    @Option(help: "Seconds between consumer-lag reads by the lag monitor.")
    var lagInterval: Int = 15

    @Option(help: "Seconds between looks at the XGBoost model file (risk.yml scoring.xgboost) for a hot reload.")
    var modelPollInterval: Int = 10

    func run() async throws {
        let settings = try loadConfiguration()
        LoggingSetup.bootstrap(level: settings.logging.level)
        let logger = Logger(label: "vigil.run")
        logger.info("configuration: \(settings)")
        let registry = MetricsBootstrap.bootstrap()
        let (registryOfTopologies, riskContext) = try RiskWiring.makeRegistry(
            RiskWiring.Paths(riskConfig: settings.risk.config, brands: settings.risk.brands, cases: settings.risk.cases, featureLog: settings.risk.featureLog),
            logger: logger
        )
        var loaded = try TopologyLoader(registry: registryOfTopologies).load(file: settings.engine.topology).renamingTopics(settings.topics.renames)
        if settings.engine.lanes > 0 { loaded.laneCount = settings.engine.lanes }

        var cluster: EmbeddedKafkaCluster?
        let bootstrap: String
        var consumerProperties: [String: String] = [:]
        if let brokers = settings.kafka.brokers {
            bootstrap = brokers
        } else {
            let embedded = try EmbeddedKafkaCluster(brokers: 1)
            try embedded.createTopics(ContractTopics.specifications(for: loaded, names: settings.topics, partitions: partitions))
            bootstrap = embedded.bootstrapServers
            consumerProperties = EmbeddedKafkaCluster.consumerProperties
            cluster = embedded
            logger.info("embedded Kafka cluster at \(bootstrap)")
        }
        defer { cluster?.shutdown() }
        let statePath = settings.engine.checkpointPath
        let stateDirectory = (statePath as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: stateDirectory.isEmpty ? "." : stateDirectory, withIntermediateDirectories: true)
        let store = try CheckpointStore(path: statePath)
        let configuration = settings.engineConfiguration(topologyName: loaded.name, bootstrapServers: bootstrap, assignment: try assignmentMode(), consumerProperties: consumerProperties)
        let engine = try StreamEngine(topology: loaded, configuration: configuration, checkpoints: store, logger: logger)
        let kafka = configuration.kafka
        let brandFollower = RiskWiring.followBrands(riskContext, topic: settings.topics.brands, kafka: kafka, consumerProperties: consumerProperties, logger: logger)
        defer { brandFollower?.stop() }
        let admin = try KafkaAdmin(configuration: kafka.with("client.id", "\(kafka.clientID)-lag"))
        // A changed scoring.xgboost file is loaded and swapped in without a restart.
        let reloader = ModelReloader(context: riskContext, configuration: .init(interval: .seconds(max(modelPollInterval, 1))), logger: logger)
        let reloadTask = reloader.map { reloader in Task { await reloader.run() } }
        defer { reloadTask?.cancel() }
        // The investigators' console on the admin endpoint; refuses to start beyond loopback without a token.
        var recorderKafka = kafka.with("client.id", "\(kafka.clientID)-console")
        for (key, value) in consumerProperties { recorderKafka = recorderKafka.with(key, value) }
        let console = try riskContext.cases.flatMap { cases in
            settings.admin.console
                ? try ConsoleWiring(cases: cases, admin: settings.admin, producer: kafka.with("client.id", "\(kafka.clientID)-console"), consumer: recorderKafka,
                                    topics: settings.topics, featureLogTopic: settings.risk.featureLog ? FeatureLogRow.topic : nil, logger: Logger(label: "vigil.console"))
                : nil
        }
        console?.start(logger: logger)
        defer { console?.stop() }
        try await ServiceRunner.run(
            main: EngineService(engine: engine),
            admin: AdminServer(address: settings.admin.address, registry: registry, readiness: Readiness.of(engine), routes: console.map { [$0.console] } ?? []),
            lagMonitor: LagMonitor(configuration: .init(group: configuration.groupID ?? loaded.name, topics: loaded.inputTopics, interval: .seconds(max(lagInterval, 1))), source: admin),
            logger: logger
        )
    }
}

extension RunCommand {
    func assignmentMode() throws -> PartitionAssignment {
        guard let mode = PartitionAssignment(rawValue: assignment) else {
            throw ValidationError("--assignment must be 'group' or 'all', got '\(assignment)'")
        }
        return mode
    }

    /// The file, environment and flags merged (flags win).
    func loadConfiguration() throws -> VigilConfiguration {
        var overrides: [ConfigurationOverride] = []
        func add(_ key: String, _ value: String?, _ flag: String) {
            if let value { overrides.append(ConfigurationOverride(key: key, value: value, flag: flag)) }
        }
        add("engine.topology", topology, "--topology")
        add("kafka.brokers", brokers, "--brokers")
        add("kafka.group", group, "--group")
        add("engine.checkpoint_path", state, "--state")
        add("engine.assignor", assignor, "--assignor")
        add("engine.lanes", lanes.map(String.init), "--lanes")
        add("engine.processing_guarantee", processingGuarantee, "--processing-guarantee")
        add("logging.level", logLevel, "--log-level")
        add("admin.address", adminAddress, "--admin-address")
        add("risk.brands", brands, "--brands")
        add("risk.cases", cases, "--cases")
        for (name, value) in try KeyValueOption.pairs(kafkaProperties, flag: "--kafka") {
            add("kafka.properties.\(name)", value, "--kafka")
        }
        return try ConfigurationLoader().load(file: config, overrides: overrides)
    }
}
