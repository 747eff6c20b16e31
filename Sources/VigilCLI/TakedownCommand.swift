import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilOps

/// `vigil takedown`: the reference downstream consumer of `risk.verdicts`.
struct TakedownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takedown",
        abstract: "Consume \(ContractTopicNames().verdicts), apply intercepts once per verdict_id and print a running tally."
    )

    @Option(help: "Kafka bootstrap servers (host:port,...).")
    var brokers: String = KafkaConfiguration.defaultBootstrapServers

    @Option(help: "Consumer group.")
    var group: String = TakedownService.Configuration.defaultGroup

    @Option(help: "Verdicts topic.")
    var topic: String = ContractTopicNames().verdicts

    @Option(help: "Seconds between tally lines.")
    var every: Int = 5

    func run() async throws {
        let logger = Logger(label: "vigil.takedown")
        let service = TakedownService(
            configuration: .init(
                kafka: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-takedown"),
                group: group,
                topic: topic,
                reportInterval: .seconds(max(every, 1))
            ),
            logger: logger,
            onTally: { tally in print("tally: \(tally)") }
        )
        try await ServiceRunner.run(main: EngineService(engine: service, threadName: "vigil-takedown"), logger: logger)
    }
}
