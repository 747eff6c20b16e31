import Foundation
import VigilKafka

/// Reads every partition of a topic from its beginning (no consumer group membership) until no
/// record arrived for `idle`, for commands that take a topic's content as input (`vigil evaluate
/// --brokers`, `vigil train --brokers`).
enum TopicReplay {
    /// Calls `handle` with every record's value (records without a value are skipped) and returns how many records were read.
    /// - Throws: ``TopicMissing`` when the topic does not exist, or a Kafka error.
    static func read(topic: String, brokers: String, idle: Duration, clientID: String, _ handle: ([UInt8], KafkaConsumerMessage) -> Void) throws -> Int {
        let consumer = try KafkaConsumer(
            configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: clientID),
            groupID: "\(clientID)-\(UUID().uuidString)")
        defer { consumer.close() }
        guard let metadata = try consumer.topics().first(where: { $0.name == topic }) else {
            throw TopicMissing(topic: topic, brokers: brokers)
        }
        let partitions = (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        let beginning: Int64 = -2  // RD_KAFKA_OFFSET_BEGINNING
        try consumer.assign(partitions, startOffsets: Dictionary(uniqueKeysWithValues: partitions.map { ($0, beginning) }))
        let empty = try partitions.allSatisfy { let marks = try consumer.watermarks($0); return marks.high <= marks.low }
        let start = ContinuousClock.now
        var lastRecord = start
        var received = 0
        while !empty {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(200))
            let now = ContinuousClock.now
            if batch.isEmpty {
                // Before the first record, allow the fetch up to 10 s to start.
                if now - lastRecord >= idle, received > 0 || now - start >= .seconds(10) { break }
                continue
            }
            lastRecord = now
            for message in batch {
                received += 1
                if let value = message.value { handle(value, message) }
            }
        }
        return received
    }

    /// The topic is not on the brokers.
    struct TopicMissing: Error, CustomStringConvertible {
        let topic: String
        let brokers: String
        var description: String { "topic '\(topic)' does not exist at \(brokers); check the topic option and that the engine has written to it" }
    }
}
