import VigilKafka

/// Builds the records the engine writes besides operator outputs: dead letters (a record that
/// could not be decoded or that an operator rejected) and late copies (the side output of records
/// older than their partition's watermark).
///
/// A dead letter carries the original key, value and headers plus `dlq.reason`, `dlq.topic`,
/// `dlq.partition` and `dlq.offset`; a late copy adds `late.watermark` and `late.event_time`.
struct DeadLetters: Sendable {
    /// The dead-letter topic.
    let topic: String
    /// The late side-output topic, if the topology has one.
    let lateTopic: String?

    /// The dead letter of `message`, saying why it was not processed.
    func deadLetter(_ message: KafkaConsumerMessage, reason: String) -> KafkaProducerMessage {
        var headers = message.headers
        headers.append(KafkaHeader(key: "dlq.reason", string: reason))
        headers.append(KafkaHeader(key: "dlq.topic", string: message.topic))
        headers.append(KafkaHeader(key: "dlq.partition", string: String(message.partition)))
        headers.append(KafkaHeader(key: "dlq.offset", string: String(message.offset)))
        return KafkaProducerMessage(topic: topic, key: message.key, value: message.value, headers: headers)
    }

    /// The copy of a late record for the late topic; `nil` when the topology has none.
    func lateCopy(_ message: KafkaConsumerMessage, watermark: Int64, eventTime: Int64) -> KafkaProducerMessage? {
        guard let lateTopic else { return nil }
        var headers = message.headers
        headers.append(KafkaHeader(key: "late.watermark", string: String(watermark)))
        headers.append(KafkaHeader(key: "late.event_time", string: String(eventTime)))
        return KafkaProducerMessage(topic: lateTopic, key: message.key, value: message.value, headers: headers)
    }
}
