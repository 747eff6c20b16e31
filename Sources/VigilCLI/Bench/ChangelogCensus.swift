import Foundation
import VigilEngine
import VigilKafka

/// What changelog topics hold, read back from the brokers by a benchmark: every record of every
/// partition from its first stored offset to its end.
struct ChangelogCensus {
    /// One changelog topic.
    struct Topic {
        /// The topic, e.g. `vigil.merchants-changelog`.
        let name: String
        /// Its partitions.
        let partitions: Int
        /// Records stored (key states, tombstones and checkpoint markers).
        var records = 0
        /// Bytes of keys and values stored (headers and the brokers' framing not counted).
        var bytes = 0
        /// Checkpoint markers stored.
        var markers = 0
        /// Tombstones stored.
        var tombstones = 0
        /// Keys whose newest record holds a state (what a fully compacted topic would keep).
        var liveKeys = 0
        /// Bytes of keys and values of those newest records.
        var liveBytes = 0
        /// Bytes of keys and values in the fullest partition.
        var largestPartitionBytes = 0
        /// Partitions whose first stored offset is not 0 (the brokers deleted older records).
        var trimmedPartitions = 0
    }

    /// The topics, in the order asked for.
    let topics: [Topic]

    /// The topic named `name`, if it was read.
    func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }

    /// Reads every partition of `specifications` at `brokers` to its end as of now.
    /// - Throws: ``EngineProcess/Failure`` when a topic is missing or its partitions are not read
    ///   to their ends within `timeout`.
    static func read(brokers: String, topics specifications: [KafkaTopicSpecification], timeout: Duration = .seconds(120)) throws -> ChangelogCensus {
        let consumer = try KafkaConsumer(
            configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-bench-changelog", properties: ["enable.partition.eof": "false"]),
            groupID: "vigil-bench-changelog-\(UUID().uuidString)")
        defer { consumer.close() }
        let metadata = Dictionary(try consumer.topics().map { ($0.name, $0.partitionCount) }) { first, _ in first }
        var topics: [Topic] = []
        var ends: [KafkaTopicPartition: Int64] = [:]
        var starts: [KafkaTopicPartition: Int64] = [:]
        for specification in specifications {
            guard let count = metadata[specification.name] else {
                throw EngineProcess.Failure(description: "changelog topic \(specification.name) does not exist at \(brokers)")
            }
            var topic = Topic(name: specification.name, partitions: count)
            for partition in (0..<Int32(count)).map({ KafkaTopicPartition(topic: specification.name, partition: $0) }) {
                let marks = try consumer.watermarks(partition, timeout: .seconds(10))
                if marks.low > 0 { topic.trimmedPartitions += 1 }
                guard marks.high > marks.low else { continue }
                starts[partition] = marks.low
                ends[partition] = marks.high
            }
            topics.append(topic)
        }
        guard !starts.isEmpty else { return ChangelogCensus(topics: topics) }

        // Per partition: key → size of its newest record (nil for a tombstone).
        var newest: [KafkaTopicPartition: [String: Int?]] = [:]
        var partitionBytes: [KafkaTopicPartition: Int] = [:]
        let index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($0.element.name, $0.offset) })
        try consumer.assign(Array(starts.keys), startOffsets: starts)
        var remaining = Set(starts.keys)
        let deadline = ContinuousClock.now + timeout
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw EngineProcess.Failure(description: "changelog partitions \(remaining.sorted().prefix(5).map(\.description).joined(separator: ", ")) were not read to their ends within \(timeout)")
            }
            for message in consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100)) {
                let partition = message.topicPartition
                guard let end = ends[partition], message.offset < end, let at = index[partition.topic] else { continue }
                let size = (message.key?.count ?? 0) + (message.value?.count ?? 0)
                topics[at].records += 1
                topics[at].bytes += size
                partitionBytes[partition, default: 0] += size
                let key = message.keyString ?? ""
                if key == ChangelogMarker.key {
                    topics[at].markers += 1
                } else {
                    if message.value == nil { topics[at].tombstones += 1 }
                    newest[partition, default: [:]][key] = message.value == nil ? Int?.none : size
                }
                if message.offset + 1 >= end { remaining.remove(partition) }
            }
        }
        for at in topics.indices {
            let name = topics[at].name
            for (partition, keys) in newest where partition.topic == name {
                for case let size? in keys.values {
                    topics[at].liveKeys += 1
                    topics[at].liveBytes += size
                }
            }
            topics[at].largestPartitionBytes = partitionBytes.filter { $0.key.topic == name }.values.max() ?? 0
        }
        return ChangelogCensus(topics: topics)
    }
}
