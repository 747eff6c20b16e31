import ArgumentParser
import Foundation
import Logging
import VigilEngine
import VigilKafka
import VigilState

/// `vigil run`: the production entry point.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a topology against Kafka (the embedded cluster unless --brokers is given)."
    )

    @Option(help: "Topology file.")
    var topology: String = "topologies/counterfeit.yml"

    @Option(help: "Kafka bootstrap servers (host:port,...). Without it, an embedded cluster is started.")
    var brokers: String?

    @Option(help: "Consumer group (default: the topology's name).")
    var group: String?

    @Option(help: "Partition assignment: group (share partitions with other instances) or all (read every partition, no group membership).")
    var assignment: String = "group"

    @Option(help: "SQLite file for state checkpoints.")
    var state: String = ".vigil/state.sqlite"

    @Option(help: "Brand registry file (contract format); updated live from marketplace.brands.")
    var brands: String?

    @Option(help: "Risk configuration: thresholds, rules, scorecard or XGBoost model.")
    var risk: String = "config/risk.yml"

    @Option(help: "Case store (SQLite) for investigation leads.")
    var cases: String = ".vigil/cases.sqlite"

    @Option(help: "Lanes (overrides the topology; 0 = one per core).")
    var lanes: Int?

    @Option(help: "Partitions per topic when the embedded cluster creates them.")
    var partitions: Int32 = 16

    @Option(name: .customLong("kafka"), help: "A librdkafka property as key=value (repeatable), e.g. --kafka security.protocol=SASL_SSL.")
    var kafkaProperties: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "vigil.run")
        let (registry, riskContext) = try RiskWiring.makeRegistry(RiskWiring.Paths(riskConfig: risk, brands: brands, cases: cases), logger: logger)
        var loaded = try TopologyLoader(registry: registry).load(file: topology)
        if let lanes, lanes > 0 { loaded.laneCount = lanes }

        var cluster: EmbeddedKafkaCluster?
        let bootstrap: String
        var consumerProperties: [String: String] = [:]
        if let brokers {
            bootstrap = brokers
        } else {
            let embedded = try EmbeddedKafkaCluster(brokers: 1)
            try embedded.createTopics(RiskWiring.topicSpecifications(for: loaded, partitions: partitions))
            bootstrap = embedded.bootstrapServers
            consumerProperties = EmbeddedKafkaCluster.consumerProperties
            cluster = embedded
            logger.info("embedded Kafka cluster at \(bootstrap)")
        }
        try FileManager.default.createDirectory(atPath: (state as NSString).deletingLastPathComponent.isEmpty ? "." : (state as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try CheckpointStore(path: state)
        var properties: [String: String] = [:]
        for entry in kafkaProperties {
            guard let equals = entry.firstIndex(of: "=") else {
                throw ValidationError("--kafka '\(entry)' must look like key=value, e.g. --kafka linger.ms=10")
            }
            properties[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        let engine = try StreamEngine(
            topology: loaded,
            configuration: EngineConfiguration(kafka: KafkaConfiguration(bootstrapServers: bootstrap, clientID: "vigil-\(loaded.name)", properties: properties), groupID: group, assignment: try assignmentMode(), consumerProperties: consumerProperties),
            checkpoints: store,
            logger: logger
        )
        let brandFollower = RiskWiring.followBrands(riskContext, kafka: KafkaConfiguration(bootstrapServers: bootstrap, properties: properties), consumerProperties: consumerProperties, logger: logger)
        defer { brandFollower?.stop() }
        GracefulStop.install { engine.stop() }
        try engine.run()
        cluster?.shutdown()
    }
}

extension RunCommand {
    func assignmentMode() throws -> PartitionAssignment {
        guard let mode = PartitionAssignment(rawValue: assignment) else {
            throw ValidationError("--assignment must be 'group' or 'all', got '\(assignment)'")
        }
        return mode
    }
}

/// First SIGINT/SIGTERM: graceful stop. Second: exit at once (committed data is never lost,
/// uncommitted input is read again on restart).
enum GracefulStop {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers; `onFirst` runs once on the first signal.
    static func install(_ onFirst: @escaping @Sendable () -> Void) {
        let count = LockedBox(0)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                count.value += 1
                if count.value == 1 {
                    FileHandle.standardError.write(Data("vigil: stopping gracefully (signal again to exit at once)\n".utf8))
                    onFirst()
                } else {
                    FileHandle.standardError.write(Data("vigil: exiting at once\n".utf8))
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
