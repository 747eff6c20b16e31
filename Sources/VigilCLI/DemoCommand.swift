import ArgumentParser
import Foundation
import Logging
import VigilKafka

/// `vigil demo`: the README's main job.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the embedded cluster and run a keyed producer/consumer round trip."
    )

    @Option(help: "Messages to send.")
    var messages: Int = 100_000

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let cluster = try EmbeddedKafkaCluster(brokers: 3)
        try cluster.createTopics(ContractTopics.specifications(partitions: 16))
        print("embedded Kafka cluster at \(cluster.bootstrapServers)")
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        let counter = DeliveryCounter()
        let start = ContinuousClock.now
        for index in 0..<messages {
            let merchant = "m\(String(format: "%07d", index % 1000))"
            let body = #"{"event_id":"e\#(index)","merchant_id":"\#(merchant)","ts":\#(1_700_000_000_000 + index)}"#
            try producer.send(KafkaProducerMessage(topic: "marketplace.listings", key: merchant, value: Array(body.utf8))) { counter.record($0) }
        }
        try producer.flush()
        let consumer = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: "vigil-demo")
        try consumer.subscribe(topics: ["marketplace.listings"])
        var received = 0
        while received < messages {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            received += batch.count
            if let last = batch.last { try consumer.commit([last.topicPartition: last.offset + 1]) }
        }
        let elapsed = ContinuousClock.now - start
        consumer.close()
        producer.close()
        print("sent \(counter.delivered) (acknowledged), received \(received) in \(String(format: "%.2f", elapsed.seconds)) s")
        cluster.shutdown()
    }
}
