import Foundation
import Testing
@testable import VigilKafka

@Suite("Kafka through the embedded cluster", .serialized)
struct KafkaRoundTripTests {
    @Test("100,000 keyed messages with headers round-trip through 3 brokers in order, none lost or duplicated")
    func roundTrip() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        let topic = "roundtrip"
        try cluster.createTopic(topic, partitions: 8, replicationFactor: 3)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "rt-producer"))
        let tally = DeliveryTally()
        let total = 100_000
        for index in 0..<total {
            let key = "merchant-\(index % 500)"
            let message = KafkaProducerMessage(
                topic: topic, key: key, value: Array("payload-\(index)".utf8),
                headers: [KafkaHeader(key: "seq", string: String(index)), KafkaHeader(key: "source", string: "test"), KafkaHeader(key: "nullable", value: nil)]
            )
            try producer.send(message) { tally.record($0) }
        }
        try producer.flush(timeout: .seconds(60))
        #expect(tally.delivered == total)
        #expect(tally.failures.isEmpty)

        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "rt-consumer"), groupID: uniqueName("rt"))
        try consumer.subscribe(topics: [topic])
        let received = pollUntil(consumer, timeout: .seconds(60)) { $0.count >= total }
        consumer.close()

        #expect(received.count == total)
        var seen = Set<Int>()
        var lastSequencePerKey: [String: Int] = [:]
        var partitionOfKey: [String: Int32] = [:]
        var lastOffsetPerPartition: [Int32: Int64] = [:]
        for message in received {
            let key = try #require(message.keyString)
            let sequence = try #require(Int(message.header("seq")?.stringValue ?? ""))
            #expect(message.value == Array("payload-\(sequence)".utf8))
            #expect(key == "merchant-\(sequence % 500)")
            #expect(message.header("source")?.stringValue == "test")
            #expect(message.headers.count == 3)
            #expect(message.header("nullable") != nil && message.header("nullable")?.value == nil)
            #expect(seen.insert(sequence).inserted, "sequence \(sequence) received twice")
            if let last = lastSequencePerKey[key] { #expect(last < sequence, "per-key order broken for \(key)") }
            lastSequencePerKey[key] = sequence
            if let partition = partitionOfKey[key] { #expect(partition == message.partition) }
            partitionOfKey[key] = message.partition
            if let lastOffset = lastOffsetPerPartition[message.partition] { #expect(lastOffset < message.offset) }
            lastOffsetPerPartition[message.partition] = message.offset
        }
        #expect(seen.count == total)
        #expect(Set(partitionOfKey.values).count > 1, "keys should spread over partitions")
        producer.close()
    }

    @Test("a broker set down mid-stream and brought back: every message is still acknowledged")
    func brokerOutage() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        let topic = "outage"
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "outage-producer", properties: ["message.timeout.ms": "60000"]))
        let tally = DeliveryTally()
        let total = 20_000
        for index in 0..<total {
            if index == total / 4 { try cluster.setBrokerDown(1) }
            if index == total / 2 {
                Thread.sleep(forTimeInterval: 1.0)
                try cluster.setBrokerUp(1)
            }
            try producer.send(KafkaProducerMessage(topic: topic, key: "k\(index % 97)", value: Array("v\(index)".utf8))) { tally.record($0) }
        }
        try producer.flush(timeout: .seconds(60))
        #expect(tally.delivered == total)
        #expect(tally.failures.isEmpty)

        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: uniqueName("outage"))
        try consumer.subscribe(topics: [topic])
        let received = pollUntil(consumer, timeout: .seconds(60)) { $0.count >= total }
        consumer.close()
        let values = Set(received.compactMap { $0.value.map { String(decoding: $0, as: UTF8.self) } })
        #expect(values.count == total, "idempotent producer: no loss and no duplicates")
        #expect(received.count == total)
        producer.close()
    }

    @Test("async send reports where the record landed")
    func asyncSend() async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("async", partitions: 2)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let report = try await producer.send(KafkaProducerMessage(topic: "async", partition: 1, key: "k", value: [1, 2, 3]))
        #expect(report.partition == 1)
        #expect(report.offset == 0)
        let second = try await producer.send(KafkaProducerMessage(topic: "async", partition: 1, key: "k", value: [4]))
        #expect(second.offset == 1)
        producer.close()
    }
}
