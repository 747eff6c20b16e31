import VigilRisk

extension SimulationScenario {
    /// A marketplace drawn from `seed`: every population size, rate and trait comes from the
    /// seed, so models can be trained on some seeds and judged on others.
    ///
    /// Named `random-<seed>`; its data use the same seed. A draw has 1,500–4,000 merchants
    /// and roughly 80k–250k records over 2–4 days; rings of 3–60 shops (2–14 rings); each of
    /// co-working shops, discount sellers, second-hand resellers, new stores, multi-shop
    /// owners, fulfilment clients and solo counterfeiters is absent in some draws; the
    /// festival sale is on in about 60 % of draws; official images are published in about
    /// half; labels are always on. ``parameterSummary`` shows what was drawn.
    public static func random(seed: UInt64) -> SimulationScenario {
        var rng = SimulationRNG(seed: seed).fork(0x5CE7_A210)
        func maybe(_ presence: Double, _ range: ClosedRange<Int>) -> Int { rng.chance(presence) ? rng.int(in: range) : 0 }
        let day: Int64 = 86_400_000
        var s = SimulationScenario(name: "random-\(seed)", seed: seed)
        s.duration = Int64(rng.int(in: 2...4)) * day
        s.rings = rng.int(in: 2...14)
        let smallest = rng.int(in: 3...10)
        s.ringSize = smallest...rng.int(in: max(smallest + 10, 20)...60)
        s.coworkingMerchants = maybe(0.8, 20...200)
        s.coworkingSites = max(1, s.coworkingMerchants / rng.int(in: 5...20))
        s.authorizedSellers = rng.int(in: 20...150)
        s.discountSellers = maybe(0.75, 10...80)
        s.secondHandResellers = maybe(0.8, 20...200)
        s.newStores = maybe(0.85, 50...400)
        s.multiShopOwners = maybe(0.8, 10...80)
        s.shopsPerOwner = 2...3
        s.fulfilmentClients = maybe(0.8, 40...600)
        s.fulfilmentWarehouses = max(1, s.fulfilmentClients / rng.int(in: 40...300))
        s.soloCounterfeiters = maybe(0.8, 10...120)
        let target = rng.int(in: 1_600...3_900)
        let others = s.coworkingMerchants + s.authorizedSellers + s.discountSellers + s.secondHandResellers + s.newStores
            + s.multiShopOwners * 5 / 2 + s.fulfilmentClients + s.soloCounterfeiters
            + s.rings * (s.ringSize.lowerBound + s.ringSize.upperBound) / 2
        s.honestMerchants = max(300, target - others)
        let lower = rng.int(in: 2...4)
        s.listingsPerMerchant = lower...(lower + rng.int(in: 3...6))
        // The presets make about 66 records per merchant at 5 orders per listing and 3...8
        // listings; scale the order rate so that the whole lands near 100k–220k records.
        let events = Double(rng.int(in: 100_000...220_000))
        let perMerchant = events / Double(s.honestMerchants + others)
        let listingScale = 5.5 / Double(s.listingsPerMerchant.lowerBound + s.listingsPerMerchant.upperBound) * 2
        s.ordersPerListing = min(9, max(2, 5 * perMerchant / 66 * listingScale))
        s.counterfeitOrdersPerListing = rng.double(in: 2...4)
        s.counterfeitListingShare = rng.double(in: 0.6...0.95)
        s.counterfeitWordingRate = rng.double(in: 0.1...0.5)
        s.ocrMismatchRate = rng.double(in: 0.2...0.6)
        s.fakeReviewBurstRate = rng.double(in: 0.2...0.7)
        s.outOfOrderRate = rng.double(in: 0.005...0.04)
        s.maxLateness = rng.int64(in: 30_000...180_000)
        s.duplicateRate = rng.double(in: 0...0.01)
        s.officialImagesPublished = rng.chance(0.5)
        if rng.chance(0.6) {
            let length = min(Int64(rng.int(in: 12...48)) * 3_600_000, s.duration * 7 / 10)
            s.festival = FestivalSale(startOffset: rng.int64(in: (s.duration / 5)...max(s.duration / 5, s.duration - length - 3_600_000)),
                                      length: length, shopShare: rng.double(in: 0.1...0.5),
                                      discountPercent: 20...50, reviewBurstRate: rng.double(in: 0.2...0.6),
                                      newAccountShare: rng.double(in: 0.2...0.6))
        }
        s.logoMisdetectionRate = rng.double(in: 0.002...0.02)
        s.harmlessSlangRate = rng.double(in: 0.01...0.05)
        s.adaptiveCounterfeiterShare = rng.double(in: 0...0.5)
        s.labels = LabelPolicy(testBuyRate: rng.double(in: 0.01...0.05), complaintRate: rng.double(in: 0.02...0.1),
                               wrongComplaintShare: rng.double(in: 0.05...0.3), enforcementShare: rng.double(in: 0.2...0.6),
                               manualReviewRate: rng.double(in: 0...0.003))
        return s
    }

