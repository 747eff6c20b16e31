import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk
@testable import VigilSimulation

/// The ring stage's output must not depend on how its inputs interleave on `vigil.ring-input`:
/// only the order of messages with the same key (one identifier, one merchant) is guaranteed.
@Suite("Rings: the ring stage is order-independent")
struct RingStageOrderTests {
    /// Two counterfeit rings (a payout account and a device each), an honest pair on a public
    /// Wi-Fi that turns common, risk reports and cumulative shipment reports: one queue of
    /// messages per key, in the order that key's messages were produced.
    static func inputQueues() -> [[RingInputMessage]] {
        var index = IdentifierIndex(policy: .default)
        var queues: [String: [RingInputMessage]] = [:]
        var ts: Int64 = 1_700_000_000_000
        func sight(_ kind: IdentifierKind, _ raw: String, _ merchant: String) {
            ts += 1_000
            guard let event = index.record(RingsFixture.sighting(kind, raw, merchant, ts: ts)) else { return }
            let message = RingInputMessage(
                kind: .link, ts: ts, identifierKind: kind, valueHash: event.identifier.valueHash,
                members: event.members.map { [$0.merchantID, $0.eventID] }, weight: event.weight, common: event.status == .common)
            queues["link:\(kind.rawValue):\(event.identifier.valueHash)", default: []].append(message)
        }
        for ring in ["a", "b"] {
            for member in 1...4 {
                sight(.payoutAccount, "payout-\(ring)", "m-\(ring)\(member)")
                sight(.device, "device-\(ring)", "m-\(ring)\(member)")
            }
        }
        for member in 1...40 { sight(.wifi, "mall-wifi", "m-honest-\(member)") }
        for ring in ["a", "b"] {
            for member in 1...4 {
                let merchant = "m-\(ring)\(member)"
                for (score, intercepted) in [(45, false), (80, true)] {
                    ts += 1_000
                    queues["risk:\(merchant)", default: []].append(RingInputMessage(
                        kind: .risk, ts: ts, merchantID: merchant, score: score, intercepted: intercepted,
                        evidence: [LeadEvidence(merchantID: merchant, eventID: "e-\(merchant)-\(score)", reasonCode: "ocr_price_mismatch")]))
                }
                for shipments in 1...3 {
                    ts += 1_000
                    let district = ShipFromCount(province: "Fujian", city: "Putian", district: ring == "a" ? "Licheng" : "Hanjiang", count: shipments)
                    queues["ship:\(merchant)", default: []].append(RingInputMessage(kind: .shipment, ts: ts, merchantID: merchant, shipFrom: [district]))
                }
            }
        }
        return queues.keys.sorted().map { queues[$0]! }
    }

    /// What the stage ends up telling the world, ring ids aside (they depend on which pair linked first).
    struct Outcome: Equatable, CustomStringConvertible {
        var leadMembers: Set<[String]>
        var leadShipFrom: Set<[String]>
        var features: [String: String]
        /// Lead records published (not compared: batches publish fewer).
        var leadsPublished = 0
        static func == (a: Outcome, b: Outcome) -> Bool { a.leadMembers == b.leadMembers && a.leadShipFrom == b.leadShipFrom && a.features == b.features }
        var description: String { "leads \(leadMembers.sorted { $0.lexicographicallyPrecedes($1) }), ship-from \(leadShipFrom), features \(features.sorted { $0.key < $1.key })" }
    }

