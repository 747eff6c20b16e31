import Foundation
import Testing
import VigilKafka

/// The transactional producer against the embedded cluster (librdkafka's transaction coordinator).
@Suite("Kafka transactions", .serialized)
struct KafkaTransactionTests {
    private func readCommitted(_ topic: String, cluster: EmbeddedKafkaCluster, partitions: Int32, seconds: Double = 3) throws -> [String] {
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(properties: ["isolation.level": "read_committed"]), groupID: "reader-\(UUID().uuidString)")
        defer { consumer.close() }
        try consumer.assign((0..<partitions).map { KafkaTopicPartition(topic: topic, partition: $0) }, startOffsets: Dictionary(uniqueKeysWithValues: (0..<partitions).map { (KafkaTopicPartition(topic: topic, partition: $0), Int64(0)) }))
        var values: [String] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            values += consumer.poll(timeout: .milliseconds(100)).map { String(decoding: $0.value ?? [], as: UTF8.self) }
        }
        return values
    }

    private func send(_ producer: KafkaProducer, _ topic: String, _ values: [String]) throws {
        for value in values { try producer.send(KafkaProducerMessage(topic: topic, partition: 0, key: "k", value: Array(value.utf8))) { _ in } }
    }

    /// What librdkafka 2.0.2's embedded cluster lacks (src/rdkafka_mock_handlers.c at v2.0.2).
    enum EmbeddedClusterGap {
        static let endTxn = "the embedded cluster's EndTxn handler (rd_kafka_mock_handle_EndTxn) only checks the producer id: it writes no COMMIT/ABORT control records, so records of an aborted transaction that reached the broker are delivered to read_committed consumers"
        static let txnOffsetCommit = "the embedded cluster's TxnOffsetCommit handler (rd_kafka_mock_handle_TxnOffsetCommit) answers without storing the offsets, so rd_kafka_send_offsets_to_transaction() commits nothing"
        static let fencing = "the embedded cluster's InitProducerId handler (rd_kafka_mock_handle_InitProducerId) hands out a new producer id on every call and never bumps the epoch of the transactional id's previous one, so an older producer with the same transactional.id is not fenced"
    }

    @Test("committed transactions are seen by read_committed consumers; records still queued when a transaction aborts are never sent")
    func commitAndAbortQueued() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("txn.out", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: ["transactional.id": "txn-test", "linger.ms": "1000"]))
        defer { producer.close() }
        try producer.initTransactions()
        try producer.beginTransaction()
        try send(producer, "txn.out", ["c1", "c2"])
        try producer.commitTransaction()
        try producer.beginTransaction()
        try send(producer, "txn.out", ["queued"]) // still lingering in the client when the abort comes
        try producer.abortTransaction()
        try producer.beginTransaction()
        try send(producer, "txn.out", ["c3"])
        try producer.commitTransaction()
        #expect(try readCommitted("txn.out", cluster: cluster, partitions: 1) == ["c1", "c2", "c3"])
    }

    @Test("records of an aborted transaction that reached the broker are hidden from read_committed consumers (known gap of the embedded cluster)")
    func abortAfterSend() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("txn.out", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: ["transactional.id": "txn-abort"]))
        defer { producer.close() }
        try producer.initTransactions()
        try producer.beginTransaction()
        try send(producer, "txn.out", ["aborted"])
        try producer.flush()
        try producer.abortTransaction()
        try producer.beginTransaction()
        try send(producer, "txn.out", ["committed"])
        try producer.commitTransaction()
        let seen = try readCommitted("txn.out", cluster: cluster, partitions: 1)
        #expect(seen.contains("committed"))
        withKnownIssue(Comment(rawValue: EmbeddedClusterGap.endTxn)) {
            #expect(seen == ["committed"], "seen: \(seen)")
        }
    }

    @Test("offsets sent to a committed transaction are the group's committed offsets (known gap of the embedded cluster)")
    func offsetsInTransaction() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("txn.in", partitions: 1)
        try cluster.createTopic("txn.out", partitions: 1)
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: ["transactional.id": "txn-offsets"]))
        defer { producer.close() }
        try producer.initTransactions()
        let group = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: "txn-group")
        defer { group.close() }
        let input = KafkaTopicPartition(topic: "txn.in", partition: 0)
        try group.assign([input])
        try producer.beginTransaction()
        try send(producer, "txn.out", ["c1"])
        try producer.sendOffsetsToTransaction([input: 2], consumer: group)
        try producer.commitTransaction()
        let committed = try group.committed([input])
        withKnownIssue(Comment(rawValue: EmbeddedClusterGap.txnOffsetCommit)) {
            #expect(committed[input] == 2, "committed: \(committed)")
        }
    }

    @Test("a second producer with the same transactional id fences the first (known gap of the embedded cluster)")
    func fencing() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("fence.out", partitions: 1)
        let zombie = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "zombie", properties: ["transactional.id": "fence-test"]))
        defer { zombie.close(timeout: .seconds(2)) }
        try zombie.initTransactions()
        try zombie.beginTransaction()
        try send(zombie, "fence.out", ["zombie"])
        try? zombie.flush(timeout: .seconds(10))

        let successor = try KafkaProducer(configuration: cluster.clientConfiguration(clientID: "successor", properties: ["transactional.id": "fence-test"]))
        defer { successor.close() }
        try successor.initTransactions()
        try successor.beginTransaction()
        try send(successor, "fence.out", ["successor"])
        try successor.commitTransaction()

        var zombieCommitted = true
        do { try zombie.commitTransaction(timeout: .seconds(10)) } catch { zombieCommitted = false }
        withKnownIssue(Comment(rawValue: EmbeddedClusterGap.fencing)) {
            #expect(!zombieCommitted, "the zombie cannot commit")
        }
    }
}
