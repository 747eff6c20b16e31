import ArgumentParser
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import VigilConsole
import VigilEngine
import VigilKafka
import VigilOps
import VigilRisk
import VigilState
import VigilSimulation

/// `vigil demo`: the README's main job. Embedded cluster, simulator, engine and takedown consumer
/// in one process; a progress line while it runs; a summary at the end.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a marketplace with counterfeit rings, run the risk topology on the embedded Kafka cluster, and report what was caught."
    )

    @Option(help: "Simulator scenario: default, small or random (with --seed).")
    var scenario: String = "default"

    @Option(help: "Simulator seed (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Partitions of the merchant-keyed topics.")
    var partitions: Int32 = 8

    @Option(help: "Admin endpoint for /metrics, /health, /ready and the console (port 0 picks a free one). Beyond loopback the console needs VIGIL_ADMIN_TOKEN or VIGIL_ADMIN_TOKEN_FILE.")
    var adminAddress: String = "127.0.0.1:0"

    @Flag(help: "After the summary, keep the embedded cluster, the admin endpoint and the investigators' console up until interrupted (Ctrl-C), to work the leads in a browser.")
    var keepServing = false

    @Option(help: "Give up waiting for the pipeline to drain after this many seconds.")
    var timeout: Int = 110

    @Option(help: "Risk configuration (thresholds, rules, scorecard or XGBoost model).")
    var riskConfig: String = RiskWiring.Paths.defaultRiskConfiguration

    @Option(help: "Directory for the demo's checkpoints and case store.")
    var workDirectory: String = ".vigil/demo"

    @Option(help: "Write the feature log (\(FeatureLogRow.topic), one JSON row per line) to this file, for `vigil train`. Without it the demo writes no feature log.")
    var featureLog: String?

    @Option(help: "Write the label events the simulator publishes (\(ContractTopicNames().labels), one JSON per line) to this file, for `vigil train`.")
    var labels: String?

    @Option(help: "Write every verdict (\(ContractTopicNames().verdicts), one JSON per line) to this file, e.g. for `vigil evaluate`.")
    var verdicts: String?

    @Flag(help: "Print the summary as JSON too (for scripts and CI).")
    var json = false

    func run() async throws {
        LoggingSetup.bootstrap()
        let logger = Logger(label: "vigil.demo")
        let latencies = TimerHistograms(labels: ["vigil_ingest_to_ack_seconds"])
        let registry = MetricsBootstrap.bootstrap(timerHistograms: latencies)
        guard let chosen = SimulationScenario.named(scenario, seed: seed) else {
            throw ValidationError("--scenario must be 'default', 'small' or 'random' (random needs --seed N), got '\(scenario)'")
        }
        let simulator = try MarketplaceSimulator(scenario: chosen)

        // 1. Kafka, embedded; the risk domain; the topology.
        try? FileManager.default.removeItem(atPath: workDirectory)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try await demo(on: cluster, simulator: simulator, scenario: chosen, logger: logger, registry: registry, latencies: latencies)
        // Every client of the demo is released by now: a client that outlives the cluster logs its
        // failed reconnection attempts as errors.
        cluster.shutdown()
    }

    /// Everything that talks to the cluster; its clients are released when this returns.
    private func demo(on cluster: EmbeddedKafkaCluster, simulator: MarketplaceSimulator, scenario chosen: SimulationScenario, logger: Logger,
                      registry: PrometheusCollectorRegistry, latencies: TimerHistograms) async throws {
        let (topologies, context) = try RiskWiring.makeRegistry(
            RiskWiring.Paths(riskConfig: riskConfig, brands: nil, cases: "\(workDirectory)/cases.sqlite", featureLog: featureLog != nil),
            logger: logger
        )
        let topology = try TopologyLoader(registry: topologies).load(file: VigilConfiguration.EngineSettings.defaultTopology)
        try cluster.createTopics(ContractTopics.specifications(for: topology, partitions: partitions))
        let kafka = cluster.clientConfiguration(clientID: "vigil-demo")
        // Copied while the demo runs: the embedded cluster trims what it holds.
        var exports: [String: String] = [:]
        if let featureLog { exports[FeatureLogRow.topic] = featureLog }
        if let labels { exports[ContractTopicNames().labels] = labels }
        if let verdicts { exports[ContractTopicNames().verdicts] = verdicts }
        let exporter = exports.isEmpty ? nil : try TopicExporter(configuration: cluster.consumerConfiguration(clientID: "demo-export"), targets: exports)

        // 2. The rights holders' registry goes to the compacted topic; the engine follows it.
        let producer = try KafkaProducer(configuration: kafka)
        for record in simulator.brandRecords {
            _ = try await producer.send(KafkaProducerMessage(topic: ContractTopicNames().brands, key: record.key, value: record.value))
        }
        let brandFollower = RiskWiring.followBrands(context, kafka: kafka, consumerProperties: EmbeddedKafkaCluster.consumerProperties, logger: logger)
        let brandDeadline = ContinuousClock.now.advanced(by: .seconds(10))
        while context.brands.count < simulator.brandRecords.count, ContinuousClock.now < brandDeadline { try await Task.sleep(for: .milliseconds(50)) }

        // 3. The marketplace's events, produced as fast as the broker takes them.
        print("Vigil demo: scenario '\(chosen.name)' (seed \(chosen.seed)), embedded Kafka at \(cluster.bootstrapServers)")
        let produced = DeliveryCounter()
        var eventCount = 0
        try simulator.generate { record in
            eventCount += 1
            try producer.send(KafkaProducerMessage(topic: record.topic, key: record.key, value: record.value)) { produced.record($0) }
        }
        for label in simulator.labels {  // outcomes established later (none for default and small)
            try producer.send(KafkaProducerMessage(topic: SimulatedLabel.topic, key: label.key, value: label.value)) { produced.record($0) }
        }
        try producer.flush(timeout: .seconds(120))
        producer.close()
        print("produced \(produced.delivered) marketplace events (\(brandFollowerStatus(context)) brands in the registry)")

        // 4. The demo's service group, which SIGINT and SIGTERM shut down gracefully: the admin
        //    endpoint with the console, and the run (the engine, the takedown consumer and the
        //    exporter in a group of their own, shut down gracefully once drained; the progress;
        //    the summary; with --keep-serving the wait for Ctrl-C). The admin endpoint shuts down
        //    after the run returns.
        let engine = try makeEngine(topology, kafka)
        let console = try makeConsole(context: context, cluster: cluster, logger: logger)
        console?.start(logger: logger)
        let adminServer = AdminServer(address: try AdminAddress(parsing: adminAddress), registry: registry, readiness: Readiness.of(engine),
                                      routes: console.map { [$0.console] } ?? [])
        let takedown = TakedownService(configuration: .init(kafka: cluster.consumerConfiguration(clientID: "takedown"), reportInterval: .seconds(3600)))
        let run = DemoRun(command: self, topology: topology, engine: engine, takedown: takedown, exporter: exporter, brandFollower: brandFollower,
                          context: context, cluster: cluster, kafka: kafka, simulator: simulator, latencies: latencies, adminServer: adminServer,
                          console: console?.console, eventCount: eventCount, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [
            .init(service: adminServer),
            .init(service: run, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        console?.stop()
    }

    /// The console on the demo's case store, its review labels going to the embedded cluster
    /// (token from VIGIL_ADMIN_TOKEN / VIGIL_ADMIN_TOKEN_FILE when the endpoint is not on loopback).
    private func makeConsole(context: RiskContext, cluster: EmbeddedKafkaCluster, logger: Logger) throws -> ConsoleWiring? {
        guard let cases = context.cases else { return nil }
        var admin = try ConfigurationLoader().load(file: nil).admin
        admin.address = try AdminAddress(parsing: adminAddress)
        guard admin.console else { return nil }
        return try ConsoleWiring(
            cases: cases, admin: admin, producer: cluster.clientConfiguration(clientID: "vigil-console"),
            consumer: cluster.consumerConfiguration(clientID: "vigil-console-recorder"),
            featureLogTopic: FeatureLogRow.topic, logger: Logger(label: "vigil.console"))
    }

    private func makeEngine(_ topology: Topology, _ kafka: KafkaConfiguration) throws -> StreamEngine {
        try StreamEngine(
            topology: topology,
            configuration: EngineConfiguration(kafka: kafka, groupID: topology.name, checkpointInterval: .seconds(2), assignment: .all),
            checkpoints: try CheckpointStore(path: "\(workDirectory)/state.sqlite"),
            logger: Logger(label: "vigil.engine")
        )
    }

    private func brandFollowerStatus(_ context: RiskContext) -> Int { context.brands.count }
}
