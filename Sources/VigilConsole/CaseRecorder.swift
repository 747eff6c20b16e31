import Foundation
import Logging
import Synchronization
import VigilKafka
import VigilOps
import VigilRisk

/// Keeps what the console shows beyond leads and labels in the case store: it consumes
/// `risk.verdicts` (verdict history and merchant scores), `marketplace.listings` (titles and
/// brands) and, when configured, `vigil.feature-log` (``VigilRisk/FeatureLogRow/topic``: each
/// merchant's latest feature row).
///
/// At least once: offsets are committed after each polled batch is written, in one transaction
/// per kind, and every write is idempotent (verdicts by id, listings and feature rows by
/// latest time), so a redelivered batch changes nothing. Records that do not decode are counted
/// and skipped (the engine sends bad input to `risk.dlq`; this is only a reader). ``run()``
/// blocks its thread; ``stop()`` ends it after the current batch.
public final class CaseRecorder: BlockingRunnable, @unchecked Sendable {
    // @unchecked: the consumer is touched only on the run() thread; the counters are atomic.

    /// What to consume.
    public struct Configuration: Sendable {
        /// Kafka connection.
        public var kafka: KafkaConfiguration
        /// Consumer group. Default `vigil-console`.
        public var group: String
        /// The verdicts topic. Default: the contract's, `risk.verdicts` (``VigilOps/ContractTopicNames/verdicts``).
        public var verdictsTopic: String
        /// The listings topic. Default: the contract's, `marketplace.listings` (``VigilOps/ContractTopicNames/listings``).
        public var listingsTopic: String
        /// The feature-log topic, or `nil` to skip features. Default `nil`.
        public var featureLogTopic: String?

        /// Creates a configuration.
        public init(kafka: KafkaConfiguration, group: String = "vigil-console", verdictsTopic: String = ContractTopicNames().verdicts,
                    listingsTopic: String = ContractTopicNames().listings, featureLogTopic: String? = nil) {
            self.kafka = kafka
            self.group = group
            self.verdictsTopic = verdictsTopic
            self.listingsTopic = listingsTopic
            self.featureLogTopic = featureLogTopic
        }
    }

    private let configuration: Configuration
    private let cases: CaseStore
    private let logger: Logger
    private let stopRequested = Atomic<Bool>(false)
    private let recordedCount = Atomic<Int>(0)
    private let skippedCount = Atomic<Int>(0)

    /// Creates the recorder (it connects in ``run()``).
    public init(configuration: Configuration, cases: CaseStore, logger: Logger = Logger(label: "vigil.console.recorder")) {
        self.configuration = configuration
        self.cases = cases
        self.logger = logger
    }

    /// Records written so far (verdicts, listings and feature rows).
    public var recorded: Int { recordedCount.load(ordering: .relaxed) }
    /// Records skipped because they did not decode.
    public var skipped: Int { skippedCount.load(ordering: .relaxed) }

    /// Consumes until ``stop()``.
    /// - Throws: when the consumer cannot be created, or the case store or a commit fails.
    public func run() throws {
        let consumer = try KafkaConsumer(configuration: configuration.kafka, groupID: configuration.group, logger: logger)
        defer { consumer.close() }
        let topics = [configuration.verdictsTopic, configuration.listingsTopic] + (configuration.featureLogTopic.map { [$0] } ?? [])
        try consumer.subscribe(topics: topics)
        logger.info("recording \(topics.joined(separator: ", ")) into \(cases.path) as group \(configuration.group)")
        while !stopRequested.load(ordering: .acquiring) {
            let batch = consumer.poll(maxMessages: 5000, timeout: .milliseconds(100))
            guard !batch.isEmpty else { continue }
            try record(batch)
            var positions: [KafkaTopicPartition: Int64] = [:]
            for message in batch { positions[message.topicPartition] = message.offset + 1 }
            try consumer.commit(positions)
        }
    }

    /// Writes one batch of messages to the case store.
    func record(_ batch: [KafkaConsumerMessage]) throws {
        let decoder = ContractDecoder()
        var verdicts: [Verdict] = []
        var listings: [StoredListing] = []
        var rows: [FeatureLogRow] = []
        var skipped = 0
        for message in batch {
            guard let value = message.value else { continue }
            switch message.topic {
            case configuration.verdictsTopic:
                if let verdict = try? Verdict(json: value) { verdicts.append(verdict) } else { skipped += 1 }
            case configuration.listingsTopic:
                if let listing = try? decoder.decodeListing(value, key: message.key) { listings.append(StoredListing(listing)) } else { skipped += 1 }
            default:
                // Only merchant rows are kept (the merchant page shows the latest); listing rows,
                // about half the log, are recognised from their first bytes and not decoded.
                if FeatureLogRow.isListingRow(value) == true { continue }
                if let row = try? FeatureLogRow(json: value, source: message.topic, line: Int(message.offset)) { rows.append(row) } else { skipped += 1 }
            }
        }
        try cases.recordVerdicts(verdicts)
        try cases.recordListings(listings)
        try cases.recordFeatureRows(rows)
        recordedCount.add(verdicts.count + listings.count + rows.count, ordering: .relaxed)
        if skipped > 0 {
            skippedCount.add(skipped, ordering: .relaxed)
            logger.debug("skipped \(skipped) records that do not decode")
        }
    }

    /// Asks ``run()`` to return after the batch in hand. Safe from any thread.
    public func stop() { stopRequested.store(true, ordering: .releasing) }
}
