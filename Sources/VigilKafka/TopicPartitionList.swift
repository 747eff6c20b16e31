import CRdKafka

/// Helpers to move between librdkafka's `rd_kafka_topic_partition_list_t` and Swift values.
enum TopicPartitionList {
    /// Creates a native list; the caller must `rd_kafka_topic_partition_list_destroy` it.
    static func make(_ partitions: [KafkaTopicPartition], offsets: [KafkaTopicPartition: Int64] = [:]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(max(partitions.count, 1)))!
        for tp in partitions {
            let element = rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)!
            if let offset = offsets[tp] { element.pointee.offset = offset }
        }
        return list
    }

    /// Reads every element of a native list.
    static func read(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [(partition: KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elements = list.pointee.elems else { return [] }
        return (0..<count).map { index in
            let element = elements[index]
            return (KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition), element.offset, element.err)
        }
    }
}
