import Logging
import VigilKafka

/// Joining the cluster: the consumer, the changelog topics, the producers' topics, transactions.
extension StreamEngine {
    /// Creates the consumer and subscribes it (or assigns it every input partition).
    func connect() throws -> KafkaConsumer {
        let consumer = try KafkaConsumer(
            configuration: configuration.consumerKafka,
            groupID: configuration.groupID ?? topology.name,
            listener: EngineRebalanceListener(engine: self),
            logger: Logger(label: "vigil.kafka.consumer")
        )
        self.consumer = consumer
        try prepareChangelogs(consumer)
        prepareProducers()
        if exactlyOnce {
            let transactions = TransactionalCommitter(producer: producer, consumer: consumer, timeout: configuration.shutdownTimeout)
            do { try transactions.start() } catch {
                throw EngineError("exactly-once needs transactions, which the brokers refused: \(error). Use Kafka 2.5 or later, or engine.processing_guarantee: at_least_once")
            }
            self.transactions = transactions
        }
        if let store = checkpoints.store {
            clusterID = consumer.clusterID(timeout: .seconds(10))
            checkpointClusterID = try? store.checkpointClusterID()
            if let clusterID, let checkpointClusterID, clusterID != checkpointClusterID {
                logger.warning("the checkpoints in the state store were taken against Kafka cluster '\(checkpointClusterID)', but the brokers are cluster '\(clusterID)': they will not be restored")
            }
        }
        switch configuration.assignment {
        case .group:
            logger.info("joining consumer group '\(consumer.groupID)' with partition.assignment.strategy=\(configuration.assignmentStrategy) (\(configuration.rebalancesCooperatively ? "cooperative: only partitions that move are revoked" : "eager: every rebalance revokes all partitions"))")
            try consumer.subscribe(topics: topology.inputTopics)
        case .all:
            let known = try consumer.topics()
            var partitions: [KafkaTopicPartition] = []
            for topic in topology.inputTopics {
                guard let metadata = known.first(where: { $0.name == topic }) else {
                    throw EngineError("input topic '\(topic)' does not exist; create it before starting the engine")
                }
                partitions += (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
            }
            let starts = partitionsAssigned(partitions)
            try consumer.assign(partitions, startOffsets: starts)
        }
        return consumer
    }

    /// Creates the changelog topics that do not exist yet (compacted, one partition per partition
    /// of the operator's inputs) and tells the writer their partition counts.
    func prepareChangelogs(_ consumer: KafkaConsumer) throws {
        guard let changelog else { return }
        let known = try consumer.topics()
        var counts = Dictionary(known.map { ($0.name, Int32($0.partitionCount)) }) { first, _ in first }
        for topic in topology.inputTopics where counts[topic] == nil {
            throw EngineError("input topic '\(topic)' does not exist; create it before starting the engine")
        }
        let specifications = ChangelogTopics.specifications(for: topology, partitionCounts: counts)
        do {
            counts.merge(try KafkaTopicProvisioner(configuration: configuration.kafka).ensure(specifications)) { $1 }
        } catch {
            throw EngineError("the changelog topics of topology '\(topology.name)' are not ready: \(error) (or set engine.changelog: false to keep state only in the local checkpoint file)")
        }
        changelog.writer.setPartitionCounts(counts)
        if configuration.changelog.standbyReplicas > 0 {
            let topics = ChangelogTopics.names(of: topology).sorted(by: { $0.key < $1.key }).map { (name: $0.key, topic: $0.value, partitions: counts[$0.value] ?? 1) }
            let standby = try ChangelogStandby(kafka: configuration.consumerKafka.with("client.id", "\(configuration.kafka.clientID)-standby"), topics: topics, logger: logger)
            standby.follow(standby.allShards)
            changelog.standby = standby
            logger.info("standby: keeping warm copies of the changelogs of the shards this instance does not own")
        }
    }
}