    /// One ``random(seed:)`` draw per seed, in order: the evaluation sweep's set of
    /// marketplaces (e.g. train on `random(seeds: 1...20)`, judge on `random(seeds: 101...110)`).
    public static func random<Seeds: Sequence<UInt64>>(seeds: Seeds) -> [SimulationScenario] {
        seeds.map { random(seed: $0) }
    }

    /// The scenario called `name`, with `seed` when given: `"default"` and `"small"` (the
    /// seed replaces the preset's), `"random"` (needs `seed`: ``random(seed:)``) and
    /// `"random-N"` (a given `seed` replaces N); `nil` for an unknown name or `"random"` without a seed. The evaluation
    /// sweep's entry point: `SimulationScenario.named("random", seed: 17)`.
    public static func named(_ name: String, seed: UInt64?) -> SimulationScenario? {
        if name == "random" { return seed.map { random(seed: $0) } }
        guard var scenario = named(name) else { return nil }
        if let seed {
            if name.hasPrefix("random-") { return random(seed: seed) }
            scenario.seed = seed
        }
        return scenario
    }

    /// The drawn parameters in one compact line of `key=value` pairs, for reports:
    /// `honest` … `solo` population sizes (`rings=N×lo..hi`, `owners=N×lo..hi`,
    /// `fulfilment=N/W` clients over warehouses, `coworking=N/S` over sites), `days`,
    /// `listings` per merchant, `orders` per honest/counterfeit listing, `cf` counterfeit
    /// rates (listing share/wording/OCR mismatch/fake-review burst), `adaptive` share,
    /// `festival` (`off`, or `Nh@+Hh,share,lo-hi%`), `images` (`published`/`private`),
    /// `logo_err` and `slang` rates, and `labels` (`off`, or
    /// `tb<test buy>/rh<complaint>/wrong<share>/enf<share>/mr<manual>`).
    public var parameterSummary: String {
        func r(_ value: Double) -> String {
            let scaled = Int((value * 1_000).rounded())
            let text = String(scaled % 1_000)
            return "\(scaled / 1_000)." + String(repeating: "0", count: 3 - text.count) + text
        }
        let hour: Int64 = 3_600_000
        let festivalText = festival.map {
            "\($0.length / hour)h@+\($0.startOffset / hour)h,\(r($0.shopShare)),\($0.discountPercent.lowerBound)-\($0.discountPercent.upperBound)%"
        } ?? "off"
        let labelText = labels.map {
            "tb\(r($0.testBuyRate))/rh\(r($0.complaintRate))/wrong\(r($0.wrongComplaintShare))/enf\(r($0.enforcementShare))/mr\(r($0.manualReviewRate))"
        } ?? "off"
        return [
            "honest=\(honestMerchants)", "coworking=\(coworkingMerchants)/\(coworkingSites)", "authorized=\(authorizedSellers)",
            "discount=\(discountSellers)", "resellers=\(secondHandResellers)", "new=\(newStores)",
            "owners=\(multiShopOwners)×\(shopsPerOwner.lowerBound)..\(shopsPerOwner.upperBound)",
            "fulfilment=\(fulfilmentClients)/\(fulfilmentWarehouses)", "rings=\(rings)×\(ringSize.lowerBound)..\(ringSize.upperBound)",
            "solo=\(soloCounterfeiters)", "days=\(r(Double(duration) / Double(24 * hour)))",
            "listings=\(listingsPerMerchant.lowerBound)..\(listingsPerMerchant.upperBound)",
            "orders=\(r(ordersPerListing))/\(r(counterfeitOrdersPerListing))",
            "cf=\(r(counterfeitListingShare))/\(r(counterfeitWordingRate))/\(r(ocrMismatchRate))/\(r(fakeReviewBurstRate))",
            "adaptive=\(r(adaptiveCounterfeiterShare))", "festival=\(festivalText)",
            "images=\(officialImagesPublished ? "published" : "private")", "logo_err=\(r(logoMisdetectionRate))",
            "slang=\(r(harmlessSlangRate))", "labels=\(labelText)",
        ].joined(separator: " ")
    }
}
