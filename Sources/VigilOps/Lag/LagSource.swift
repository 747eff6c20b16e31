import Foundation
import VigilKafka

/// Where consumer lag comes from: the seam between ``LagMonitor`` / ``LagReport`` and Kafka.
/// Calls may block (they talk to brokers); callers run them off Swift's cooperative pool.
public protocol LagSource: Sendable {
    /// Lag of `group` on every partition of `topics`, sorted by topic and partition.
    func consumerLag(group: String, topics: [String]) throws -> [KafkaPartitionLag]
    /// The member owning each of `partitions` for `group`; partitions with no known owner are absent.
    func consumerOwners(group: String, partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartition: KafkaPartitionOwner]
}

extension KafkaAdmin: LagSource {
    /// ``KafkaAdmin/lag(group:topics:timeout:)`` with its default timeout.
    public func consumerLag(group: String, topics: [String]) throws -> [KafkaPartitionLag] {
        try lag(group: group, topics: topics)
    }

    /// ``KafkaAdmin/partitionOwners(group:partitions:timeout:)`` with its default timeout.
    public func consumerOwners(group: String, partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartition: KafkaPartitionOwner] {
        try partitionOwners(group: group, partitions: partitions)
    }
}
