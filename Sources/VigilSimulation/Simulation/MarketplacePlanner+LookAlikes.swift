import VigilRisk

/// The honest look-alikes: second-hand resellers, new stores, multi-shop owners and
/// fulfilment clients, and the traits honest shops of every kind may carry (festival sale,
/// a misread logo, harmless slang-like titles).
///
/// Every draw here comes from streams of their own (owners, warehouses, one trait stream per
/// merchant), so a scenario without look-alikes draws exactly what it always did.
extension MarketplacePlanner {
    /// A multi-shop owner: the identifiers its shops share.
    struct OwnerPlan {
        var id: String
        var device: String
        var ip: String
        var wifi: String?
        var sharedPayout: String?
        var sharedReturn: String?
        var shipFrom: ShipFromAddress
    }

    /// Owners, and the owner index of every multi-shop owner's shop (by offset).
    struct OwnerPool {
        var owners: [OwnerPlan] = []
        var shopOwner: [Int] = []
    }

    func planOwners() -> OwnerPool {
        var rng = root.fork(11)
        var pool = OwnerPool()
        for index in 0..<scenario.multiShopOwners {
            let shops = rng.int(in: scenario.shopsPerOwner)
            pool.owners.append(OwnerPlan(
                id: "owner-" + twoDigits(index + 1), device: "dev-" + rng.hex64(), ip: ip(&rng),
                wifi: rng.chance(0.8) ? bssid(&rng) : nil,
                sharedPayout: rng.chance(0.5) ? "payout-" + rng.hex64() : nil,
                sharedReturn: rng.chance(0.6) ? rng.hex64() : nil,
                shipFrom: ShipFromAddress(rng.pick(SimulationVocabulary.honestPlaces), addressHash: rng.hex64())))
            pool.shopOwner += Array(repeating: index, count: shops)
        }
        return pool
    }

    func planWarehouses() -> [WarehousePlan] {
        var rng = root.fork(12)
        let places = SimulationVocabulary.fulfilmentPlaces
        return (0..<(scenario.fulfilmentClients > 0 ? scenario.fulfilmentWarehouses : 0)).map { index in
            WarehousePlan(id: "wh-" + twoDigits(index + 1),
                          shipFrom: ShipFromAddress(places[index % places.count], addressHash: rng.hex64()),
                          returnAddress: rng.hex64(), carrier: rng.pick(SimulationVocabulary.carriers))
        }
    }

    /// The merchant's own trait stream.
    func traitRNG(_ number: Int) -> SimulationRNG { root.fork(0x7A17_0000_0000 &+ UInt64(number)) }

    /// Turns a plain honest shop (from ``makeHonest``) into its look-alike population, then
    /// gives every honest shop its traits.
    func shapeLookAlike(_ merchant: inout MerchantPlan, offset: Int, owners: OwnerPool, warehouses: [WarehousePlan]) {
        var rng = traitRNG(merchant.number)
        switch merchant.population {
        case .secondHandReseller:
            merchant.storeAgeDays = rng.int(in: 400...3_500)
            merchant.template = rng.chance(0.7) ? .custom : .basic
            merchant.verifiedID = rng.chance(0.85)
            var brands: [Int] = []
            for _ in 0..<rng.int(in: 1...3) {
                let brand = rng.int(in: 0...(SimulatedBrand.catalog.count - 1))
                if !brands.contains(brand) { brands.append(brand) }
            }
            merchant.listings = merchant.listings.map { listing in
                guard rng.chance(0.7) else { return listing }
                var used = usedBrandListing(id: listing.id, create: listing.createTS, brand: rng.pick(brands), rng: &rng)
                used.delistTS = listing.delistTS
                return used
            }
        case .newStore:
            merchant.storeAgeDays = rng.int(in: 0...30)
            merchant.template = rng.chance(0.9) ? .basic : .custom
            merchant.verifiedID = rng.chance(0.4)
            merchant.listings = Array(merchant.listings.prefix(rng.int(in: 1...3)))
        case .multiShopOwner:
            let owner = owners.owners[owners.shopOwner[offset]]
            merchant.ownerID = owner.id
            merchant.devices = [owner.device]
            merchant.ips = rng.chance(0.7) ? [owner.ip] : [owner.ip, ip(&rng)]
            merchant.wifi = owner.wifi
            if let payout = owner.sharedPayout { merchant.payoutAccount = payout }
            if let address = owner.sharedReturn { merchant.returnAddress = address }
            merchant.shipFrom = [owner.shipFrom]
        case .fulfilmentClient:
            let index = offset % warehouses.count
            merchant.warehouseIndex = index
            merchant.shipFrom = [warehouses[index].shipFrom]
            merchant.carrier = warehouses[index].carrier
            if rng.chance(0.5) { merchant.returnAddress = warehouses[index].returnAddress }
        default: break
        }
        guard !merchant.population.isCounterfeit else { return }
        if let festival = scenario.festival, rng.chance(festival.shopShare) {
            merchant.festivalDiscount = rng.int(in: festival.discountPercent)
        }
        for index in merchant.listings.indices where merchant.listings[index].brand == nil {
            if rng.chance(scenario.harmlessSlangRate) {
                let trap = rng.pick(SimulationVocabulary.harmlessSlangTitles)
                let price = rng.int64(in: trap.prices) * 100
                merchant.listings[index].title = trap.title
                merchant.listings[index].category = trap.category
                merchant.listings[index].priceCents = price
                merchant.listings[index].chargeCents = price
                merchant.listings[index].imageTextCents = rng.chance(0.3) ? [price] : []
            }
            if rng.chance(scenario.logoMisdetectionRate) {  // the detector sees a brand in a generic photo
                merchant.listings[index].logos = [rng.pick(SimulatedBrand.catalog).name]
            }
        }
    }

    /// A genuine used brand item: 40–75 % of the reference, used-condition wording, the
    /// reseller's own photos and now and then the brand's official one.
    func usedBrandListing(id: String, create: Int64, brand: Int, rng: inout SimulationRNG) -> ListingPlan {
        let entry = SimulatedBrand.catalog[brand]
        let line = rng.pick(entry.lines)
        let model = rng.pick(line.models)
        let price = roundToYuan(line.referencePrice * 100 * Int64(rng.int(in: 40...75)) / 100)
        let chinese = rng.chance(0.35)
        let noun = SimulationVocabulary.noun(line.category, chinese: chinese)
        let title = chinese ? "\(rng.pick(SimulationVocabulary.usedConditionChinese)) \(entry.name) \(model) \(noun)"
            : "\(entry.name) \(model) \(noun), \(rng.pick(SimulationVocabulary.usedConditionEnglish))"
        var images = (0..<rng.int(in: 1...3)).map { _ in rng.hex64() }
        if rng.chance(0.25) { images.insert(SimulatedBrand.officialImageHash(brand: entry.name, model: model, seed: scenario.seed), at: 0) }
        return ListingPlan(id: id, createTS: create, delistTS: nil, counterfeit: false, brand: entry.name, category: line.category,
                           title: title, priceCents: price, chargeCents: price, imageTextCents: rng.chance(0.4) ? [price] : [],
                           logos: rng.chance(0.9) ? [entry.name] : [], imageHashes: images, stock: rng.int(in: 1...2),
                           priceFixed: true, fakeReviewBurst: false)
    }
}
