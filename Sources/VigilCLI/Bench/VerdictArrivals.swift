import Foundation
import Synchronization
import VigilKafka
import VigilOps

/// Reads `risk.verdicts` on its own thread and notes when each listing verdict first arrived,
/// by the `event_id` that triggered it (a benchmark's receiving side).
final class VerdictArrivals: @unchecked Sendable {
    /// The few verdict fields a benchmark needs.
    private struct Fields: Decodable {
        let subject: String
        let eventID: String
        let verdictID: String
        enum CodingKeys: String, CodingKey {
            case subject
            case eventID = "event_id"
            case verdictID = "verdict_id"
        }
    }

    /// What has arrived so far.
    struct Tally {
        /// First arrival of a listing verdict, by triggering event id.
        var firstArrival: [String: ContinuousClock.Instant] = [:]
        /// Listing verdicts that arrived again with a verdict id already seen.
        var repeatedListingVerdicts = 0
        /// Merchant verdicts.
        var merchantVerdicts = 0
        /// Records that were not verdict JSON.
        var unreadable = 0
    }

    private let consumer: KafkaConsumer
    private let tally = Mutex(Tally())
    private let running = Atomic<Bool>(true)
    private var thread: Thread?

    /// Assigns every partition of `risk.verdicts` from its beginning and starts reading.
    init(brokers: String) throws {
        consumer = try KafkaConsumer(
            configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-bench-verdicts",
                                              properties: ["fetch.wait.max.ms": "5", "fetch.error.backoff.ms": "5"]),
            groupID: "vigil-bench-\(UUID().uuidString)")
        let topic = ContractTopicNames().verdicts
        guard let metadata = try consumer.topics().first(where: { $0.name == topic }) else {
            throw EngineProcess.Failure(description: "topic \(topic) does not exist at \(brokers)")
        }
        let partitions = (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        // Start at each partition's current end, as an explicit offset: only verdicts of what the
        // benchmark sends count, and a symbolic start (beginning or end) costs librdkafka an offset
        // lookup that, on a partition still empty, held the first verdicts back ~500 ms.
        let ends = try partitions.map { ($0, try consumer.watermarks($0).high) }
        try consumer.assign(partitions, startOffsets: Dictionary(uniqueKeysWithValues: ends))
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "bench-verdicts"
        self.thread = thread
        thread.start()
    }

    /// A copy of what has arrived.
    var snapshot: Tally { tally.withLock { $0 } }

    /// How many distinct listing verdicts have arrived.
    var listingVerdicts: Int { tally.withLock { $0.firstArrival.count } }

    /// Stops reading and closes the consumer.
    func stop() {
        running.store(false, ordering: .releasing)
        while thread?.isFinished == false { Thread.sleep(forTimeInterval: 0.01) }
        consumer.close()
    }

    private func readLoop() {
        let decoder = JSONDecoder()
        var seenVerdicts = Set<String>()
        while running.load(ordering: .acquiring) {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(5))
            guard !batch.isEmpty else { continue }
            let now = ContinuousClock.now
            tally.withLock { tally in
                for message in batch {
                    guard let value = message.value, let fields = try? decoder.decode(Fields.self, from: Data(value)) else {
                        tally.unreadable += 1
                        continue
                    }
                    guard fields.subject == "listing" else { tally.merchantVerdicts += 1; continue }
                    guard seenVerdicts.insert(fields.verdictID).inserted else { tally.repeatedListingVerdicts += 1; continue }
                    if tally.firstArrival[fields.eventID] == nil { tally.firstArrival[fields.eventID] = now }
                }
            }
        }
    }
}
