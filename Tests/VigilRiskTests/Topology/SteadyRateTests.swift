import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka
import VigilRisk
@testable import VigilSimulation
import VigilPrimitives
import VigilTestSupport

/// The repository root, found from this file's path.

@Suite("Counterfeit topology under a steady input rate", .serialized)
struct SteadyRateTests {
    /// Listing verdicts as they arrive, by triggering event id, with the instant of arrival.
    private final class Arrivals: @unchecked Sendable {
        let lock = NSLock()
        var first: [String: ContinuousClock.Instant] = [:]
        var verdictIDs: [String: Int] = [:]
    }

    @Test("verdicts arrive while input is still flowing; every listing verdict arrives exactly once")
    func verdictsFlowWhileInputFlows() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let context = RiskContext(
            brands: try BrandRegistry(fileBytes: Array(#"{"currency": "CNY", "brands": {}}"#.utf8), source: "test"),
            assessor: try RiskAssessor(configuration: RiskConfiguration.load(path: repositoryRoot.appendingPathComponent("config/risk.yml").path)),
            cases: nil
        )
        let registry = TopologyRegistry.standard()
        CounterfeitTopology.register(into: registry, context: context)
        let topology = try TopologyLoader(registry: registry, defaultLaneCount: 2).load(file: repositoryRoot.appendingPathComponent("topologies/counterfeit.yml").path)
        for name in Set(topology.inputTopics + Array(topology.sinkTopics.values) + [topology.deadLetterTopic]) {
            try cluster.createTopic(name, partitions: name == "vigil.ring-input" ? 1 : 4)
        }
        // 3,000 records of the small scenario at 300 records/s: about ten seconds of input.
        let records = Array(try MarketplaceSimulator(scenario: .small).records().prefix(3_000))
        let decoder = ContractDecoder()
        let owed = Set(records.compactMap { record -> String? in
            guard record.kind == .listing, let listing = try? decoder.decodeListing(record.value), listing.action != .delist else { return nil }
            return listing.eventID
        })

        let engine = try StreamEngine(topology: topology, configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), assignment: .all), checkpoints: nil)
        let engineDone = DispatchSemaphore(value: 0)
        Thread { try? engine.run(); engineDone.signal() }.start()

        let arrivals = Arrivals()
        let reading = Atomic<Bool>(true)
        let reader = try KafkaConsumer(configuration: cluster.consumerConfiguration(properties: ["fetch.wait.max.ms": "10"]), groupID: "steady-\(UUID().uuidString)")
        try reader.subscribe(topics: ["risk.verdicts"])
        let readerDone = DispatchSemaphore(value: 0)
        Thread {
            while reading.load(ordering: .acquiring) {
                let batch = reader.poll(maxMessages: 1_000, timeout: .milliseconds(20))
                let now = ContinuousClock.now
                for message in batch {
                    guard let verdict = try? JSONDecoder().decode(Verdict.self, from: Data(message.value ?? [])), verdict.listingID != nil else { continue }
                    arrivals.lock.withLock {
                        arrivals.verdictIDs[verdict.verdictID, default: 0] += 1
                        if arrivals.first[verdict.eventID] == nil { arrivals.first[verdict.eventID] = now }
                    }
                }
            }
            readerDone.signal()
        }.start()

        let producer = try KafkaProducer(configuration: cluster.clientConfiguration(properties: ["linger.ms": "1"]))
        let start = ContinuousClock.now
        for (index, record) in records.enumerated() {
            let due = start.advanced(by: .milliseconds(index * 1_000 / 300))
            if ContinuousClock.now < due { Thread.sleep(forTimeInterval: (due - ContinuousClock.now).secondsDouble) }
            try producer.send(KafkaProducerMessage(topic: record.topic, key: record.key, value: record.value)) { precondition($0.isDelivered) }
        }
        try producer.flush()
        let inputEnded = ContinuousClock.now
        producer.close()

        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, arrivals.lock.withLock({ arrivals.first.count }) < owed.count { Thread.sleep(forTimeInterval: 0.05) }
        reading.store(false, ordering: .releasing)
        readerDone.wait()
        reader.close()
        engine.stop()
        engineDone.wait()

        let (first, verdictIDs) = arrivals.lock.withLock { (arrivals.first, arrivals.verdictIDs) }
        #expect(Set(first.keys) == owed, "every listing event owed a verdict got one: \(owed.subtracting(first.keys).count) missing")
        #expect(verdictIDs.values.allSatisfy { $0 == 1 }, "no verdict repeated without a replay: \(verdictIDs.filter { $0.value > 1 }.count) repeated")
        let whileFlowing = first.values.filter { $0 < inputEnded }.count
        #expect(Double(whileFlowing) >= 0.8 * Double(owed.count),
                "verdicts arrive while input flows, not only after it ends: \(whileFlowing) of \(owed.count) before the input ended")
    }
}
