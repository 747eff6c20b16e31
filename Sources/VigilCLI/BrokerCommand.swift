import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilOps

/// `vigil broker`: runs the embedded Kafka cluster standalone so other processes can connect.
struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run librdkafka's in-process Kafka cluster on loopback until stopped (Ctrl-C).",
        discussion: """
        Creates the contract's topics, prints the bootstrap string and writes it to --bootstrap-file.
        The embedded cluster keeps only about 5 MiB or 100,000 message sets per partition in memory;
        use enough partitions for the data you send.
        """
    )

    @Option(name: .customLong("brokers"), help: "Number of brokers.")
    var brokerCount: Int = 3

    @Option(help: "Partitions of each input and output topic.")
    var partitions: Int32 = 16

    @Option(help: "Write the bootstrap string to this file.")
    var bootstrapFile: String?

    @Option(help: "Extra topics to create, as name:partitions (repeatable).")
    var topic: [String] = []

    @Option(help: "Topology whose changelog topics to create too (compacted, co-partitioned with the operators' inputs); none if the file is missing.")
    var topology: String = VigilConfiguration.EngineSettings.defaultTopology

    func validate() throws {
        guard brokerCount >= 1 else { throw ValidationError("--brokers must be at least 1, got \(brokerCount)") }
        guard partitions >= 1 else { throw ValidationError("--partitions must be at least 1, got \(partitions)") }
    }

    func run() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: brokerCount)
        var topics = ContractTopics.specifications(partitions: partitions)
        for extra in topic {
            let parts = extra.split(separator: ":")
            guard parts.count == 2, let count = Int32(parts[1]), count > 0 else {
                throw ValidationError("--topic '\(extra)' must look like name:partitions, e.g. orders:8")
            }
            topics.append(KafkaTopicSpecification(name: String(parts[0]), partitions: count))
        }
        topics = try ContractTopics.addingChangelogs(to: topics, topologyFile: topology)
        try cluster.createTopics(topics)
        if let bootstrapFile {
            try (cluster.bootstrapServers + "\n").write(toFile: bootstrapFile, atomically: true, encoding: .utf8)
        }
        print(cluster.bootstrapServers)
        FileHandle.standardError.write(Data("embedded Kafka cluster: \(brokerCount) brokers, topics: \(topics.map { "\($0.name)(\($0.partitions))" }.joined(separator: ", ")); Ctrl-C to stop\n".utf8))
        _ = SignalWaiter.waitForTermination()
        cluster.shutdown()
    }
}
