import ArgumentParser
import Foundation
import Logging
import VigilKafka
import VigilOps
import VigilRisk
import VigilSimulation
import VigilPrimitives

/// `vigil simulate`: writes a seeded marketplace simulation to files or produces it to Kafka.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a deterministic marketplace (honest shops, brand sellers, counterfeit rings) with its ground truth.",
        discussion: """
        Writes to --out: marketplace.listings.jsonl, marketplace.reviews.jsonl, marketplace.payments.jsonl,
        marketplace.logistics.jsonl (one event object per line, in delivery order; the Kafka key is the
        event's merchant_id), marketplace.labels.jsonl (outcomes established later, by ts; empty for
        default and small), brands.json (the brand registry) and truth.json (the ground truth for
        `vigil evaluate`). With --brokers, the events are produced to the input topics instead (keyed by
        merchant_id, every delivery acknowledged), the labels to marketplace.labels (each among the events
        by its ts, the later ones after them), the brand records to marketplace.brands, and only
        brands.json and truth.json are written to --out.

        --scenario random --seed N draws every population size, rate and trait from N (reported as
        random-N); the line starting "parameters:" shows what was drawn (see
        SimulationScenario.parameterSummary).
        """
    )

    @Option(help: "Scenario: default (~166k records, 2,518 merchants), small (~15k records, 212 merchants), or random (needs --seed; 1,500-4,000 merchants drawn from the seed).")
    var scenario: String = "default"

    @Option(help: "Seed (default: the scenario's own, 42 for default and 7 for small; required for random).")
    var seed: UInt64?

    @Option(help: "Output directory.")
    var out: String = "sim-out"

    @Option(help: "Kafka bootstrap servers (host:port,...): produce the events there instead of writing JSONL files.")
    var brokers: String?

    @Option(name: .customLong("kafka"), help: "A librdkafka producer property as key=value (repeatable).")
    var kafkaProperties: [String] = []

    func validate() throws {
        if scenario == "random", seed == nil {
            throw ValidationError("--scenario random draws its parameters from a seed; add --seed N, e.g. --seed 17")
        }
        guard SimulationScenario.named(scenario, seed: seed) != nil else {
            throw ValidationError("--scenario '\(scenario)' is unknown; use default, small or random (with --seed)")
        }
    }

    func run() throws {
        LoggingSetup.bootstrap()
        let chosen = SimulationScenario.named(scenario, seed: seed)!
        let simulator = try MarketplaceSimulator(scenario: chosen)
        let writer = SimulationFileWriter(directory: URL(fileURLWithPath: out, isDirectory: true))
        let start = ContinuousClock.now
        let progress = ProgressReporter(task: "simulate", unit: "records")
        progress.phase("scenario \(chosen.name), seed \(chosen.seed)")
        let summary: SimulationSummary
        if let brokers {
            try writer.writeRegistryAndTruth(of: simulator)
            summary = try produce(simulator, to: brokers, progress: progress)
        } else {
            summary = try writer.write(simulator) { progress.update($0) }
        }
        progress.finish(summary.records)
        let elapsed = (ContinuousClock.now - start).secondsDouble
        let truth = simulator.truth
        print("scenario \(chosen.name), seed \(chosen.seed): \(truth.merchants.count) merchants "
            + "(\(truth.counterfeitMerchants.count) counterfeit in \(truth.rings.count) rings), "
            + "\(truth.listings.count) listings (\(truth.counterfeitListingIDs.count) counterfeit)")
        print("parameters: \(chosen.parameterSummary)")
        for topic in summary.recordsPerTopic.keys.sorted() {
            print("  \(topic): \(summary.recordsPerTopic[topic]!)")
        }
        print("  \(SimulatedLabel.topic): \(simulator.labels.count) (outcomes established later, by ts)")
        print(String(format: "%d records (%d distinct events, %d redelivered, %d out of order by up to %.0f s) in %.2f s, %.0f records/s",
                     summary.records, summary.distinctEvents, summary.records - summary.distinctEvents, summary.outOfOrder,
                     Double(summary.maxOutOfOrder) / 1000, elapsed, Double(summary.records) / max(elapsed, 1e-9)))
        print(brokers.map { "produced to \($0); brands.json and truth.json in \(out)" } ?? "written to \(out)")
    }

    /// Produces every record keyed by merchant id, and the brand records, waiting for every delivery report.
    private func produce(_ simulator: MarketplaceSimulator, to brokers: String, progress: ProgressReporter) throws -> SimulationSummary {
        let properties = try KeyValueOption.dictionary(kafkaProperties, flag: "--kafka")
        let producer = try KafkaProducer(configuration: KafkaConfiguration(bootstrapServers: brokers, clientID: "vigil-simulate", properties: properties))
        let reports = DeliveryCounter()
        var summary = SimulationSummary(records: [], merchants: simulator.truth.merchants.count)
        var tally = SimulationSummary.Tally()
        for record in simulator.brandRecords {
            try producer.send(KafkaProducerMessage(topic: ContractTopicNames().brands, key: record.key, value: record.value)) { reports.record($0) }
        }
        let labels = simulator.labels
        var nextLabel = 0
        func sendLabels(through time: Int64) throws {
            while nextLabel < labels.count, labels[nextLabel].eventTime <= time {
                let label = labels[nextLabel]
                try producer.send(KafkaProducerMessage(topic: SimulatedLabel.topic, key: label.key, value: label.value)) { reports.record($0) }
                nextLabel += 1
            }
        }
        try simulator.generate { record in
            try sendLabels(through: record.eventTime)
            try producer.send(KafkaProducerMessage(topic: record.topic, key: record.key, value: record.value)) { reports.record($0) }
            tally.add(record, to: &summary)
            progress.update(summary.records)
        }
        try sendLabels(through: .max)
        progress.phase("waiting for the brokers to acknowledge every record")
        try producer.flush(timeout: .seconds(120))
        producer.close()
        let expected = summary.records + simulator.brandRecords.count + labels.count
        guard reports.failures == 0, reports.delivered == expected else {
            throw ValidationError("only \(reports.delivered) of \(expected) records were acknowledged (\(reports.failures) failed); "
                + "check that the brokers at \(brokers) are reachable and the topics exist (vigil broker creates them)")
        }
        return summary
    }
}
