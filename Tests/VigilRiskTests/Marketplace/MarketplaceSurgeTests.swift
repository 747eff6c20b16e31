import Testing
import VigilEngine
import VigilKafka
@testable import VigilRisk

/// The merchant stage reads a shop's review burst against the marketplace: in a marketplace-wide
/// surge (a sale: many shops bursting in the same hour) the burst rule does not fire and the
/// verdict says why; in ordinary times the same burst fires it.
@Suite("Marketplace baseline: the merchant stage reads review bursts against the marketplace")
struct MarketplaceSurgeTests {
    /// 10:00 on a midnight: every review below falls in one clock hour.
    static let start = FX.t0 + 10 * FX.hour

    /// A merchant stage over a fresh marketplace, and a way to feed it.
    final class Stage {
        let context: RiskContext
        let processor: MerchantProcessor
        private var offset: Int64 = 0

        init() throws {
            context = RiskContext(brands: FX.registry, assessor: try RiskAssessor(configuration: RiskConfiguration()), cases: nil)
            processor = MerchantProcessor(context: context)
        }

        /// Processes `event` and returns the verdicts it produced.
        @discardableResult
        func feed(_ event: MarketplaceEvent) throws -> [Verdict] {
            try feed(event, key: event.merchantID, at: event.ts)
        }

        /// Tells `merchant` that its payout account is shared with another merchant (the identifier stage's notice).
        func link(_ merchant: String, at ts: Int64) throws {
            _ = try feed(LinkNoticeMessage(kind: .payoutAccount, valueHash: "00000000000000aa", merchantID: merchant, otherMerchants: 1, ts: ts), key: merchant, at: ts)
        }

        private func feed(_ payload: any Sendable, key: String, at ts: Int64) throws -> [Verdict] {
            var processing = ProcessingContext(operatorName: "merchants")
            offset += 1
            let origin = RecordOrigin(partition: KafkaTopicPartition(topic: "marketplace.reviews", partition: 0), offset: offset)
            try processor.process(SourceRecord(source: "test", key: key, eventTime: ts, payload: payload, origin: origin), context: &processing)
            return try processing.outputs.filter { $0.sink == "verdicts" }.map { try Verdict(json: $0.value) }
        }

        /// A shop with one listing, then `reviews` five-star reviews from day-old accounts within
        /// `reviews` × 2 minutes, each on a device of its own, or on `devices` devices of a click farm.
        func shop(_ merchant: String, reviews: Int, devices: Int? = nil, at start: Int64) throws {
            try feed(.listing(FX.listing("l-\(merchant)", merchant: merchant, at: start - 30 * FX.day, seller: FX.seller(age: 400, template: .custom, verified: true))))
            for n in 0..<reviews {
                try feed(FX.review("r-\(merchant)-\(n)", merchant: merchant, at: start + Int64(n) * 2 * FX.minute, rating: 5, text: "great seller, fast",
                                   buyer: "b-\(merchant)-\(n)", age: 1, device: devices.map { "farm-\(n % $0)" } ?? "d-\(merchant)-\(n)", ip: "10.1.\(n).1"))
            }
        }

        /// The probe: a shop bursting like the others, then listing something; that listing's verdict.
        func probe() throws -> Verdict {
            try shop("m-probe", reviews: 10, at: MarketplaceSurgeTests.start)
            let later = MarketplaceSurgeTests.start + 25 * FX.minute
            let verdicts = try feed(.listing(FX.listing("l-probe-2", merchant: "m-probe", at: later, seller: FX.seller(age: 400, template: .custom, verified: true))))
            return try #require(verdicts.first { $0.subject == .listing("l-probe-2") })
        }
    }

