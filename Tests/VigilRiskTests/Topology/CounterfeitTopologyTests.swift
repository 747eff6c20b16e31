import Foundation
import Synchronization
import Testing
import VigilEngine
import VigilKafka
import VigilRisk
import VigilState
import VigilTestSupport

/// The repository root, found from this file's path.

private func listing(_ eventID: String, merchant: String, ts: Int64, listingID: String, title: String, price: Double, ocr: [Double], device: String, ip: String, image: String, logos: [String] = ["Rolex"], age: Int = 3, template: String = "basic") -> (String, [UInt8]) {
    let json = """
    {"event_id":"\(eventID)","merchant_id":"\(merchant)","ts":\(ts),"listing_id":"\(listingID)","action":"create","title":"\(title)",\
    "brand":"Rolex","category":"watches","price":\(price),"currency":"CNY","stock":20,"image_text_prices":\(ocr),"logos":\(logos.map { "\"\($0)\"" }),\
    "image_hashes":["\(image)"],"seller":{"store_age_days":\(age),"template":"\(template)","verified_id":false,"device_id":"\(device)","ip":"\(ip)","wifi_bssid":null},"extra_field_ignored":1}
    """
    return (merchant, Array(json.utf8))
}

@Suite("Counterfeit topology on the embedded cluster", .serialized)
struct CounterfeitTopologyTests {
    @Test("listings get verdicts with reasons, linked counterfeit shops become a lead, an upheld appeal allows, bad input and bad labels go to the DLQ; outputs parse against the contract")
    func endToEnd() throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let brandsFile = FileManager.default.temporaryDirectory.appendingPathComponent("brands-\(UUID().uuidString).json").path
        try #"{"currency": "CNY", "brands": {"Rolex": {"reference_prices": {"watches": 68000.0}, "authorized_merchants": ["m-auth"]}}}"#
            .write(toFile: brandsFile, atomically: true, encoding: .utf8)
        let casesFile = FileManager.default.temporaryDirectory.appendingPathComponent("cases-\(UUID().uuidString).sqlite").path
        let context = RiskContext(
            brands: try BrandRegistry(contentsOfFile: brandsFile),
            assessor: try RiskAssessor(configuration: RiskConfiguration.load(path: repositoryRoot.appendingPathComponent("config/risk.yml").path)),
            cases: try CaseStore(path: casesFile)
        )
        let registry = TopologyRegistry.standard()
        CounterfeitTopology.register(into: registry, context: context)
        let topology = try TopologyLoader(registry: registry, defaultLaneCount: 2).load(file: repositoryRoot.appendingPathComponent("topologies/counterfeit.yml").path)
        for name in Set(topology.inputTopics + Array(topology.sinkTopics.values) + [topology.deadLetterTopic]) {
            try cluster.createTopic(name, partitions: name == "vigil.ring-input" ? 1 : 4)
        }

