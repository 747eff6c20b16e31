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
            // Assigned directly (no group membership): the owner stamp of its commit names the
            // client, with no member id; a partition never committed has no owner.
            #expect(row.owner?.clientID == (committed[row.partition]! > 0 ? "lag-test-consumer" : nil))
            #expect(row.owner?.memberID ?? "" == "")
        }
        let table = report.render()
        #expect(table.contains("TOPIC"))
        #expect(table.contains("END-OFFSET"))
        #expect(table.contains("CLIENT-ID"))

        let monitor = LagMonitor(configuration: .init(group: group, topics: [topic], interval: .seconds(60)), source: admin)
        let polled = try #require(await monitor.pollOnce())
        #expect(polled.rows.map(\.lag) == report.rows.map(\.lag))

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
        #expect(lines[1].split(separator: " ") == ["TOPIC", "PARTITION", "COMMITTED", "END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"])
        #expect(lines[2].split(separator: " ") == ["a", "0", "90", "100", "10", "-", "-", "-"])
        #expect(lines[3].split(separator: " ") == ["b", "1", "-", "5", "5", "-", "-", "-"])
    }

    @Test("two group members holding partitions on the embedded cluster are named as their owners (member, host, client id)")
    func ownersOfAGroupsPartitions() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = "lag.owners.\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(topic, partitions: 4)
        let group = "lag-owners-\(UInt32.random(in: 0...UInt32.max))"
        let a = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "owner-a"), groupID: group)
        let b = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "owner-b"), groupID: group)
        try a.subscribe(topics: [topic])
        try b.subscribe(topics: [topic])
        // Both members poll (and so take part in the rebalance) until each holds partitions.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, a.assignedPartitions.isEmpty || b.assignedPartitions.isEmpty
            || a.assignedPartitions.count + b.assignedPartitions.count != 4 {
            _ = a.poll(maxMessages: 10, timeout: .milliseconds(50))
            _ = b.poll(maxMessages: 10, timeout: .milliseconds(50))
        }
        try #require(!a.assignedPartitions.isEmpty && !b.assignedPartitions.isEmpty, "both members hold partitions")
        // Each member commits the partitions it holds, as the engine does after processing (the
        // embedded coordinator refuses commits while a rebalance is still settling: retry).
        var committed = false
        while !committed, ContinuousClock.now < deadline {
            do {
                for consumer in [a, b] { try consumer.commit(Dictionary(uniqueKeysWithValues: consumer.assignedPartitions.map { ($0, Int64(0)) })) }
                committed = true
            } catch {
                _ = a.poll(maxMessages: 10, timeout: .milliseconds(50))
                _ = b.poll(maxMessages: 10, timeout: .milliseconds(50))
            }
        }
        try #require(committed, "both members committed their partitions")

        let admin = try KafkaAdmin(configuration: cluster.clientConfiguration(clientID: "lag-owners-admin"))
        // The embedded cluster refuses DescribeConsumerGroups; that is what sends partitionOwners to the commit stamps.
        let refusal = #expect(throws: KafkaError.self) { try admin.describeGroupMembers(group: group, timeout: .seconds(10)) }
        #expect(refusal?.codeName == "_UNSUPPORTED_FEATURE")
        let report = try LagReport(group: group, topics: [topic], source: admin)
        #expect(report.rows.count == 4)
        for row in report.rows {
            let partition = KafkaTopicPartition(topic: row.topic, partition: row.partition)
            let holder = a.assignedPartitions.contains(partition) ? a : b
            let owner = try #require(row.owner, "partition \(row.partition) has an owner")
            #expect(owner.clientID == holder.clientID)
            #expect(owner.memberID == holder.memberID)
            #expect(!owner.memberID.isEmpty)
            #expect(owner.host == ProcessInfo.processInfo.hostName)
            // librdkafka's embedded cluster cannot describe groups, so the stamp of the last commit tells.
            #expect(owner.source == .lastCommit)
        }
        let table = report.render()
        #expect(table.contains("owner-a") && table.contains("owner-b"))
        #expect(table.contains("committed the partition last"))
        a.close()
        b.close()
    }
}
