import Foundation
import Logging
import VigilConsole
import VigilKafka
import VigilOps
import VigilRisk

/// The investigators' console as `vigil demo` and `vigil run` start it: the pages on the admin
/// endpoint, the label sink its review actions write to, and the recorder that keeps verdicts,
/// listings and feature rows in the case store.
struct ConsoleWiring {
    let console: Console
    let recorder: CaseRecorder
    let sink: KafkaLabelSink
    private let recorderDone = DispatchSemaphore(value: 0)

    /// Builds the console for `cases`, checking `admin` (address, token) first.
    /// - Throws: ``VigilConsole/ConsoleError/tokenRequired(address:)`` beyond loopback without a token;
    ///   ``VigilOps/AdminTokenError`` when the token file cannot be read; Kafka errors.
    init(cases: CaseStore, admin: VigilConfiguration.AdminSettings, producer: KafkaConfiguration, consumer: KafkaConfiguration,
         topics: ContractTopicNames = ContractTopicNames(), featureLogTopic: String?, logger: Logger) throws {
        let configuration = ConsoleConfiguration(token: try admin.resolvedToken(), labelsTopic: topics.labels)
        sink = try KafkaLabelSink(configuration: producer, topic: topics.labels)
        console = Console(cases: cases, sink: sink, configuration: configuration, logger: logger)
        try console.validate(address: admin.address)
        recorder = CaseRecorder(
            configuration: .init(kafka: consumer, verdictsTopic: topics.verdicts, listingsTopic: topics.listings, featureLogTopic: featureLogTopic),
            cases: cases, logger: logger)
    }

    /// Starts the recorder on a thread of its own.
    func start(logger: Logger) {
        let recorder = recorder, done = recorderDone
        Thread { do { try recorder.run() } catch { logger.error("console recorder stopped: \(error)") }; done.signal() }.start()
    }

    /// Stops the recorder and closes the label sink.
    func stop() {
        recorder.stop()
        recorderDone.wait()
        sink.close()
    }
}