    @Test func inOrdinaryTimesAShopsBurstFiresTheRule() throws {
        let stage = try Stage()
        for n in 0..<200 { try stage.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        for n in 0..<5 { try stage.shop("m-burst-\(n)", reviews: 10, at: Self.start) }  // too few for a surge
        let verdict = try stage.probe()
        #expect(verdict.reasons.map(\.code).contains("review_burst_new_accounts"))
        #expect(!verdict.reasons.map(\.code).contains("marketplace_review_surge"))
        #expect(stage.context.marketplace.surge(at: Self.start) == nil)
    }

    @Test func inAMarketplaceWideSurgeTheBurstIsReadAgainstTheMarketplace() throws {
        let quiet = try Stage()
        for n in 0..<200 { try quiet.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        let ordinary = try quiet.probe()

        let sale = try Stage()
        for n in 0..<200 { try sale.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        for n in 0..<40 { try sale.shop("m-sale-\(n)", reviews: 10, at: Self.start) }  // a sale's genuine buyers, each on their own device
        let surge = try #require(sale.context.marketplace.surge(at: Self.start))
        #expect(surge.burstingShops == 40 && surge.reviewedShops == 240)
        let verdict = try sale.probe()
        let codes = verdict.reasons.map(\.code)
        #expect(!codes.contains("review_burst_new_accounts"))
        let reason = try #require(verdict.reasons.first { $0.code == "marketplace_review_surge" })
        #expect(reason.weight == 0)
        #expect(reason.detail.contains("41 of 241 shops"), "\(reason.detail)")
        #expect(verdict.score <= ordinary.score)
    }

    @Test func aRingsCampaignIsNoSurge() throws {
        let stage = try Stage()
        for n in 0..<200 { try stage.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        for n in 0..<40 {
            try stage.feed(.listing(FX.listing("l-ring-\(n)", merchant: "m-ring-\(n)", at: Self.start - 30 * FX.day)))
            try stage.link("m-ring-\(n)", at: Self.start - 29 * FX.day)
            try stage.shop("m-ring-\(n)", reviews: 10, at: Self.start)
        }
        #expect(stage.context.marketplace.surge(at: Self.start) == nil, "40 linked shops bursting together are a campaign, not a season")
        #expect(try stage.probe().reasons.map(\.code).contains("review_burst_new_accounts"))
    }

    @Test func burstsFromAClickFarmsFewDevicesAreNoSeason() throws {
        let stage = try Stage()
        for n in 0..<200 { try stage.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        for n in 0..<40 { try stage.shop("m-fake-\(n)", reviews: 10, devices: 3, at: Self.start) }  // a click farm's three phones
        #expect(stage.context.marketplace.surge(at: Self.start) == nil, "bursts that are suspicious in themselves never excuse others")
        #expect(try stage.probe().reasons.map(\.code).contains("review_burst_new_accounts"))
    }

    @Test func aClickFarmsBurstInASaleIsStillTheShops() throws {
        let sale = try Stage()
        for n in 0..<200 { try sale.shop("m-quiet-\(n)", reviews: 1, at: Self.start) }
        for n in 0..<40 { try sale.shop("m-sale-\(n)", reviews: 10, at: Self.start) }
        #expect(sale.context.marketplace.surge(at: Self.start) != nil)
        try sale.shop("m-farmed", reviews: 10, devices: 3, at: Self.start)
        let verdicts = try sale.feed(.listing(FX.listing("l-farmed-2", merchant: "m-farmed", at: Self.start + 25 * FX.minute,
                                                         seller: FX.seller(age: 400, template: .custom, verified: true))))
        let codes = try #require(verdicts.first { $0.subject == .listing("l-farmed-2") }).reasons.map(\.code)
        #expect(codes.contains("review_burst_new_accounts"))
        #expect(!codes.contains("marketplace_review_surge"))
    }

    @Test func aRedeliveredReviewCountsNoShopTwice() throws {
        let stage = try Stage()
        let review = FX.review("r-once", merchant: "m-once", at: Self.start, rating: 5, text: "ok", buyer: "b", age: 1, device: "d", ip: "ip")
        try stage.feed(review)
        try stage.feed(review)
        try stage.feed(FX.review("r-twice", merchant: "m-once", at: Self.start + FX.minute, rating: 5, text: "ok", buyer: "b2", age: 1, device: "d2", ip: "ip2"))
        for n in 0..<9 { try stage.shop("m-b-\(n)", reviews: 10, at: Self.start) }
        // 10 shops reviewed (m-once counted once), 9 bursting: one more bursting shop makes a surge.
        #expect(stage.context.marketplace.surge(at: Self.start) == nil)
        try stage.shop("m-b-9", reviews: 10, at: Self.start)
        #expect(stage.context.marketplace.surge(at: Self.start) == ReviewSurge(hour: MarketplaceBaseline.hour(of: Self.start), burstingShops: 10, reviewedShops: 11))
    }
}
