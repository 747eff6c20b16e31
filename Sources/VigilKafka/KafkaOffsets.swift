import CRdKafka

/// The low and high watermark offsets of a partition.
public struct KafkaWatermarks: Sendable, Equatable {
    /// The earliest offset still stored.
    public var low: Int64
    /// The offset the next record will get (the "end offset").
    public var high: Int64

    /// Creates watermarks.
    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
}

/// Offset sentinel librdkafka uses for "no committed offset" (`RD_KAFKA_OFFSET_INVALID`).
public let kafkaOffsetInvalid: Int64 = -1001

/// Asks the partition leader for watermarks.
func queryWatermarks(client: KafkaClient, partition: KafkaTopicPartition, timeout: Duration) throws -> KafkaWatermarks {
    var low: Int64 = 0
    var high: Int64 = 0
    let err = rd_kafka_query_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high, Int32(timeout.milliseconds))
    guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
        throw KafkaError(.admin, error: err, context: "watermarks of \(partition)")
    }
    return KafkaWatermarks(low: low, high: high)
}

/// Asks the group coordinator for committed positions (`kafkaOffsetInvalid` when none).
func committedPositions(client: KafkaClient, partitions: [KafkaTopicPartition], timeout: Duration) throws -> [KafkaTopicPartition: Int64] {
    try readCommitted(client: client, partitions: partitions, timeout: timeout) { list in
        var result: [KafkaTopicPartition: Int64] = [:]
        for element in TopicPartitionList.read(list) {
            result[element.partition] = element.offset
        }
        return result
    }
}

/// Asks the group coordinator for committed positions and reads the owner stamps
/// (``KafkaPartitionOwner/commitStamp``) in their metadata; partitions without a stamp are absent.
func committedOwners(client: KafkaClient, partitions: [KafkaTopicPartition], timeout: Duration) throws -> [KafkaTopicPartition: KafkaPartitionOwner] {
    try readCommitted(client: client, partitions: partitions, timeout: timeout) { list in
        TopicPartitionList.readMetadata(list).compactMapValues { KafkaPartitionOwner(commitStamp: $0) }
    }
}

/// Asks the group coordinator for the committed offsets of `partitions` and reads the answer
/// with `read`; no partitions ask nothing and read as empty.
private func readCommitted<Value: ExpressibleByDictionaryLiteral>(client: KafkaClient, partitions: [KafkaTopicPartition], timeout: Duration,
                                                                   read: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> Value) throws -> Value {
    guard !partitions.isEmpty else { return [:] }
    let list = TopicPartitionList.make(partitions)
    defer { rd_kafka_topic_partition_list_destroy(list) }
    let err = rd_kafka_committed(client.handle, list, Int32(timeout.milliseconds))
    guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
        throw KafkaError(.admin, error: err, context: "committed offsets of \(partitions.count) partitions")
    }
    return read(list)
}

/// Topics known to the cluster, read with any client handle (internal `__` topics excluded).
func clusterTopics(client: KafkaClient, timeout: Duration) throws -> [KafkaTopicMetadata] {
    var metadata: UnsafePointer<rd_kafka_metadata>?
    let err = rd_kafka_metadata(client.handle, 1, nil, &metadata, Int32(timeout.milliseconds))
    guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
        throw KafkaError(.admin, error: err, context: "reading cluster metadata")
    }
    defer { rd_kafka_metadata_destroy(metadata) }
    var topics: [KafkaTopicMetadata] = []
    for index in 0..<Int(metadata.pointee.topic_cnt) {
        let topic = metadata.pointee.topics[index]
        let name = String(cString: topic.topic)
        guard !name.hasPrefix("__"), topic.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
        topics.append(KafkaTopicMetadata(name: name, partitionCount: Int(topic.partition_cnt)))
    }
    return topics.sorted { $0.name < $1.name }
}
