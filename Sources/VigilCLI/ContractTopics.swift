import VigilKafka

/// The topics of the wire contract (`shared/CONTRACT.md`) with the partition counts Vigil creates.
enum ContractTopics {
    /// Input and output topics, default names.
    static func specifications(partitions: Int32) -> [KafkaTopicSpecification] {
        ["marketplace.listings", "marketplace.reviews", "marketplace.payments", "marketplace.logistics", "risk.verdicts", "risk.leads", "risk.dlq"]
            .map { KafkaTopicSpecification(name: $0, partitions: partitions) }
            + [KafkaTopicSpecification(name: "marketplace.brands", partitions: 1, config: ["cleanup.policy": "compact"])]
    }
}
