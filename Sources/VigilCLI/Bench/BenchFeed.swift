import Foundation
import VigilKafka
import VigilOps
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// The benchmark's sending side: a simulated marketplace's records, produced to the input topics
/// either all at once or at a fixed rate, noting when each listing event that is owed a verdict
/// (action `create` or `update`) was first handed to the producer.
struct BenchFeed {
    /// The records in delivery order.
    let records: [SimulatedRecord]
    /// Brand registry records for `marketplace.brands`.
    let brandRecords: [(key: String, value: [UInt8])]
    /// Merchants in the scenario.
    let merchants: Int

    /// Simulates `scenario` and keeps its first `limit` records (all when nil).
    init(scenario: SimulationScenario, limit: Int? = nil) throws {
        let simulator = try MarketplaceSimulator(scenario: scenario)
        var records = simulator.records()
        if let limit, records.count > limit { records.removeLast(records.count - limit) }
        self.records = records
        brandRecords = simulator.brandRecords.map { (key: $0.key, value: $0.value) }
        merchants = Set(records.map(\.key)).count
    }

    /// The event ids of the listing events that are owed a listing verdict, among `records[range]`.
    func verdictOwed(in range: Range<Int>) -> Set<String> {
        Set(records[range].compactMap(Self.owedVerdict))
    }

    /// The event id of a listing `create` or `update` (owed a listing verdict), else `nil`.
    static func owedVerdict(_ record: SimulatedRecord) -> String? {
        guard record.kind == .listing, let listing = try? ContractDecoder().decodeListing(record.value), listing.action != .delist else { return nil }
        return listing.eventID
    }

    /// Makes a producer for the feed: acknowledged by every replica, sent without waiting to batch.
    static func producer(brokers: String) throws -> KafkaProducer {
        try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-bench-feed",
                                                            properties: ["linger.ms": "1"]))
    }

    /// Produces the brand records, then every record, and waits for every delivery.
    /// - Throws: when a record is not acknowledged.
    func produceAll(brokers: String) throws {
        let producer = try Self.producer(brokers: brokers)
        defer { producer.close() }
        let reports = DeliveryCounter()
        try produceBrands(producer: producer, reports: reports)
        for record in records {
            try producer.send(KafkaProducerMessage(topic: record.topic, key: record.key, value: record.value)) { reports.record($0) }
        }
        try producer.flush(timeout: .seconds(300))
        try Self.check(reports, expected: records.count + brandRecords.count, brokers: brokers)
    }

    /// Produces the brand registry's records to `marketplace.brands`.
    func produceBrands(producer: KafkaProducer, reports: DeliveryCounter) throws {
        for brand in brandRecords {
            try producer.send(KafkaProducerMessage(topic: ContractTopicNames().brands, key: brand.key, value: brand.value)) { reports.record($0) }
        }
    }

    /// Fails unless `expected` records were acknowledged.
    static func check(_ reports: DeliveryCounter, expected: Int, brokers: String) throws {
        guard reports.failures == 0, reports.delivered == expected else {
            throw EngineProcess.Failure(description: "only \(reports.delivered) of \(expected) records were acknowledged by \(brokers) (\(reports.failures) failed)")
        }
    }

    /// Produces `records[range]` at `rate` records per second (their topics looked up first), and returns when each listing
    /// event owed a verdict was first sent (redelivered copies keep the first time).
    func producePaced(_ range: Range<Int>, rate: Double, producer: KafkaProducer, reports: DeliveryCounter) throws -> [String: ContinuousClock.Instant] {
        // An outside client that has been sending for a while knows its topics' leaders; look
        // them up first so the first records do not wait for it.
        try producer.prepare(topics: records[range].map(\.topic))
        var sentAt: [String: ContinuousClock.Instant] = [:]
        sentAt.reserveCapacity(range.count / 2)
        let start = ContinuousClock.now
        var next = range.lowerBound
        while next < range.upperBound {
            let elapsed = (ContinuousClock.now - start).secondsDouble
            let due = min(range.upperBound, range.lowerBound + Int(elapsed * rate) + 1)
            while next < due {
                let record = records[next]
                let now = ContinuousClock.now
                try producer.send(KafkaProducerMessage(topic: record.topic, key: record.key, value: record.value)) { reports.record($0) }
                if let eventID = Self.owedVerdict(record), sentAt[eventID] == nil { sentAt[eventID] = now }
                next += 1
            }
            if next < range.upperBound { Thread.sleep(forTimeInterval: 0.0005) }
        }
        return sentAt
    }
}
