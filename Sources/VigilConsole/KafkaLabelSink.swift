import VigilKafka
import VigilOps
import VigilRisk

/// Writes review labels to the labels topic (contract: key `merchant_id`, value the label's JSON),
/// through an idempotent producer; ``publish(_:)`` waits for the broker's acknowledgement.
public final class KafkaLabelSink: LabelSink {
    private let producer: KafkaProducer
    /// The topic written. Default: the contract's, `marketplace.labels` (``VigilOps/ContractTopicNames/labels``).
    public let topic: String

    /// Creates the sink and its producer.
    /// - Throws: ``VigilKafka/KafkaError`` when the producer cannot be created.
    public init(configuration: KafkaConfiguration, topic: String = ContractTopicNames().labels) throws {
        producer = try KafkaProducer(configuration: configuration)
        self.topic = topic
    }

    /// Writes `label` and waits for the acknowledgement.
    /// - Throws: ``ConsoleError/cannotPublish(topic:reason:)``.
    public func publish(_ label: LabelEvent) async throws {
        do {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: label.merchantID, value: label.encoded()))
        } catch {
            throw ConsoleError.cannotPublish(topic: topic, reason: "\(error)")
        }
    }

    /// Flushes and closes the producer.
    public func close() {
        try? producer.flush(timeout: .seconds(5))
        producer.close()
    }
}
