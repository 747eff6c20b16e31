/// Everything that shapes a simulated marketplace: the populations, their sizes, how long
/// the simulation runs in event time and how messy delivery is.
///
/// A plain value: start from ``default`` or ``small`` and change what you need. The same
/// scenario (seed included) always yields the same bytes. ``validate()`` names any setting
/// that cannot work.
///
/// Sizes of the presets (measured): ``default`` gives 2,518 merchants (308 counterfeit in
/// 10 rings), 14,645 listings and 166,116 records (listings 28.6k, reviews 21.0k, payments
/// 60.2k, logistics 56.3k, 519 redelivered); ``small`` gives 212 merchants (38 counterfeit in
/// 3 rings) and 15,179 records.
public struct SimulationScenario: Sendable, Hashable, Codable {
    /// Name shown in reports and written to `truth.json`. Default `"default"`.
    public var name: String
    /// Seed of every random choice. Default 42.
    public var seed: UInt64
    /// Event time of the first event, epoch ms. Default 1,730,419,200,000 (2024-11-01T00:00:00Z).
    public var startTime: Int64
    /// Simulated event-time span, ms; events after `startTime + duration` are not emitted.
    /// Default 3 days.
    public var duration: Int64
    /// Ordinary honest merchants (own devices and addresses, unbranded goods). Default 2,000.
    public var honestMerchants: Int
    /// Honest merchants that share a co-working Wi-Fi, public IP and a carrier hub's ship-from
    /// address with others (they must not be taken for a ring). Default 120.
    public var coworkingMerchants: Int
    /// Co-working sites the ``coworkingMerchants`` are spread over (≥ 1 when there are any). Default 10.
    public var coworkingSites: Int
    /// Merchants authorised by one to three brands, selling near the reference price. Default 60.
    public var authorizedSellers: Int
    /// Authorised sellers running an honest 30–50 % off sale on their brand goods (they are
    /// in addition to ``authorizedSellers``). Default 30.
    public var discountSellers: Int
    /// Counterfeit rings. Default 10.
    public var rings: Int
    /// Members per ring. The first ring has the lower bound and the second the upper bound,
    /// so both extremes always occur; the others are uniform. Default 3...60.
    public var ringSize: ClosedRange<Int>
    /// Listings created per merchant during the simulation. Default 3...8.
    public var listingsPerMerchant: ClosedRange<Int>
    /// Mean orders per honest listing over the simulation. Default 5.
    public var ordersPerListing: Double
    /// Mean orders per counterfeit listing (fewer: they live shorter). Default 3.
    public var counterfeitOrdersPerListing: Double
    /// Share of a ring member's listings that are counterfeit brand goods (the rest are
    /// unbranded filler). Default 0.8.
    public var counterfeitListingShare: Double
    /// Share of counterfeit listings whose title carries counterfeit wording (EN/ZH). Default 0.4.
    public var counterfeitWordingRate: Double
    /// Share of counterfeit listings whose OCR image price contradicts the listed price. Default 0.45.
    public var ocrMismatchRate: Double
    /// Share of counterfeit listings followed by a fake-review burst from new accounts. Default 0.5.
    public var fakeReviewBurstRate: Double
    /// Share of events delivered late, by up to ``maxLateness`` (out of order). Default 0.02.
    public var outOfOrderRate: Double
    /// Largest delivery delay of a late event, ms (the contract allows a few minutes). Default 90,000.
    public var maxLateness: Int64
    /// Share of events delivered twice with the same `event_id` and bytes. Default 0.003.
    public var duplicateRate: Double
    /// Currency of every price and of the brand registry. Default `"CNY"`.
    public var currency: String

