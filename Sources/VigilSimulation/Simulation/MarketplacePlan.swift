import VigilRisk

/// Everything decided before any event is written: merchants with their identities and
/// listings, rings and co-working sites. Built by ``MarketplacePlanner``; turned into events
/// by ``MerchantActivity``; the ground truth is read off it.
struct MarketplacePlan: Sendable {
    var merchants: [MerchantPlan]
    var rings: [RingPlan]
    var sites: [SitePlan]
    /// Fulfilment warehouses (none unless the scenario has fulfilment clients).
    var warehouses: [WarehousePlan] = []
    /// Authorised merchants per brand, in catalog order.
    var authorizedMerchants: [[String]]
}

/// A ship-from location with the hash of its street address.
struct ShipFromAddress: Sendable, Hashable {
    var province: String
    var city: String
    var district: String
    var addressHash: String

    init(_ place: SimulationVocabulary.Place, addressHash: String) {
        province = place.province
        city = place.city
        district = place.district
        self.addressHash = addressHash
    }
}

/// One merchant: its population, storefront and the identifiers it is seen with.
struct MerchantPlan: Sendable {
    var id: String
    var number: Int
    var population: PopulationKind
    var ringIndex: Int?
    var siteIndex: Int?
    var storeAgeDays: Int
    var template: ListingEvent.StoreTemplate
    var verifiedID: Bool
    var devices: [String]
    var ips: [String]
    var wifi: String?
    var payoutAccount: String
    var returnAddress: String
    var shipFrom: [ShipFromAddress]
    var carrier: String
    var listings: [ListingPlan]
    /// The multi-shop owner (`owner-01`, …) running this shop, if any.
    var ownerID: String? = nil
    /// The fulfilment warehouse it ships from, if any.
    var warehouseIndex: Int? = nil
    /// Percent off during the festival sale, if the shop takes part.
    var festivalDiscount: Int? = nil
    /// Whether a counterfeiter adapts to detection (see ``SimulationScenario/adaptiveCounterfeiterShare``).
    var adaptive = false
    /// A solo counterfeiter's own click farm (ring members use their ring's).
    var clickFarmDevices: [String] = []
    var clickFarmIPs: [String] = []
}

/// One listing as created; updates and orders are derived from it.
struct ListingPlan: Sendable {
    var id: String
    var createTS: Int64
    var delistTS: Int64?
    var counterfeit: Bool
    var brand: String?
    var category: String
    var title: String
    /// Listed price, cents.
    var priceCents: Int64
    /// What buyers are charged per unit, cents (the real price of a counterfeit).
    var chargeCents: Int64
    /// Prices shown in the images (OCR), cents.
    var imageTextCents: [Int64]
    var logos: [String]
    var imageHashes: [String]
    var stock: Int
    /// Whether updates keep the price (brand goods: authorised, sale and counterfeit prices stay in their bands).
    var priceFixed: Bool
    /// Whether a fake-review burst follows the create.
    var fakeReviewBurst: Bool
    /// The device every event of this listing is made from (an adaptive counterfeiter's
    /// new device per listing); `nil`: one of the merchant's devices.
    var deviceID: String? = nil
}

/// A counterfeit ring: the identifiers its shops share.
struct RingPlan: Sendable {
    var id: String
    var members: [Int]
    var brands: [Int]
    var districts: [SimulationVocabulary.Place]
    var clickFarmDevices: [String]
    var clickFarmIPs: [String]
}

/// A co-working site: one Wi-Fi, one public IP, one carrier hub.
struct SitePlan: Sendable {
    var id: String
    var wifi: String
    var ip: String
    var hub: ShipFromAddress
}

/// A fulfilment warehouse: one ship-from address and one return address for its many clients.
struct WarehousePlan: Sendable {
    var id: String
    var shipFrom: ShipFromAddress
    var returnAddress: String
    var carrier: String
}
