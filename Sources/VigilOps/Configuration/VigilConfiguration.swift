import VigilKafka

/// Everything `vigil` needs to run, as one value.
///
/// Sources, later ones winning: built-in defaults (documented on each field), the YAML file
/// (`config/vigil.yml` documents every key), environment variables, command-line flags.
/// ``ConfigurationLoader`` merges and validates them; see its documentation for the environment
/// variable naming rule.
public struct VigilConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// Kafka connection (`kafka:`).
    public var kafka = KafkaSettings()
    /// Engine runtime (`engine:`).
    public var engine = EngineSettings()
    /// Admin HTTP endpoint (`admin:`).
    public var admin = AdminSettings()
    /// Logging (`logging:`).
    public var logging = LoggingSettings()
    /// Risk model inputs (`risk:`).
    public var risk = RiskSettings()
    /// Contract topic names (`topics:`).
    public var topics = ContractTopicNames()

    /// The built-in defaults.
    public init() {}

    /// A one-line summary safe for logs: secret Kafka properties are shown as `******`.
    public var description: String {
        let properties = kafka.properties.keys.sorted()
            .map { "\($0)=\(KafkaConfiguration.isSecret($0) ? "******" : kafka.properties[$0]!)" }
            .joined(separator: ",")
        return "kafka.brokers=\(kafka.brokers ?? "<embedded>") kafka.group=\(kafka.group ?? "<topology>") kafka.client_id=\(kafka.clientID) "
            + "kafka.properties={\(properties)} engine.topology=\(engine.topology) engine.lanes=\(engine.lanes) "
            + "engine.lane_capacity=\(engine.laneCapacity) engine.assignor=\(engine.assignor.rawValue) engine.checkpoint_path=\(engine.checkpointPath) "
            + "engine.checkpoint_interval=\(engine.checkpointInterval.map { "\($0)" } ?? "<topology>") admin.address=\(admin.address) "
            + "logging.level=\(logging.level) risk.config=\(risk.config ?? "-") risk.brands=\(risk.brands ?? "-") risk.feature_log=\(risk.featureLog)"
    }
}
