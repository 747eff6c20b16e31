import ArgumentParser
import VigilKafka
import VigilOps

/// `vigil lag`: a consumer group's lag per partition, like `kafka-consumer-groups --describe`.
struct LagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Show a consumer group's lag per partition (committed offset vs end offset)."
    )

    @Option(help: "Consumer group.")
    var group: String = LagMonitor.Configuration.defaultGroup

    @Option(help: "Kafka bootstrap servers (host:port,...).")
    var brokers: String = KafkaConfiguration.defaultBootstrapServers

    @Option(help: "Comma-separated topics (default: the four contract input topics).")
    var topics: String?

    @Option(name: .customLong("kafka"), help: "A librdkafka property as key=value (repeatable), e.g. --kafka security.protocol=SASL_SSL.")
    var kafkaProperties: [String] = []

    func run() throws {
        let properties = try KeyValueOption.dictionary(kafkaProperties, flag: "--kafka")
        let names = topics.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            ?? ContractTopicNames().inputs
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-lag", properties: properties))
        let report = try LagReport(group: group, topics: names, source: admin)
        print(report.render(), terminator: "")
    }
}

import Foundation
