import Foundation
import Logging
import Synchronization
import VigilKafka

/// The reference downstream consumer of `risk.verdicts`: applies intercepts idempotently by
/// `verdict_id` and keeps a running ``TakedownTally``.
///
/// Delivery: at least once from Kafka, made idempotent by the ``AppliedVerdictLedger``. Offsets
/// are committed after each polled batch has been applied, never before, so a crash re-reads at
/// most the batch in flight. ``run()`` blocks its thread (it is a ``BlockingRunnable``; run it
/// under ``EngineService`` or on a thread of your own); ``stop()`` ends it after the current batch.
public final class TakedownService: BlockingRunnable, @unchecked Sendable {
    // @unchecked: mutable state is touched only on the run() thread; stop flag is atomic.

    /// Where and what to consume.
    public struct Configuration: Sendable {
        /// Kafka connection.
        public var kafka: KafkaConfiguration
        /// Consumer group. Default ``defaultGroup``.
        public var group: String
        /// The takedown consumer's group when none is given: `takedown`.
        public static let defaultGroup = "takedown"
        /// The verdicts topic. Default: the contract's, `risk.verdicts` (``ContractTopicNames/verdicts``).
        public var topic: String
        /// How often ``TakedownService`` reports the tally through its callback. Default 5 s.
        public var reportInterval: Duration

        /// Creates a configuration.
        public init(kafka: KafkaConfiguration, group: String = Configuration.defaultGroup, topic: String = ContractTopicNames().verdicts, reportInterval: Duration = .seconds(5)) {
            self.kafka = kafka
            self.group = group
            self.topic = topic
            self.reportInterval = reportInterval
        }
    }

    /// The applied verdicts and tally.
    public let processor: TakedownProcessor
    private let configuration: Configuration
    private let onTally: @Sendable (TakedownTally) -> Void
    private let logger: Logger
    private let stopRequested = Atomic<Bool>(false)

    /// Creates the service.
    /// - Parameters:
    ///   - processor: Applies verdicts. Default: in-memory ledger, logging action.
    ///   - onTally: Called with the tally every ``Configuration/reportInterval`` when it changed, and at stop.
    public init(configuration: Configuration, processor: TakedownProcessor = TakedownProcessor(), logger: Logger = Logger(label: "vigil.takedown"), onTally: @escaping @Sendable (TakedownTally) -> Void = { _ in }) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
        self.onTally = onTally
    }

    /// Consumes until ``stop()``; commits after every applied batch; leaves the group at the end.
    /// - Throws: when the consumer cannot be created, or applying or committing fails.
    public func run() throws {
        let consumer = try KafkaConsumer(configuration: configuration.kafka, groupID: configuration.group, logger: logger)
        defer { consumer.close() }
        try consumer.subscribe(topics: [configuration.topic])
        logger.info("consuming \(configuration.topic) as group \(configuration.group)")
        var lastReported = processor.tally
        var nextReport = ContinuousClock.now.advanced(by: configuration.reportInterval)
        while !stopRequested.load(ordering: .acquiring) {
            let batch = consumer.poll(maxMessages: 1000, timeout: .milliseconds(200))
            var positions: [KafkaTopicPartition: Int64] = [:]
            for message in batch {
                if let value = message.value { try processor.process(value) } else { logger.debug("skipping a tombstone at \(message.topic)/\(message.partition)@\(message.offset)") }
                positions[message.topicPartition] = message.offset + 1
            }
            try consumer.commit(positions)
            if ContinuousClock.now >= nextReport {
                let tally = processor.tally
                if tally != lastReported { onTally(tally); lastReported = tally }
                nextReport = ContinuousClock.now.advanced(by: configuration.reportInterval)
            }
        }
        onTally(processor.tally)
    }

    /// Asks ``run()`` to return after the batch in hand. Safe from any thread.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
    }
}
