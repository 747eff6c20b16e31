import Foundation
import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk

/// Labels through the merchant stage: appeals reverse intercepts, counterfeit labels confirm,
/// a label waits for a merchant not seen yet, and all of it survives a checkpoint.
@Suite("Labels: the merchant stage applies established outcomes")
struct MerchantLabelTests {
    final class Harness {
        let processor: MerchantProcessor
        let cases: CaseStore
        var offset: Int64 = 0

        init(directory: URL) throws {
            cases = try CaseStore(path: directory.appendingPathComponent("cases.sqlite").path)
            processor = MerchantProcessor(context: RiskContext(brands: FX.registry, assessor: try RiskAssessor(configuration: .default), cases: cases))
        }

        /// Feeds one payload; returns the verdicts and ring inputs it caused.
        func feed(_ merchant: String, _ payload: any Sendable, ts: Int64) throws -> (verdicts: [Verdict], ring: [RingInputMessage]) {
            var context = ProcessingContext(operatorName: "merchants")
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.labels", partition: 0), offset: offset)
            offset += 1
            try processor.process(SourceRecord(source: "test", key: merchant, eventTime: ts, payload: payload, origin: origin), context: &context)
            let verdicts = try context.outputs.filter { $0.sink == "verdicts" }.map { try JSONDecoder().decode(Verdict.self, from: Data($0.value)) }
            let ring = try context.outputs.filter { $0.sink == "ring" }.map { try InternalCodec.decode(RingInputMessage.self, $0.value) }
            return (verdicts, ring)
        }
    }

    static func counterfeitListing(_ id: String, merchant: String, at ts: Int64) -> MarketplaceEvent {
        .listing(FX.listing(id, merchant: merchant, at: ts, title: "高仿 Rolex Submariner 劳力士", brand: "Rolex", category: "watches",
                            price: 100_000, stock: 50, ocr: [780], logos: ["Rolex"], images: ["img-\(id)"], seller: FX.seller(age: 2)))
    }

    static func plainListing(_ id: String, merchant: String, at ts: Int64) -> MarketplaceEvent {
        .listing(FX.listing(id, merchant: merchant, at: ts, title: "USB stick 32GB", price: 30, seller: FX.seller(age: 400, template: .custom, verified: true)))
    }

    static func label(_ id: String, merchant: String, at ts: Int64, listing: String? = nil, _ outcome: LabelEvent.Outcome, _ source: LabelEvent.Source) -> LabelEvent {
        LabelEvent(eventID: "ev-\(id)", merchantID: merchant, ts: ts, labelID: id, listingID: listing, outcome: outcome, source: source,
                   brand: "Rolex", note: "case note for \(id)")
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("an upheld appeal emits allow with appeal_upheld, caps later listings at review, stops raising neighbours, and is kept in the case store")
    func appeal() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try Harness(directory: directory)
        let m = "m-appeal"
        let link = LinkNoticeMessage(kind: .device, valueHash: "00000000000000ab", merchantID: m, otherMerchants: 1, ts: FX.t0)
        _ = try h.feed(m, link, ts: FX.t0)
        let first = try h.feed(m, Self.counterfeitListing("l1", merchant: m, at: FX.t0 + FX.minute), ts: FX.t0 + FX.minute)
        #expect(first.verdicts.first { $0.subject == .listing("l1") }?.decision == .intercept)
        let merchantBefore = first.verdicts.last { $0.subject == .merchant }?.decision

        let appeal = Self.label("A-1", merchant: m, at: FX.t0 + FX.day, .genuine, .appeal)
        let upheld = try h.feed(m, appeal, ts: appeal.ts)
        let verdict = try #require(upheld.verdicts.first { $0.subject == .merchant }, "an upheld appeal always emits a merchant verdict (before: \(String(describing: merchantBefore)))")
        #expect(verdict.decision == .allow)
        #expect(verdict.score < 50)
        #expect(verdict.reasons.first?.code == "appeal_upheld")
        #expect(verdict.eventID == "ev-A-1")
        #expect(upheld.ring.contains { $0.kind == .risk && $0.score == 0 && $0.intercepted == false }, "a cleared merchant reports risk 0 to the ring stage")
        #expect(try h.cases.labels(of: m).map(\.labelID) == ["A-1"])
        #expect(try h.cases.labels(of: m).first?.note == "case note for A-1")

        let later = try h.feed(m, Self.counterfeitListing("l2", merchant: m, at: FX.t0 + FX.day + FX.hour), ts: FX.t0 + FX.day + FX.hour)
        let listing = try #require(later.verdicts.first { $0.subject == .listing("l2") })
        #expect(listing.decision == .review, "a cleared merchant's listings go to a reviewer, never to an automatic takedown")
        #expect(listing.score < 80)
        #expect(listing.reasons.first?.code == "appeal_upheld")

        // A later counterfeit label confirms the merchant again.
        let testBuy = Self.label("T-1", merchant: m, at: FX.t0 + 2 * FX.day, listing: "l2", .counterfeit, .testBuy)
        let confirmed = try h.feed(m, testBuy, ts: testBuy.ts)
        let again = try #require(confirmed.verdicts.first { $0.subject == .merchant })
        #expect(again.decision == .intercept)
        #expect(again.score >= 95)
        #expect(again.reasons.first?.code == "label_counterfeit")
        #expect(again.reasons.first?.detail.contains("test_buy") == true)

        // A redelivered label changes nothing and emits nothing.
        #expect(try h.feed(m, testBuy, ts: testBuy.ts).verdicts.isEmpty)
        #expect(try h.cases.labels(of: m).count == 2)
    }

