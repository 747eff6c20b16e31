import Foundation
import Synchronization
import Testing
@testable import VigilKafka

@Suite("Consumer groups, commits and lag", .serialized)
struct KafkaGroupTests {
    @Test("two consumers split the partitions; when one closes the other takes all and resumes from committed offsets")
    func groupFailover() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        let topic = "group"
        let partitions: Int32 = 6
        try cluster.createTopic(topic, partitions: partitions, replicationFactor: 3)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let tally = DeliveryTally()
        let firstBatch = 6_000
        for index in 0..<firstBatch {
            try producer.send(KafkaProducerMessage(topic: topic, key: "k\(index % 60)", value: Array(String(index).utf8))) { tally.record($0) }
        }
        try producer.flush()
        #expect(tally.delivered == firstBatch)

        let group = uniqueName("failover")
        // Each consumer commits after every batch it processed, as the engine does. (The embedded
        // cluster's coordinator refuses commits while a rebalance is in progress, unlike a real
        // broker, so a commit in the revoke listener cannot be relied on there.)
        let listenerA = RecordingRebalanceListener()
        let listenerB = RecordingRebalanceListener()
        let a = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "a"), groupID: group, listener: listenerA)
        let b = try KafkaConsumer(configuration: cluster.consumerConfiguration(clientID: "b"), groupID: group, listener: listenerB)
        try a.subscribe(topics: [topic])
        try b.subscribe(topics: [topic])

        var received: [KafkaConsumerMessage] = []
        var uncommitted = 0
        func processBatch(_ consumer: KafkaConsumer) {
            let batch = consumer.poll(maxMessages: 1000, timeout: .milliseconds(50))
            guard !batch.isEmpty else { return }
            received += batch
            var positions: [KafkaTopicPartition: Int64] = [:]
            for m in batch { positions[m.topicPartition] = m.offset + 1 }
            do { try consumer.commit(positions) } catch { uncommitted += batch.count }
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, Set(received.compactMap(\.value)).count < firstBatch || a.assignedPartitions.isEmpty || b.assignedPartitions.isEmpty {
            processBatch(a)
            processBatch(b)
        }
        #expect(!a.assignedPartitions.isEmpty)
        #expect(!b.assignedPartitions.isEmpty)
        #expect(a.assignedPartitions.isDisjoint(with: b.assignedPartitions))
        #expect(a.assignedPartitions.count + b.assignedPartitions.count == Int(partitions))

        let partitionsOfA = a.assignedPartitions
        a.close()
        #expect(Set(listenerA.revoked.withLock { $0 }).isSuperset(of: partitionsOfA), "A was told before it gave its partitions up")

        // New records arrive after A left; B must end up owning every partition and read from A's commits.
        for index in firstBatch..<(firstBatch + 3_000) {
            try producer.send(KafkaProducerMessage(topic: topic, key: "k\(index % 60)", value: Array(String(index).utf8))) { tally.record($0) }
        }
        try producer.flush()
        let total = firstBatch + 3_000
        let failoverDeadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < failoverDeadline, Set(received.compactMap(\.value)).count < total || b.assignedPartitions.count < Int(partitions) {
            processBatch(b)
        }
        #expect(b.assignedPartitions.count == Int(partitions))
        #expect(Set(listenerB.assigned.withLock { $0 }).isSuperset(of: partitionsOfA))
        let values = received.compactMap { $0.value.map { Int(String(decoding: $0, as: UTF8.self))! } }
        #expect(Set(values) == Set(0..<total), "nothing lost across the failover")
        #expect(values.count - total <= uncommitted, "B resumed from the committed offsets: only records whose commit failed were read twice")
        b.close()
        producer.close()
    }

    @Test("lag from watermarks and committed offsets equals produced minus committed")
    func lag() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let topic = "lag"
        try cluster.createTopic(topic, partitions: 3)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        var produced: [Int32: Int64] = [:]
        for index in 0..<900 {
            let partition = Int32(index % 3)
            try producer.send(KafkaProducerMessage(topic: topic, partition: partition, key: "k", value: [UInt8(index % 256)])) { _ in }
            produced[partition, default: 0] += 1
        }
        try producer.flush()
        let group = uniqueName("lag")
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: group)
        let commits: [KafkaTopicPartition: Int64] = [
            KafkaTopicPartition(topic: topic, partition: 0): 100,
            KafkaTopicPartition(topic: topic, partition: 1): 250,
        ]
        try consumer.commit(commits)
        let admin = try KafkaAdmin(configuration: cluster.clientConfiguration())
        let lags = try admin.lag(group: group, topics: [topic])
        #expect(lags.count == 3)
        for entry in lags {
            let producedHere = produced[entry.partition.partition]!
            #expect(entry.endOffset == producedHere)
            let committed = commits[entry.partition] ?? 0
            #expect(entry.lag == producedHere - committed)
            #expect(entry.committed == commits[entry.partition])
        }
        #expect(try admin.listTopics().contains { $0.name == topic && $0.partitionCount == 3 })
        consumer.close()
        producer.close()
    }

    @Test("pause stops delivery from a partition until resume")
    func pauseResume() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("pause", partitions: 2)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: uniqueName("pause"))
        try consumer.subscribe(topics: ["pause"])
        _ = pollWhileWaiting([consumer], timeout: .seconds(30)) { consumer.assignedPartitions.count == 2 }
        let paused = KafkaTopicPartition(topic: "pause", partition: 0)
        try consumer.pause([paused])
        for index in 0..<200 {
            try producer.send(KafkaProducerMessage(topic: "pause", partition: Int32(index % 2), key: "p", value: [UInt8(index)])) { _ in }
        }
        try producer.flush()
        let whilePaused = pollUntil(consumer, timeout: .seconds(3)) { _ in false }
        #expect(whilePaused.count == 100)
        #expect(whilePaused.allSatisfy { $0.partition == 1 })
        try consumer.resume([paused])
        let afterResume = pollUntil(consumer, timeout: .seconds(20)) { $0.count >= 100 }
        #expect(afterResume.count == 100)
        #expect(afterResume.allSatisfy { $0.partition == 0 })
        consumer.close()
        producer.close()
    }
}
