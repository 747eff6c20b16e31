import VigilRisk

/// Where the console's review labels go: the labels topic. ``KafkaLabelSink`` writes them to
/// Kafka; the console records each one in the case store once it is written.
public protocol LabelSink: Sendable {
    /// Writes `label` (key `merchant_id`, value ``LabelEvent/encoded()``) and returns once the
    /// broker acknowledged it.
    /// - Throws: ``ConsoleError/cannotPublish(topic:reason:)``.
    func publish(_ label: LabelEvent) async throws
}