    /// Creates a scenario; every parameter defaults to the ``default`` scenario's value.
    public init(
        name: String = "default", seed: UInt64 = 42, startTime: Int64 = 1_730_419_200_000,
        duration: Int64 = 3 * 86_400_000, honestMerchants: Int = 2_000, coworkingMerchants: Int = 120,
        coworkingSites: Int = 10, authorizedSellers: Int = 60, discountSellers: Int = 30, rings: Int = 10,
        ringSize: ClosedRange<Int> = 3...60, listingsPerMerchant: ClosedRange<Int> = 3...8,
        ordersPerListing: Double = 5, counterfeitOrdersPerListing: Double = 3, counterfeitListingShare: Double = 0.8,
        counterfeitWordingRate: Double = 0.4, ocrMismatchRate: Double = 0.45, fakeReviewBurstRate: Double = 0.5,
        outOfOrderRate: Double = 0.02, maxLateness: Int64 = 90_000, duplicateRate: Double = 0.003, currency: String = "CNY"
    ) {
        self.name = name
        self.seed = seed
        self.startTime = startTime
        self.duration = duration
        self.honestMerchants = honestMerchants
        self.coworkingMerchants = coworkingMerchants
        self.coworkingSites = coworkingSites
        self.authorizedSellers = authorizedSellers
        self.discountSellers = discountSellers
        self.rings = rings
        self.ringSize = ringSize
        self.listingsPerMerchant = listingsPerMerchant
        self.ordersPerListing = ordersPerListing
        self.counterfeitOrdersPerListing = counterfeitOrdersPerListing
        self.counterfeitListingShare = counterfeitListingShare
        self.counterfeitWordingRate = counterfeitWordingRate
        self.ocrMismatchRate = ocrMismatchRate
        self.fakeReviewBurstRate = fakeReviewBurstRate
        self.outOfOrderRate = outOfOrderRate
        self.maxLateness = maxLateness
        self.duplicateRate = duplicateRate
        self.currency = currency
    }

    /// The demo's scenario: 2,210 honest merchants of four kinds and 10 rings over 3 days (≈ 166k records).
    public static let `default` = SimulationScenario()

    /// A scenario for tests: 150 honest merchants and 3 rings (3, 20 and one in between)
    /// over 3 days (≈ 15k records).
    public static let small = SimulationScenario(
        name: "small", seed: 7, honestMerchants: 150, coworkingMerchants: 12, coworkingSites: 2,
        authorizedSellers: 8, discountSellers: 4, rings: 3, ringSize: 3...20
    )

    /// The named preset: `"default"` or `"small"`; `nil` for any other name.
    public static func named(_ name: String) -> SimulationScenario? {
        switch name {
        case "default": .default
        case "small": .small
        default: nil
        }
    }

    /// Total merchants of every population.
    public var merchantUpperBound: Int {
        honestMerchants + coworkingMerchants + authorizedSellers + discountSellers + rings * ringSize.upperBound
    }

    /// Checks that the scenario can be simulated.
    /// - Throws: ``SimulationError/invalidScenario(_:)`` naming the setting and a fix.
    public func validate() throws(SimulationError) {
        func fail(_ message: String) throws(SimulationError) { throw .invalidScenario(message) }
        if duration < 3_600_000 { try fail("duration is \(duration) ms; simulate at least one hour (3,600,000 ms)") }
        if honestMerchants < 0 || coworkingMerchants < 0 || authorizedSellers < 0 || discountSellers < 0 || rings < 0 {
            try fail("population sizes must be >= 0; set honestMerchants, coworkingMerchants, authorizedSellers, discountSellers and rings to 0 or more")
        }
        if coworkingMerchants > 0 && coworkingSites < 1 { try fail("coworkingMerchants is \(coworkingMerchants) but coworkingSites is \(coworkingSites); use at least 1 site") }
        if coworkingMerchants > 0 && coworkingMerchants < 2 * coworkingSites {
            try fail("\(coworkingMerchants) co-working merchants cannot fill \(coworkingSites) sites with 2 each; lower coworkingSites or raise coworkingMerchants")
        }
        if ringSize.lowerBound < 3 || ringSize.upperBound > 60 { try fail("ringSize \(ringSize) is outside 3...60; rings have 3 to 60 shops") }
        if listingsPerMerchant.lowerBound < 1 { try fail("listingsPerMerchant \(listingsPerMerchant) must start at 1 or more") }
        if ordersPerListing < 0 || counterfeitOrdersPerListing < 0 { try fail("orders per listing must be >= 0") }
        for (label, rate) in [("counterfeitListingShare", counterfeitListingShare), ("counterfeitWordingRate", counterfeitWordingRate),
                              ("ocrMismatchRate", ocrMismatchRate), ("fakeReviewBurstRate", fakeReviewBurstRate),
                              ("outOfOrderRate", outOfOrderRate), ("duplicateRate", duplicateRate)] where !(0...1).contains(rate) {
            try fail("\(label) is \(rate); rates are fractions in 0...1")
        }
        if maxLateness < 1 || maxLateness > 300_000 { try fail("maxLateness is \(maxLateness) ms; use 1...300,000 (the contract allows a few minutes)") }
        if currency.utf8.count != 3 || !currency.utf8.allSatisfy({ (65...90).contains($0) }) {
            try fail("currency \"\(currency)\" is not an ISO 4217 code; use three capital letters such as \"CNY\"")
        }
        if merchantUpperBound > 9_999_999 { try fail("at most 9,999,999 merchants fit the id format; shrink the populations") }
    }
}
