import Foundation
import Testing
@testable import VigilKafka

@Suite("Kafka: records deleted by retention before they are read", .serialized)
struct KafkaRetentionLossTests {
    @Test("a consumer whose position was trimmed away counts the loss (outOfRangeResets) and resumes at the log start")
    func positionTrimmedByRetention() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let topic = uniqueName("trimmed")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "trim-producer"))
        let tally = DeliveryTally()
        // The embedded cluster keeps about 5 MiB per partition: 8 MiB pushes the oldest records out.
        let value = [UInt8](repeating: 0x61, count: 8 * 1024)
        for index in 0..<1024 {
            try producer.send(KafkaProducerMessage(topic: topic, key: "k", value: value, headers: [KafkaHeader(key: "seq", string: String(index))])) { tally.record($0) }
            if index % 64 == 63 { try producer.flush(timeout: .seconds(30)) }
        }
        try producer.flush(timeout: .seconds(30))
        producer.close()
        #expect(tally.delivered == 1024)

        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "trim-consumer"), groupID: uniqueName("trim"))
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        #expect(consumer.outOfRangeResets == 0)
        try consumer.assign([partition], startOffsets: [partition: 0])
        let received = pollUntil(consumer, timeout: .seconds(30)) { $0.last.flatMap { Int($0.header("seq")?.stringValue ?? "") } == 1023 }
        consumer.close()
        let first = try #require(received.first)
        #expect(first.offset > 0, "offset 0 was trimmed, so reading resumed later")
        #expect(received.count < 1024)
        #expect(consumer.outOfRangeResets >= 1, "the skipped records were counted as lost")
    }

    @Test("a consumer that keeps up counts no loss")
    func noLossWhenKeepingUp() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let topic = uniqueName("kept")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "kept-producer"))
        for index in 0..<200 { try producer.send(KafkaProducerMessage(topic: topic, key: "k", value: Array("v\(index)".utf8))) { _ in } }
        try producer.flush(timeout: .seconds(30))
        producer.close()
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "kept-consumer"), groupID: uniqueName("kept"))
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try consumer.assign([partition], startOffsets: [partition: 0])
        let received = pollUntil(consumer, timeout: .seconds(30)) { $0.count >= 200 }
        consumer.close()
        #expect(received.count == 200)
        #expect(consumer.outOfRangeResets == 0)
    }
}