    @Test("a label for a merchant not seen yet is kept until it appears, survives a checkpoint, and expires with its entry")
    func pending() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try Harness(directory: directory)
        let m = "m-later"
        let complaint = Self.label("R-1", merchant: m, at: FX.t0, .counterfeit, .testBuy)
        let early = try h.feed(m, complaint, ts: complaint.ts)
        #expect(early.verdicts.isEmpty, "nothing to judge before the merchant's first event")
        #expect(h.processor.keyCount == 1, "the label is kept, not dropped")

        let restored = try Harness(directory: directory)
        for (key, state) in h.processor.snapshot() { try restored.processor.restore(key: key, state: state) }
        let out = try restored.feed(m, Self.plainListing("p1", merchant: m, at: FX.t0 + FX.hour), ts: FX.t0 + FX.hour)
        #expect(out.verdicts.first { $0.subject == .listing("p1") }?.decision == .review, "a confirmed merchant's listings are at least reviewed")
        let merchant = try #require(out.verdicts.first { $0.subject == .merchant })
        #expect(merchant.decision == .intercept)
        #expect(merchant.reasons.first?.code == "label_counterfeit")

        // A label whose merchant never appears expires with its entry, idle_ttl after the label.
        let orphan = Self.label("R-2", merchant: "m-never", at: FX.t0, .counterfeit, .testBuy)
        _ = try h.feed("m-never", orphan, ts: orphan.ts)
        #expect(h.processor.evictIdle(olderThan: FX.t0 - 1) == 0, "still within its time to live")
        #expect(h.processor.evictIdle(olderThan: FX.t0 + 1) == 2)
        #expect(h.processor.keyCount == 0)
    }

    @Test("a genuine test buy of one listing clears that listing only")
    func genuineListing() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try Harness(directory: directory)
        let m = "m-mixed"
        _ = try h.feed(m, Self.plainListing("p0", merchant: m, at: FX.t0), ts: FX.t0)
        let genuine = Self.label("T-9", merchant: m, at: FX.t0 + FX.minute, listing: "l7", .genuine, .testBuy)
        _ = try h.feed(m, genuine, ts: genuine.ts)
        let cleared = try h.feed(m, Self.counterfeitListing("l7", merchant: m, at: FX.t0 + FX.hour), ts: FX.t0 + FX.hour)
        #expect(cleared.verdicts.first { $0.subject == .listing("l7") }?.decision == .review)
        let other = try h.feed(m, Self.counterfeitListing("l8", merchant: m, at: FX.t0 + 2 * FX.hour), ts: FX.t0 + 2 * FX.hour)
        #expect(other.verdicts.first { $0.subject == .listing("l8") }?.decision == .intercept)
    }

    @Test("a label counts only from when it was established, and a rights holder's complaint sends to review rather than taking down")
    func pointInTimeAndComplaints() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let h = try Harness(directory: directory)
        let m = "m-early"
        // Read ahead of the listings (another topic's backlog), a test buy established a day later
        // does not judge the listing made before it.
        _ = try h.feed(m, Self.label("T-5", merchant: m, at: FX.t0 + FX.day, .counterfeit, .testBuy), ts: FX.t0 + FX.day)
        let before = try h.feed(m, Self.plainListing("p1", merchant: m, at: FX.t0), ts: FX.t0)
        #expect(before.verdicts.first { $0.subject == .listing("p1") }?.decision == .allow)
        #expect(before.verdicts.allSatisfy { !$0.reasons.contains { $0.code == "label_counterfeit" } })
        let after = try h.feed(m, Self.plainListing("p2", merchant: m, at: FX.t0 + 2 * FX.day), ts: FX.t0 + 2 * FX.day)
        #expect(after.verdicts.first { $0.subject == .listing("p2") }?.reasons.first?.code == "label_counterfeit")

        let shop = "m-complained"
        _ = try h.feed(shop, Self.plainListing("q1", merchant: shop, at: FX.t0), ts: FX.t0)
        let complained = try h.feed(shop, Self.label("R-7", merchant: shop, at: FX.t0 + FX.hour, .counterfeit, .rightsHolder), ts: FX.t0 + FX.hour)
        let merchant = try #require(complained.verdicts.first { $0.subject == .merchant })
        #expect(merchant.decision == .review, "rights holders are sometimes wrong: a reviewer decides")
        #expect(merchant.reasons.first?.code == "rights_holder_complaint")
        let appeal = try h.feed(shop, Self.label("A-7", merchant: shop, at: FX.t0 + 2 * FX.hour, .genuine, .appeal), ts: FX.t0 + 2 * FX.hour)
        #expect(appeal.verdicts.first { $0.subject == .merchant }?.decision == .allow)
    }
}
