import CRdKafka
import Foundation

/// Helpers to move between librdkafka's `rd_kafka_topic_partition_list_t` and Swift values.
enum TopicPartitionList {
    /// Creates a native list; the caller must `rd_kafka_topic_partition_list_destroy` it.
    /// With `metadata`, every element carries it (offset-commit metadata; librdkafka frees it
    /// with the list).
    static func make(_ partitions: [KafkaTopicPartition], offsets: [KafkaTopicPartition: Int64] = [:], metadata: String? = nil) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(max(partitions.count, 1)))!
        for tp in partitions {
            let element = rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)!
            if let offset = offsets[tp] { element.pointee.offset = offset }
            if let metadata, let copy = strdup(metadata) {
                element.pointee.metadata = UnsafeMutableRawPointer(copy)
                element.pointee.metadata_size = strlen(copy)
            }
        }
        return list
    }

    /// The offset-commit metadata of every element that has some, as UTF-8 text.
    static func readMetadata(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [KafkaTopicPartition: String] {
        let count = Int(list.pointee.cnt)
        guard count > 0, let elements = list.pointee.elems else { return [:] }
        var result: [KafkaTopicPartition: String] = [:]
        for index in 0..<count {
            let element = elements[index]
            guard let bytes = element.metadata, element.metadata_size > 0 else { continue }
            let text = String(decoding: UnsafeRawBufferPointer(start: bytes, count: element.metadata_size), as: UTF8.self)
            result[KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)] = text
        }
        return result
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
