import Synchronization
import Testing
import VigilKafka

@Suite("Producer topic preparation")
struct ProducerPreparationTests {
    @Test("preparing topics the cluster has reports none unknown, and records sent afterwards are delivered to their partitions")
    func preparesKnownTopics() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("verdicts", partitions: 4)
        try cluster.createTopic("leads", partitions: 2)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        defer { producer.close() }
        #expect(try producer.prepare(topics: ["verdicts", "leads", "verdicts"]).isEmpty)
        let report = try waitForDelivery(producer, KafkaProducerMessage(topic: "verdicts", partition: 3, key: Array("m1".utf8), value: Array("v".utf8)))
        #expect(report.error == nil)
        #expect(report.partition == 3)
    }
}

private func waitForDelivery(_ producer: KafkaProducer, _ message: KafkaProducerMessage) throws -> KafkaDeliveryReport {
    let reports = Mutex<[KafkaDeliveryReport]>([])
    try producer.send(message) { report in reports.withLock { $0.append(report) } }
    try producer.flush(timeout: .seconds(10))
    return try #require(reports.withLock { $0.first })
}
