import CRdKafka
import Foundation
import Logging
import Synchronization

/// librdkafka's own in-process Kafka cluster, listening on loopback.
///
/// It speaks the real Kafka protocol (consumer groups, rebalances, committed offsets,
/// idempotent producers), so any Kafka client, including `kcat`, can connect to
/// ``bootstrapServers``. It exists for demos and tests; know its limits:
/// - It keeps only about 5 MiB or 100,000 message sets per partition in memory and trims
///   older data, so size partition counts so that each partition stays below that.
/// - It has no CreateTopics handler: create topics with ``createTopic(_:partitions:replicationFactor:)``.
/// - Data lives only as long as this object.
///
/// `@unchecked Sendable`: the only mutable state is librdkafka's, which is thread-safe.
public final class EmbeddedKafkaCluster: @unchecked Sendable {
    private let client: KafkaClient
    private let cluster: OpaquePointer
    private let stopped = RunFlag(true)
    /// Number of brokers; their ids are `1...brokerCount`.
    public let brokerCount: Int
    /// The `host:port,...` bootstrap list (librdkafka picks free loopback ports).
    public let bootstrapServers: String

    /// Starts a cluster of `brokers` brokers.
    public init(brokers: Int = 3, logger: Logger = Logger(label: "vigil.kafka.embedded")) throws {
        precondition(brokers >= 1, "an embedded cluster needs at least one broker")
        let conf = try KafkaConfiguration(bootstrapServers: "", clientID: "vigil-embedded-cluster", properties: ProcessInfo.processInfo.environment["VIGIL_EMBEDDED_DEBUG"].map { ["debug": $0] } ?? ["log_level": "3"]).makeNativeConfiguration()
        let client = try KafkaClient(type: RD_KAFKA_PRODUCER, conf: conf, logger: logger)
        guard let cluster = rd_kafka_mock_cluster_new(client.handle, Int32(brokers)) else {
            client.destroy()
            throw KafkaError(.embeddedCluster, message: "librdkafka could not start an embedded cluster of \(brokers) brokers (no free loopback ports?)")
        }
        self.client = client
        self.cluster = cluster
        self.brokerCount = brokers
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        Self.running.withLock { $0[bootstrapServers] = WeakCluster(cluster: self) }
        logger.info("embedded Kafka cluster with \(brokers) brokers at \(bootstrapServers)")
    }

    deinit { shutdown() }

    /// Consumer settings suited to the embedded cluster.
    ///
    /// Its group coordinator, unlike a real broker's, waits `session.timeout.ms - 1 s` for members
    /// to rejoin before finishing any rebalance after the first, so the 45 s default would stall
    /// every rebalance for 44 s. A 6 s session keeps rebalances near 5 s.
    public static let consumerProperties: [String: String] = [
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "500",
    ]

    /// A producer or admin configuration pointing at this cluster.
    public func clientConfiguration(clientID: String = KafkaConfiguration.defaultClientID, properties: [String: String] = [:]) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers, clientID: clientID, properties: properties)
    }

    /// A consumer configuration pointing at this cluster, with ``consumerProperties`` applied
    /// (explicit `properties` win).
    public func consumerConfiguration(clientID: String = KafkaConfiguration.defaultClientID, properties: [String: String] = [:]) -> KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: bootstrapServers, clientID: clientID, properties: Self.consumerProperties.merging(properties) { $1 })
    }

    /// Creates a topic (does nothing useful twice: the partition count of an existing topic stays).
    public func createTopic(_ name: String, partitions: Int32, replicationFactor: Int32 = 1) throws {
        let err = rd_kafka_mock_topic_create(cluster, name, partitions, min(replicationFactor, Int32(brokerCount)))
        try check(err, "creating topic '\(name)' with \(partitions) partitions")
    }

    /// Creates several topics.
    public func createTopics(_ topics: [KafkaTopicSpecification]) throws {
        for topic in topics { try createTopic(topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor) }
    }

    /// Takes a broker off the network: its connections close and it refuses new ones.
    public func setBrokerDown(_ brokerID: Int32) throws {
        try check(rd_kafka_mock_broker_set_down(cluster, brokerID), "setting broker \(brokerID) down")
    }

    /// Brings a broker set down with ``setBrokerDown(_:)`` back.
    public func setBrokerUp(_ brokerID: Int32) throws {
        try check(rd_kafka_mock_broker_set_up(cluster, brokerID), "setting broker \(brokerID) up")
    }

    /// Adds a round-trip delay to every response of a broker.
    public func setRoundTripTime(_ brokerID: Int32, milliseconds: Int32) throws {
        try check(rd_kafka_mock_broker_set_rtt(cluster, brokerID, milliseconds), "setting RTT of broker \(brokerID)")
    }

    /// Makes the next `errors.count` requests of a Kafka API (by protocol ApiKey, e.g. 0 = Produce,
    /// 1 = Fetch, 8 = OffsetCommit) fail with these librdkafka error codes, in order.
    public func failNextRequests(apiKey: Int16, errors: [Int32]) {
        var codes = errors.map { rd_kafka_resp_err_t(rawValue: $0) }
        rd_kafka_mock_push_request_errors_array(cluster, apiKey, codes.count, &codes)
    }

    /// Makes every request on a topic fail with an error code until cleared with code 0.
    public func setTopicError(_ topic: String, code: Int32) {
        rd_kafka_mock_topic_set_error(cluster, topic, rd_kafka_resp_err_t(rawValue: code))
    }

    /// Moves a partition's leadership to another broker.
    public func setPartitionLeader(_ partition: KafkaTopicPartition, brokerID: Int32) throws {
        try check(rd_kafka_mock_partition_set_leader(cluster, partition.topic, partition.partition, brokerID), "moving leader of \(partition)")
    }

    /// Stops the cluster; clients still connected see their brokers vanish. Safe to call twice.
    public func shutdown() {
        guard stopped.clear() else { return }
        _ = Self.running.withLock { $0.removeValue(forKey: bootstrapServers) }
        rd_kafka_mock_cluster_destroy(cluster)
        client.destroy()
    }

    /// The embedded clusters running in this process, by bootstrap list.
    private static let running = Mutex<[String: WeakCluster]>([:])

    /// The embedded cluster of this process that serves `bootstrapServers`, if any: topics are
    /// created through it, since it has no CreateTopics handler.
    public static func inProcess(servingBootstrap bootstrapServers: String) -> EmbeddedKafkaCluster? {
        running.withLock { $0[bootstrapServers]?.cluster }
    }

    private func check(_ err: rd_kafka_resp_err_t, _ action: String) throws {
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(.embeddedCluster, error: err, context: action) }
    }
}

/// A registry entry that does not keep its cluster alive.
private struct WeakCluster: @unchecked Sendable {
    weak var cluster: EmbeddedKafkaCluster?
}
