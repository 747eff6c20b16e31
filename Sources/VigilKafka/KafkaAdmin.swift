import CRdKafka
import Logging
import Synchronization

/// What a topic to create looks like.
public struct KafkaTopicSpecification: Sendable, Equatable {
    /// Topic name.
    public var name: String
    /// Number of partitions. Default 16.
    public var partitions: Int32
    /// Replicas per partition. Default 1.
    public var replicationFactor: Int32
    /// Topic configuration such as `cleanup.policy=compact`.
    public var config: [String: String]

    /// Creates a topic specification.
    public init(name: String, partitions: Int32 = 16, replicationFactor: Int32 = 1, config: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
    }
}

/// A topic as the cluster's metadata describes it.
public struct KafkaTopicMetadata: Sendable, Equatable {
    /// Topic name.
    public var name: String
    /// Number of partitions.
    public var partitionCount: Int
}

/// Consumer lag of one partition for one group.
public struct KafkaPartitionLag: Sendable, Equatable {
    /// The partition.
    public var partition: KafkaTopicPartition
    /// The group's committed position, or `nil` if it never committed.
    public var committed: Int64?
    /// The partition's end offset (high watermark).
    public var endOffset: Int64
    /// The low watermark (earliest stored offset).
    public var startOffset: Int64
    /// Records not yet committed: `endOffset - committed`, or `endOffset - startOffset` when nothing is committed.
    public var lag: Int64 { endOffset - max(committed ?? startOffset, startOffset) }
}

/// Administrative operations: create and list topics, read watermarks, committed offsets and lag.
///
/// Every call blocks the calling thread until the cluster answers or the timeout passes.
public final class KafkaAdmin: Sendable {
    let client: KafkaClient
    private let configuration: KafkaConfiguration
    let logger: Logger
    private let offsetReaders = Mutex<[String: KafkaClient]>([:])

    /// Creates an admin client, validating the configuration now.
    public init(configuration: KafkaConfiguration, logger: Logger = Logger(label: "vigil.kafka.admin")) throws {
        let conf = try configuration.makeNativeConfiguration()
        self.client = try KafkaClient(type: RD_KAFKA_PRODUCER, conf: conf, logger: logger)
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        offsetReaders.withLock { readers in readers.values.forEach { $0.destroy() } }
        client.destroy()
    }

    /// Creates topics; topics that already exist are left as they are.
    /// - Throws: the first per-topic failure, with the broker's reason.
    public func createTopics(_ topics: [KafkaTopicSpecification], timeout: Duration = .seconds(30)) throws {
        guard !topics.isEmpty else { return }
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
        for topic in topics {
            var errstr = [CChar](repeating: 0, count: 512)
            guard let newTopic = rd_kafka_NewTopic_new(topic.name, topic.partitions, topic.replicationFactor, &errstr, errstr.count) else {
                throw KafkaError(.admin, message: "topic '\(topic.name)' is invalid: \(String(errorBuffer: errstr))")
            }
            newTopics.append(newTopic)
            for (key, value) in topic.config.sorted(by: { $0.key < $1.key }) {
                let err = rd_kafka_NewTopic_set_config(newTopic, key, value)
                guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    throw KafkaError(.admin, error: err, context: "config \(key)=\(value) of topic '\(topic.name)'")
                }
            }
        }
        let queue = rd_kafka_queue_new(client.handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, Int32(timeout.milliseconds), &errstr, errstr.count)
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(client.handle, buffer.baseAddress, buffer.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, Int32(timeout.milliseconds) + 1000) else {
            throw KafkaError(.timeout, message: "creating \(topics.count) topics got no answer within \(timeout); are the brokers reachable?")
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        if eventError != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(.admin, code: eventError.rawValue, message: "CreateTopics failed: \(String(cString: rd_kafka_event_error_string(event)))")
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else { return }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for index in 0..<count {
            let topicResult = results[index]
            let err = rd_kafka_topic_result_error(topicResult)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                let name = String(cString: rd_kafka_topic_result_name(topicResult))
                let reason = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) } ?? ""
                throw KafkaError(.admin, code: err.rawValue, message: "creating topic '\(name)' failed: \(reason)")
            }
        }
    }

    /// Topics known to the cluster (internal topics such as `__consumer_offsets` excluded).
    public func listTopics(timeout: Duration = .seconds(10)) throws -> [KafkaTopicMetadata] {
        try clusterTopics(client: client, timeout: timeout)
    }

    /// Number of partitions of one topic.
    /// - Throws: if the topic does not exist.
    public func partitionCount(of topic: String, timeout: Duration = .seconds(10)) throws -> Int {
        guard let found = try listTopics(timeout: timeout).first(where: { $0.name == topic }) else {
            throw KafkaError(.admin, message: "topic '\(topic)' does not exist; create it first (vigil broker creates the contract's topics)")
        }
        return found.partitionCount
    }

    /// Low and high watermarks of a partition.
    public func watermarks(_ partition: KafkaTopicPartition, timeout: Duration = .seconds(10)) throws -> KafkaWatermarks {
        try queryWatermarks(client: client, partition: partition, timeout: timeout)
    }

    /// The group's committed positions (`kafkaOffsetInvalid` where none) for partitions.
    public func committedOffsets(group: String, partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) throws -> [KafkaTopicPartition: Int64] {
        let reader = try offsetReader(group: group)
        return try committedPositions(client: reader, partitions: partitions, timeout: timeout)
    }

    /// Lag of a group on every partition of the given topics, sorted by topic and partition.
    public func lag(group: String, topics: [String], timeout: Duration = .seconds(10)) throws -> [KafkaPartitionLag] {
        var partitions: [KafkaTopicPartition] = []
        for topic in topics {
            let count = try partitionCount(of: topic, timeout: timeout)
            partitions += (0..<Int32(count)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        }
        let committed = try committedOffsets(group: group, partitions: partitions, timeout: timeout)
        return try partitions.map { tp in
            let marks = try watermarks(tp, timeout: timeout)
            let position = committed[tp].flatMap { $0 >= 0 ? $0 : nil }
            return KafkaPartitionLag(partition: tp, committed: position, endOffset: marks.high, startOffset: marks.low)
        }
    }

    /// A consumer handle that never subscribes, used only to read a group's committed offsets.
    func offsetReader(group: String) throws -> KafkaClient {
        if let existing = offsetReaders.withLock({ $0[group] }) { return existing }
        let conf = try configuration.with("group.id", group).with("enable.auto.commit", "false").makeNativeConfiguration()
        let reader = try KafkaClient(type: RD_KAFKA_CONSUMER, conf: conf, logger: logger)
        offsetReaders.withLock { $0[group] = reader }
        return reader
    }
}
