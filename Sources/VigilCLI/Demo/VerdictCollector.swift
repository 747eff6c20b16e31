import Foundation
import VigilKafka
import VigilOps
import VigilRisk
import VigilSimulation

/// Reads `risk.verdicts` and `risk.leads` as the demo runs, feeding the evaluator.
final class VerdictCollector {
    /// Verdict counts by decision (each verdict id once).
    struct Counts {
        var allow = 0
        var review = 0
        var intercept = 0
        var total: Int { allow + review + intercept }
    }

    private let consumer: KafkaConsumer
    private var seen = Set<String>()
    private(set) var counts = Counts()
    private(set) var leads = 0
    private(set) var evaluator: Evaluator

    init(configuration: KafkaConfiguration, truth: GroundTruth) throws {
        consumer = try KafkaConsumer(configuration: configuration, groupID: "vigil-demo-\(UUID().uuidString)")
        try consumer.subscribe(topics: [ContractTopicNames().verdicts, ContractTopicNames().leads])
        evaluator = Evaluator(truth: truth)
    }

    /// Takes whatever has arrived.
    func drain() {
        while true {
            let batch = consumer.poll(maxMessages: 10_000, timeout: .milliseconds(20))
            if batch.isEmpty { return }
            for message in batch {
                guard let value = message.value else { continue }
                if message.topic == ContractTopicNames().leads { leads += 1; continue }
                guard let verdict = try? Verdict(json: value) else { continue }
                evaluator.add(verdict)
                guard seen.insert(verdict.verdictID).inserted else { continue }
                switch verdict.decision {
                case .allow: counts.allow += 1
                case .review: counts.review += 1
                case .intercept: counts.intercept += 1
                }
            }
        }
    }

    func close() { consumer.close() }
}