    /// Feeds one interleaving of the queues through a fresh ring stage (no case store), in lane
    /// batches of `batch` records (the stage publishes at each batch's last record).
    static func run(_ queues: [[RingInputMessage]], seed: UInt64?, batch: Int = 1) throws -> Outcome {
        let processor = RingProcessor(context: RiskContext(brands: BrandRegistry(currency: "CNY"), assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil))
        var pending = queues
        var rng = SimulationRNG(seed: seed ?? 0)
        var latestLead: [String: Lead] = [:]
        var features: [String: String] = [:]
        var offset: Int64 = 0
        var leadsPublished = 0
        let total = queues.reduce(0) { $0 + $1.count }
        while let next = pending.indices.filter({ !pending[$0].isEmpty }).randomElement(using: &rng) {
            let queue = seed == nil ? pending.indices.first { !pending[$0].isEmpty }! : next
            let message = pending[queue].removeFirst()
            var context = ProcessingContext(operatorName: "rings")
            context.moreFollowInBatch = (offset + 1) % Int64(batch) != 0 && offset + 1 < total
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "vigil.ring-input", partition: 0), offset: offset)
            offset += 1
            try processor.process(SourceRecord(source: "ring-input", key: "ring", eventTime: message.ts, payload: message, origin: origin), context: &context)
            for output in context.outputs {
                switch output.sink {
                case "leads":
                    let lead = try JSONDecoder().decode(Lead.self, from: Data(output.value))
                    latestLead[lead.ringID] = lead
                    leadsPublished += 1
                case "ring-features":
                    let message = try InternalCodec.decode(RingFeaturesMessage.self, output.value)
                    features[message.merchantID] = "size \(message.ringSize) intercepted \(message.linkedIntercepted) max \(message.maxLinkedScore) mean \(message.meanLinkedScore) shared \(message.sharedIdentifiers.sorted { $0.key < $1.key })"
                default:
                    Issue.record("unexpected sink \(output.sink)")
                }
            }
        }
        // Leads of rings absorbed by a merge would be closed in the case store; keep the live ones.
        let live = latestLead.values.filter { lead in !latestLead.values.contains { $0.ringID != lead.ringID && Set(lead.merchants).isStrictSubset(of: Set($0.merchants)) } }
        return Outcome(leadMembers: Set(live.map(\.merchants)), leadShipFrom: Set(live.map { $0.shipFrom.map { "\($0.province)/\($0.city)/\($0.district): \($0.count)" } }), features: features, leadsPublished: leadsPublished)
    }

    @Test("every interleaving of the same per-key inputs ends with the same leads and ring features")
    func interleavings() throws {
        let queues = Self.inputQueues()
        let reference = try Self.run(queues, seed: nil)
        #expect(reference.leadMembers == [["m-a1", "m-a2", "m-a3", "m-a4"], ["m-b1", "m-b2", "m-b3", "m-b4"]])
        #expect(reference.leadShipFrom.contains(["Fujian/Putian/Licheng: 12"]), "\(reference.leadShipFrom)")
        #expect(reference.features["m-a1"]?.hasPrefix("size 4 intercepted 3 max 80 mean 80.0") == true, "\(reference.features["m-a1"] ?? "none")")
        let honest = reference.features.filter { $0.key.hasPrefix("m-honest") }.values
        #expect(honest.allSatisfy { $0 == "size 1 intercepted 0 max 0 mean 0.0 shared []" }, "honest merchants on a public Wi-Fi end in no ring, sharing nothing: \(Set(honest))")
        for seed in UInt64(1)...12 {
            let outcome = try Self.run(queues, seed: seed)
            #expect(outcome == reference, "interleaving \(seed) differs:\n\(outcome)\nvs\n\(reference)")
        }
    }

    @Test("publishing once per lane batch ends with the same leads and ring features, and publishes fewer leads")
    func batches() throws {
        let queues = Self.inputQueues()
        let reference = try Self.run(queues, seed: 3)
        for batch in [2, 7, 1_000] {
            var outcome = try Self.run(queues, seed: 3, batch: batch)
            // A merchant in a ring only between two publications is never told of it, so it is
            // never told it left either: no features message is the same as "in no ring".
            let none = "size 1 intercepted 0 max 0 mean 0.0 shared []"
            for (merchant, features) in reference.features where outcome.features[merchant] == nil && features == none {
                outcome.features[merchant] = none
            }
            #expect(outcome == reference, "batches of \(batch) differ:\n\(outcome)\nvs\n\(reference)")
            #expect(outcome.leadsPublished < reference.leadsPublished, "batches of \(batch): \(outcome.leadsPublished) leads vs \(reference.leadsPublished)")
        }
        #expect(try Self.run(queues, seed: 3, batch: 1_000).leadsPublished == 2, "one batch: one lead per ring")
    }
}
