import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilPrimitives

/// `vigil bench kafka`: produce and consume throughput through the embedded cluster.
struct KafkaBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Produce then consume N keyed messages through the embedded cluster and report msg/s."
    )

    @Option(help: "Messages to produce and consume.")
    var messages: Int = 500_000

    @Option(help: "Value size in bytes.")
    var size: Int = 300

    @Option(help: "Distinct keys.")
    var keys: Int = 500

    @Option(help: "Partitions (the embedded cluster keeps ~5 MiB per partition: keep messages*size/partitions below that).")
    var partitions: Int32 = 64

    @Option(name: .customLong("brokers"), help: "Brokers in the embedded cluster.")
    var brokerCount: Int = 1

    @Option(help: "Use these external brokers instead of the embedded cluster (the topic must exist).")
    var bootstrap: String?

    func run() throws {
        LoggingSetup.bootstrap()
        let cluster = bootstrap == nil ? try EmbeddedKafkaCluster(brokers: brokerCount) : nil
        let servers = bootstrap ?? cluster!.bootstrapServers
        let topic = "bench-\(UInt32.random(in: 0...UInt32.max))"
        try cluster?.createTopic(topic, partitions: partitions)
        if cluster == nil {
            try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: servers)).createTopics([KafkaTopicSpecification(name: topic, partitions: partitions)])
        }
        let keyBytes = (0..<keys).map { Array("merchant-\($0)".utf8) }
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: size)

        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: servers, clientID: "bench-producer"))
        let delivered = DeliveryCounter()
        let produceStart = ContinuousClock.now
        for index in 0..<messages {
            try producer.send(KafkaProducerMessage(topic: topic, key: keyBytes[index % keys], value: value)) { delivered.record($0) }
        }
        try producer.flush(timeout: .seconds(120))
        let produceTime = ContinuousClock.now - produceStart
        producer.close()
        guard delivered.failures == 0, delivered.delivered == messages else {
            throw ValidationError("only \(delivered.delivered) of \(messages) delivered, \(delivered.failures) failed")
        }

        var consumerProperties = EmbeddedKafkaCluster.consumerProperties
        consumerProperties["fetch.max.bytes"] = "52428800"
        let consumer = try KafkaConsumer(configuration: KafkaConfiguration(bootstrapServers: servers, clientID: "bench-consumer", properties: consumerProperties), groupID: "bench-\(topic)")
        try consumer.subscribe(topics: [topic])
        var consumed = 0
        var bytes = 0
        var consumeStart: ContinuousClock.Instant?
        let deadline = ContinuousClock.now.advanced(by: .seconds(300))
        while consumed < messages, ContinuousClock.now < deadline {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            if consumeStart == nil, !batch.isEmpty { consumeStart = ContinuousClock.now }
            consumed += batch.count
            for message in batch { bytes += message.value?.count ?? 0 }
        }
        let consumeTime = ContinuousClock.now - (consumeStart ?? ContinuousClock.now)
        consumer.close()
        cluster?.shutdown()

        let produceRate = Double(messages) / produceTime.secondsDouble
        let consumeRate = Double(consumed) / consumeTime.secondsDouble
        print("messages=\(messages) size=\(size)B keys=\(keys) partitions=\(partitions) brokers=\(bootstrap ?? "embedded x\(brokerCount)")")
        print(String(format: "produce: %.0f msg/s (%.1f MB/s), %.2f s, all %d acknowledged", produceRate, produceRate * Double(size) / 1e6, produceTime.secondsDouble, messages))
        print(String(format: "consume: %.0f msg/s (%.1f MB/s), %.2f s, %d received (%d value bytes)", consumeRate, consumeRate * Double(size) / 1e6, consumeTime.secondsDouble, consumed, bytes))
    }
}

/// Counts delivery reports across the producer's poller thread.
final class DeliveryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var ok = 0
    private var failed = 0
    func record(_ report: KafkaDeliveryReport) {
        lock.withLock { if report.isDelivered { ok += 1 } else { failed += 1 } }
    }
    var delivered: Int { lock.withLock { ok } }
    var failures: Int { lock.withLock { failed } }
}
