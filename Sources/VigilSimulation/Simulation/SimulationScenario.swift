import VigilRisk

/// Everything that shapes a simulated marketplace: the populations, their sizes, how long
/// the simulation runs in event time and how messy delivery is.
///
/// A plain value: start from ``default``, ``small`` or ``random(seed:)`` (every size, rate
/// and trait drawn from a seed) and change what you need. The same
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

    // Honest look-alikes and harder counterfeiters: every one is off (0, `false`, `nil`) by
    // default, so ``default`` and ``small`` stay as they were.

    /// Honest resellers of genuine second-hand brand goods (not authorised). Default 0.
    public var secondHandResellers: Int
    /// Honest brand-new stores with few orders. Default 0.
    public var newStores: Int
    /// Owners each running ``shopsPerOwner`` honest shops from one device. Default 0.
    public var multiShopOwners: Int
    /// Shops per multi-shop owner, drawn per owner. Default 2...3.
    public var shopsPerOwner: ClosedRange<Int>
    /// Honest shops shipping from a shared fulfilment warehouse. Default 0.
    public var fulfilmentClients: Int
    /// Warehouses the ``fulfilmentClients`` are spread over (each serves 20 or more). Default 1.
    public var fulfilmentWarehouses: Int
    /// Counterfeit shops working alone, outside any ring. Default 0.
    public var soloCounterfeiters: Int
    /// Whether rights holders publish `official_image_hashes` (their product photos'
    /// hashes) in `brands.json` and the brand records. Brand sellers use those photos either
    /// way. Default `false`.
    public var officialImagesPublished: Bool
    /// The marketplace-wide festival sale, or `nil` for none. Default `nil`.
    public var festival: FestivalSale?
    /// Share of honest unbranded listings on which the logo detector wrongly sees a brand
    /// logo. Default 0.
    public var logoMisdetectionRate: Double
    /// Share of honest unbranded listings whose title holds a harmless phrase that reads
    /// like counterfeit slang (`1:1 scale model`, `museum replica`, `AAA grade jade`). Default 0.
    public var harmlessSlangRate: Double
    /// Share of ring members and solo counterfeiters that adapt: custom template, aged
    /// store, sometimes a verified id, listed near the reference price with the real price
    /// only in the image text, no slang in titles, a new device per listing. Default 0.
    public var adaptiveCounterfeiterShare: Double
    /// Outcomes published on `marketplace.labels`, or `nil` for none. Default `nil`.
    public var labels: LabelPolicy?

    /// Creates a scenario; every parameter defaults to the ``default`` scenario's value.
    public init(
        name: String = "default", seed: UInt64 = 42, startTime: Int64 = 1_730_419_200_000,
        duration: Int64 = 3 * 86_400_000, honestMerchants: Int = 2_000, coworkingMerchants: Int = 120,
        coworkingSites: Int = 10, authorizedSellers: Int = 60, discountSellers: Int = 30, rings: Int = 10,
        ringSize: ClosedRange<Int> = 3...60, listingsPerMerchant: ClosedRange<Int> = 3...8,
        ordersPerListing: Double = 5, counterfeitOrdersPerListing: Double = 3, counterfeitListingShare: Double = 0.8,
        counterfeitWordingRate: Double = 0.4, ocrMismatchRate: Double = 0.45, fakeReviewBurstRate: Double = 0.5,
        outOfOrderRate: Double = 0.02, maxLateness: Int64 = 90_000, duplicateRate: Double = 0.003, currency: String = "CNY",
        secondHandResellers: Int = 0, newStores: Int = 0, multiShopOwners: Int = 0, shopsPerOwner: ClosedRange<Int> = 2...3,
        fulfilmentClients: Int = 0, fulfilmentWarehouses: Int = 1, soloCounterfeiters: Int = 0, officialImagesPublished: Bool = false,
        festival: FestivalSale? = nil, logoMisdetectionRate: Double = 0, harmlessSlangRate: Double = 0,
        adaptiveCounterfeiterShare: Double = 0, labels: LabelPolicy? = nil
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
        self.secondHandResellers = secondHandResellers
        self.newStores = newStores
        self.multiShopOwners = multiShopOwners
        self.shopsPerOwner = shopsPerOwner
        self.fulfilmentClients = fulfilmentClients
        self.fulfilmentWarehouses = fulfilmentWarehouses
        self.soloCounterfeiters = soloCounterfeiters
        self.officialImagesPublished = officialImagesPublished
        self.festival = festival
        self.logoMisdetectionRate = logoMisdetectionRate
        self.harmlessSlangRate = harmlessSlangRate
        self.adaptiveCounterfeiterShare = adaptiveCounterfeiterShare
        self.labels = labels
    }

    /// The demo's scenario: 2,210 honest merchants of four kinds and 10 rings over 3 days (≈ 166k records).
    public static let `default` = SimulationScenario()

    /// A scenario for tests: 150 honest merchants and 3 rings (3, 20 and one in between)
    /// over 3 days (≈ 15k records).
    public static let small = SimulationScenario(
        name: "small", seed: 7, honestMerchants: 150, coworkingMerchants: 12, coworkingSites: 2,
        authorizedSellers: 8, discountSellers: 4, rings: 3, ringSize: 3...20
    )

    /// The named scenario: `"default"`, `"small"` or `"random-N"` (``random(seed:)`` with
    /// seed N); `nil` for any other name. See ``named(_:seed:)`` for `"random"` with a seed.
    public static func named(_ name: String) -> SimulationScenario? {
        switch name {
        case "default": .default
        case "small": .small
        default:
            if name.hasPrefix("random-"), let seed = UInt64(name.dropFirst("random-".count)) { random(seed: seed) } else { nil }
        }
    }

    /// Total merchants of every population, at most (ring and owner sizes at their upper bounds).
    public var merchantUpperBound: Int {
        honestMerchants + coworkingMerchants + authorizedSellers + discountSellers + rings * ringSize.upperBound
            + secondHandResellers + newStores + multiShopOwners * shopsPerOwner.upperBound + fulfilmentClients + soloCounterfeiters
    }
}
