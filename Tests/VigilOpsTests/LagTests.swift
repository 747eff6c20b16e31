import Foundation
import Logging
import Testing
@testable import VigilKafka
@testable import VigilOps

@Suite("Lag")
struct LagTests {
    @Test func reportAndGaugeShowProducedMinusCommitted() async throws {
        let registry = MetricsBootstrap.bootstrap()
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = "lag.test.\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(topic, partitions: 2)
        let produced: [Int32: Int64] = [0: 10, 1: 7]
        let committed: [Int32: Int64] = [0: 4, 1: 0]

        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "lag-test-producer"))
        for (partition, count) in produced {
            for index in 0..<count {
                _ = try await producer.send(KafkaProducerMessage(topic: topic, partition: partition, key: "k\(index)", value: Array("v\(index)".utf8)))
            }
        }
        producer.close()

        let group = "lag-test-group"
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "lag-test-consumer"), groupID: group)
        let partitions = produced.keys.sorted().map { KafkaTopicPartition(topic: topic, partition: $0) }
        try consumer.assign(partitions, startOffsets: Dictionary(uniqueKeysWithValues: partitions.map { ($0, 0) }))
        var consumed: [Int32: Int64] = [:]
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while consumed.values.reduce(0, +) < produced.values.reduce(0, +), ContinuousClock.now < deadline {
            for message in consumer.poll(maxMessages: 100, timeout: .milliseconds(100)) { consumed[message.partition, default: 0] += 1 }
        }
        #expect(consumed == produced)
        try consumer.commit(Dictionary(uniqueKeysWithValues: committed.filter { $0.value > 0 }.map { (KafkaTopicPartition(topic: topic, partition: $0.key), $0.value) }))
        consumer.close()

        let admin = try KafkaAdmin(configuration: cluster.clientConfiguration(clientID: "lag-test-admin"))
        let report = try LagReport(group: group, topics: [topic], source: admin)
        #expect(report.rows.map(\.partition) == [0, 1])
        for row in report.rows {
            #expect(row.lag == produced[row.partition]! - committed[row.partition]!)
            #expect(row.endOffset == produced[row.partition]!)
            #expect(row.committed == (committed[row.partition]! > 0 ? committed[row.partition]! : nil))
            #expect(row.owner == "-")
        }
        let table = report.render()
        #expect(table.contains("TOPIC"))
        #expect(table.contains("END-OFFSET"))
        #expect(table.contains("OWNER"))

        let monitor = LagMonitor(configuration: .init(group: group, topics: [topic], interval: .seconds(60)), source: admin)
        let polled = try #require(await monitor.pollOnce())
        #expect(polled == report)

        try await AdminServerTests.withServer { port in
            let exposition = try PrometheusExposition(try await HTTP.get(port, "/metrics").body)
            #expect(exposition.types["vigil_consumer_lag"] == "gauge")
            for (partition, count) in produced {
                #expect(exposition.value("vigil_consumer_lag", ["topic": topic, "partition": String(partition)]) == Double(count - committed[partition]!))
            }
        }
        _ = registry
    }

    @Test func reportRendersLikeConsumerGroupsDescribe() {
        let lags = [
            KafkaPartitionLag(partition: KafkaTopicPartition(topic: "b", partition: 1), committed: nil, endOffset: 5, startOffset: 0),
            KafkaPartitionLag(partition: KafkaTopicPartition(topic: "a", partition: 0), committed: 90, endOffset: 100, startOffset: 0),
        ]
        let report = LagReport(group: "vigil", lags: lags)
        #expect(report.totalLag == 15)
        let lines = report.render().split(separator: "\n").map(String.init)
        #expect(lines[0] == "GROUP vigil  TOTAL LAG 15")
        #expect(lines[1].split(separator: " ") == ["TOPIC", "PARTITION", "COMMITTED", "END-OFFSET", "LAG", "OWNER"])
        #expect(lines[2].split(separator: " ") == ["a", "0", "90", "100", "10", "-"])
        #expect(lines[3].split(separator: " ") == ["b", "1", "-", "5", "5", "-"])
    }
}