        let base: Int64 = 1_700_000_000_000
        let records = [
            listing("e1", merchant: "m-fake-1", ts: base, listingID: "l1", title: "Rolex Submariner 高仿 AAA", price: 100_000, ocr: [780], device: "dev-x", ip: "10.0.0.9", image: "img-1"),
            listing("e2", merchant: "m-fake-2", ts: base + 1_000, listingID: "l2", title: "Rolex Daytona 1:1", price: 800, ocr: [], device: "dev-x", ip: "10.0.0.9", image: "img-1"),
            listing("e3", merchant: "m-auth", ts: base + 2_000, listingID: "l3", title: "Rolex Datejust", price: 69_000, ocr: [69_000], device: "dev-a", ip: "10.9.9.9", image: "img-3", age: 900, template: "custom"),
            ("m-bad", Array(#"{"event_id":"e4","merchant_id":"m-bad","ts":"yesterday"}"#.utf8)),
        ]
        let producer = try KafkaProducer(configuration: cluster.clientConfiguration())
        for (key, value) in records {
            try producer.send(KafkaProducerMessage(topic: "marketplace.listings", key: key, value: value)) { precondition($0.isDelivered) }
        }
        let labels: [(String, [UInt8])] = [
            ("m-fake-2", Array(#"{"event_id":"lab-1","merchant_id":"m-fake-2","ts":1700000060000,"label_id":"L-1","listing_id":null,"outcome":"genuine","source":"appeal","brand":"Rolex","note":"receipts shown"}"#.utf8)),
            ("m-fake-1", Array(#"{"event_id":"lab-2","merchant_id":"m-fake-1","ts":1700000060000,"label_id":"L-2","source":"test_buy"}"#.utf8)),
        ]
        try producer.flush()

        let engine = try StreamEngine(topology: topology, configuration: EngineConfiguration(kafka: cluster.clientConfiguration(), assignment: .all), checkpoints: nil)
        let done = DispatchSemaphore(value: 0)
        Thread { try? engine.run(); done.signal() }.start()
        let reader = try KafkaConsumer(configuration: cluster.consumerConfiguration(), groupID: "reader-\(UUID().uuidString)")
        try reader.subscribe(topics: ["risk.verdicts", "risk.leads", "risk.dlq"])
        var verdicts: [Verdict] = []
        var leads: [Lead] = []
        var letters: [KafkaConsumerMessage] = []
        var labelsSent = false
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while ContinuousClock.now < deadline, verdicts.filter({ $0.listingID != nil }).count < 3 || leads.isEmpty || letters.count < 2
                || !verdicts.contains(where: { $0.eventID == "lab-1" }) {
            // The outcomes come after the verdicts they judge, as they do on a marketplace.
            if !labelsSent, verdicts.filter({ $0.listingID != nil }).count == 3 {
                labelsSent = true
                for (key, value) in labels {
                    try producer.send(KafkaProducerMessage(topic: "marketplace.labels", key: key, value: value)) { precondition($0.isDelivered) }
                }
                try producer.flush()
            }
            for message in reader.poll(maxMessages: 1000, timeout: .milliseconds(200)) {
                let data = Data(message.value ?? [])
                switch message.topic {
                case "risk.verdicts": verdicts.append(try JSONDecoder().decode(Verdict.self, from: data))
                case "risk.leads": leads.append(try JSONDecoder().decode(Lead.self, from: data))
                default: letters.append(message)
                }
            }
        }
        reader.close()
        producer.close()
        engine.stop()
        done.wait()

        let byListing = Dictionary(verdicts.compactMap { verdict in verdict.listingID.map { ($0, verdict) } }, uniquingKeysWith: { first, _ in first })
        let first = try #require(byListing["l1"])
        #expect(first.decision == .intercept)
        #expect(first.reasons.contains { $0.code == "ocr_price_mismatch" })
        #expect(first.reasons.contains { $0.code == "counterfeit_wording" })
        #expect(first.eventID == "e1" && first.eventTS == base)
        #expect(first.reasons.map(\.weight) == first.reasons.map(\.weight).sorted(by: >), "reasons strongest first")
        let second = try #require(byListing["l2"])
        #expect(second.decision == .intercept, "\(second.reasons)")
        #expect(second.reasons.contains { $0.code == "price_far_below_reference" })
        let honest = try #require(byListing["l3"])
        #expect(honest.decision == .allow)
        // The merchant behind an intercepted listing goes at least to a reviewer (with the learned
        // model one intercepted listing holds the listing, not yet the whole shop).
        #expect(verdicts.contains { $0.subject == .merchant && $0.merchantID == "m-fake-1" && $0.decision >= .review },
                "\(verdicts.filter { $0.subject == .merchant }.map { "\($0.merchantID) \($0.decision) \($0.score)" })")
        #expect(!verdicts.contains { $0.merchantID == "m-auth" && $0.decision != .allow })

        let lead = try #require(leads.last)
        #expect(lead.merchants == ["m-fake-1", "m-fake-2"])
        #expect(lead.links.contains { $0.kind.rawValue == "device_id" && $0.merchants == ["m-fake-1", "m-fake-2"] })
        #expect(lead.score >= 60)
        #expect(try CaseStore(path: casesFile).show(lead.ringID) != nil, "the lead is kept in the case store")

        let appeal = try #require(verdicts.first { $0.eventID == "lab-1" })
        #expect(appeal.subject == .merchant && appeal.merchantID == "m-fake-2")
        #expect(appeal.decision == .allow)
        #expect(appeal.reasons.first?.code == "appeal_upheld")
        #expect(try CaseStore(path: casesFile).labels(of: "m-fake-2").map(\.labelID) == ["L-1"])

        #expect(letters.count == 2)
        let badEvent = try #require(letters.first { $0.topic == "risk.dlq" && $0.header("dlq.topic")?.stringValue == "marketplace.listings" })
        #expect(badEvent.header("dlq.reason")?.stringValue?.contains("'ts'") == true)
        #expect(badEvent.value == records[3].1)
        let badLabel = try #require(letters.first { $0.header("dlq.topic")?.stringValue == "marketplace.labels" })
        #expect(badLabel.header("dlq.reason")?.stringValue?.contains("'outcome'") == true, "the reason names the missing field")
        #expect(badLabel.value == labels[1].1, "the label reaches the DLQ unchanged")
    }
}
