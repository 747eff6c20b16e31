import VigilKafka

extension VigilConfiguration {
    /// The `kafka:` section.
    public struct KafkaSettings: Sendable, Equatable {
        /// `brokers`: bootstrap servers `host:port,...`. Default `nil`: `vigil run` starts an
        /// embedded cluster, other commands use ``VigilKafka/KafkaConfiguration/defaultBootstrapServers``
        /// (`localhost:9092`).
        public var brokers: String?
        /// `group`: consumer group of the engine. Default `nil`: the topology's name.
        public var group: String?
        /// `client_id`: client id reported to brokers. Default `vigil`.
        public var clientID = KafkaConfiguration.defaultClientID
        /// `properties`: librdkafka properties passed through unchanged (SASL/SSL included).
        /// Default empty. Values holding secrets are never logged.
        public var properties: [String: String] = [:]

        /// The defaults.
        public init() {}

        /// A client configuration, with ``VigilKafka/KafkaConfiguration/defaultBootstrapServers``
        /// when ``brokers`` is unset.
        public func clientConfiguration(clientID: String? = nil) -> KafkaConfiguration {
            KafkaConfiguration(bootstrapServers: brokers ?? KafkaConfiguration.defaultBootstrapServers, clientID: clientID ?? self.clientID, properties: properties)
        }
    }
}
