import VigilKafka

/// The topics of the wire contract (`shared/CONTRACT.md`) and the counterfeit topology's internal
/// topics, with the partition counts Vigil creates them with.
enum ContractTopics {
    /// Contract and internal topics: co-partitioned merchant-keyed topics share `partitions`;
    /// the ring stage's input and the brand table have one partition.
    static func specifications(partitions: Int32) -> [KafkaTopicSpecification] {
        ["marketplace.listings", "marketplace.reviews", "marketplace.payments", "marketplace.logistics", "marketplace.labels",
         "risk.verdicts", "risk.leads", "risk.dlq", "vigil.identifiers", "vigil.links", "vigil.ring-features",
         "vigil.feature-log"]
            .map { KafkaTopicSpecification(name: $0, partitions: partitions) }
            + [KafkaTopicSpecification(name: "vigil.ring-input", partitions: 1),
               KafkaTopicSpecification(name: "marketplace.brands", partitions: 1, config: ["cleanup.policy": "compact"])]
    }
}
