import CRdKafka

/// Settings for a Kafka client: a few typed common settings plus a pass-through of
/// any librdkafka property (see librdkafka's `CONFIGURATION.md`), SASL and SSL included.
///
/// The configuration is a value: copy it, change it, hand it to a ``KafkaProducer``,
/// ``KafkaConsumer`` or ``KafkaAdmin``. It is validated by librdkafka when the client
/// is constructed, so a misspelt property or a bad value fails there, not at first use.
///
/// Secrets (any property whose name mentions a password, secret, key or token) are never
/// printed: ``description`` shows them as `******`.
public struct KafkaConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// Comma-separated `host:port` list of bootstrap brokers (`bootstrap.servers`).
    /// Default: ``defaultBootstrapServers``.
    public var bootstrapServers: String
    /// The client id reported to brokers (`client.id`). Default: ``defaultClientID``.
    public var clientID: String
    /// Any further librdkafka properties, applied after the typed settings, so they win.
    /// Keys are librdkafka property names such as `security.protocol` or `linger.ms`.
    public var properties: [String: String]

    /// The brokers a client uses when none are configured: `localhost:9092`, a broker on this
    /// machine (e.g. one started by `vigil broker`). The one place this default is written.
    public static let defaultBootstrapServers = "localhost:9092"

    /// The client id of a client that names none: `vigil`. The one place this default is written.
    public static let defaultClientID = "vigil"

    /// Creates a configuration.
    /// - Parameters:
    ///   - bootstrapServers: `host:port` list of brokers. Default ``defaultBootstrapServers``.
    ///   - clientID: The client id reported to brokers. Default ``defaultClientID``.
    ///   - properties: Additional librdkafka properties, which override the typed settings.
    public init(bootstrapServers: String = KafkaConfiguration.defaultBootstrapServers, clientID: String = KafkaConfiguration.defaultClientID, properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.properties = properties
    }

    /// Returns a copy with one more librdkafka property set.
    public func with(_ key: String, _ value: String) -> KafkaConfiguration {
        var copy = self
        copy.properties[key] = value
        return copy
    }

    /// All properties as librdkafka will see them, in a stable order (typed settings first).
    public var resolvedProperties: [(key: String, value: String)] {
        var result: [(String, String)] = [("bootstrap.servers", bootstrapServers), ("client.id", clientID)]
        for key in properties.keys.sorted() {
            if key == "bootstrap.servers" || key == "client.id" {
                result.removeAll { $0.0 == key }
            }
            result.append((key, properties[key]!))
        }
        return result
    }

    /// Whether a property holds a secret that must never be logged.
    public static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "secret", "token", "key.pem", "keystore", "oauthbearer.config", "private", "sasl.jaas"]
            .contains { lowered.contains($0) }
    }

    /// The properties with secret values masked, safe for logs.
    public var description: String {
        resolvedProperties
            .map { "\($0.key)=\(Self.isSecret($0.key) ? "******" : $0.value)" }
            .joined(separator: ", ")
    }

    /// Builds a librdkafka configuration object, failing on the first unknown property or bad value
    /// with librdkafka's own message. The caller owns the returned object.
    func makeNativeConfiguration(defaults: [String: String] = [:]) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(.configuration, message: "rd_kafka_conf_new returned NULL (out of memory)")
        }
        var all: [(key: String, value: String)] = defaults.keys.sorted().compactMap { key in
            properties[key] == nil ? (key, defaults[key]!) : nil
        }
        all.append(contentsOf: resolvedProperties)
        for (key, value) in all {
            var errstr = [CChar](repeating: 0, count: 512)
            let result = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let shown = Self.isSecret(key) ? "******" : value
                let reason = String(errorBuffer: errstr)
                throw KafkaError(
                    .configuration,
                    message: "property '\(key)' = '\(shown)' was rejected by librdkafka: \(reason). "
                        + "Check the name and allowed values in librdkafka's CONFIGURATION.md."
                )
            }
        }
        return conf
    }
}
