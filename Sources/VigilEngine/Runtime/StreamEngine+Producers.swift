import VigilKafka

extension StreamEngine {
    /// Looks up every topic the engine writes to before the first record is read, so that the
    /// first outputs of a run leave as fast as the rest (``KafkaProducer/prepare(topics:timeout:)``).
    ///
    /// A topic the cluster does not know yet is only logged: a cluster that creates topics on
    /// first use still works, its first records just wait for the lookup.
    func prepareProducers() {
        prepare(producer, topics: topology.outputTopics, role: "output")
        if let changelogProducer {
            prepare(changelogProducer, topics: ChangelogTopics.names(of: topology).values, role: "changelog")
        }
    }

    private func prepare(_ producer: KafkaProducer, topics: some Sequence<String>, role: String) {
        do {
            let unknown = try producer.prepare(topics: topics)
            if !unknown.isEmpty {
                logger.warning("\(role) topics \(unknown.joined(separator: ", ")) do not exist yet: their first records wait until the cluster creates them (create them before starting the engine)")
            }
        } catch {
            logger.warning("could not look up the \(role) topics before starting (\(error)); the first records to each will wait for the lookup")
        }
    }
}
