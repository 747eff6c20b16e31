import VigilRisk

/// Decides the simulated marketplace: who the merchants are, what identifiers they share,
/// what they list and when. Deterministic in the scenario's seed.
struct MarketplacePlanner {
    let scenario: SimulationScenario
    let root: SimulationRNG
    var end: Int64 { scenario.startTime + scenario.duration }
    let hour: Int64 = 3_600_000

    init(scenario: SimulationScenario) {
        self.scenario = scenario
        root = SimulationRNG(seed: scenario.seed)
    }

    func plan() -> MarketplacePlan {
        let owners = planOwners()  // own streams: the draws below are those of a scenario without look-alikes
        let warehouses = planWarehouses()
        var rng = root.fork(1)
        let ringSizes = (0..<scenario.rings).map { index -> Int in
            switch index {
            case 0: scenario.ringSize.lowerBound
            case 1: scenario.ringSize.upperBound
            default: rng.int(in: scenario.ringSize)
            }
        }
        let populations: [(PopulationKind, Int)] = [
            (.honest, scenario.honestMerchants), (.coworking, scenario.coworkingMerchants),
            (.authorizedSeller, scenario.authorizedSellers), (.discountSeller, scenario.discountSellers),
            (.ringMember, ringSizes.reduce(0, +)),
            (.secondHandReseller, scenario.secondHandResellers), (.newStore, scenario.newStores),
            (.multiShopOwner, owners.shopOwner.count), (.fulfilmentClient, scenario.fulfilmentClients),
            (.soloCounterfeiter, scenario.soloCounterfeiters),
        ]
        let total = populations.reduce(0) { $0 + $1.1 }
        var numbers = Array(1...max(total, 1))
        for index in stride(from: numbers.count - 1, to: 0, by: -1) {  // Fisher–Yates, own RNG
            numbers.swapAt(index, rng.int(in: 0...index))
        }

        let sites = (0..<(scenario.coworkingMerchants > 0 ? scenario.coworkingSites : 0)).map { index in
            SitePlan(id: "site-" + twoDigits(index + 1), wifi: bssid(&rng), ip: ip(&rng),
                     hub: ShipFromAddress(SimulationVocabulary.hubPlaces[index % SimulationVocabulary.hubPlaces.count], addressHash: rng.hex64()))
        }
        var rings: [RingPlan] = []
        var merchants: [MerchantPlan] = []
        var authorized = Array(repeating: [String](), count: SimulatedBrand.catalog.count)
        var position = 0
        for (population, count) in populations {
            if population == .ringMember {
                for (ringIndex, size) in ringSizes.enumerated() {
                    let members = Array(merchants.count..<(merchants.count + size))
                    var ring = makeRing(index: ringIndex, members: members, rng: &rng)
                    var pools = RingPools(size: size, rng: &rng, planner: self, ring: ring)
                    let launch = scenario.startTime + rng.int64(in: 0...(scenario.duration * 4 / 10))
                    for offset in 0..<size {
                        let number = numbers[position]
                        position += 1
                        merchants.append(makeRingMember(number: number, ring: ring, ringIndex: ringIndex, offset: offset,
                                                        launch: launch, pools: &pools))
                    }
                    ring.members = members
                    rings.append(ring)
                }
                continue
            }
            for offset in 0..<count {
                let number = numbers[position]
                position += 1
                var merchant = population == .soloCounterfeiter ? makeSolo(number: number)
                    : makeHonest(number: number, population: population, offset: offset, sites: sites)
                shapeLookAlike(&merchant, offset: offset, owners: owners, warehouses: warehouses)
                if population == .authorizedSeller || population == .discountSeller {
                    for brand in authorizedBrands(of: merchant.number) { authorized[brand].append(merchant.id) }
                }
                merchants.append(merchant)
            }
        }
        return MarketplacePlan(merchants: merchants, rings: rings, sites: sites, warehouses: warehouses,
                               authorizedMerchants: authorized.map { $0.sorted() })
    }

    // MARK: Honest populations

    func makeHonest(number: Int, population: PopulationKind, offset: Int, sites: [SitePlan]) -> MerchantPlan {
        var rng = root.fork(1_000_000 + UInt64(number))
        let id = merchantID(number)
        let brandSeller = population == .authorizedSeller || population == .discountSeller
        let site = population == .coworking ? offset % sites.count : nil
        var merchant = MerchantPlan(
            id: id, number: number, population: population, ringIndex: nil, siteIndex: site,
            storeAgeDays: brandSeller ? rng.int(in: 365...4_000) : rng.int(in: 60...3_000),
            template: rng.chance(brandSeller ? 0.9 : 0.6) ? .custom : .basic,
            verifiedID: brandSeller || rng.chance(0.9),
            devices: (0..<rng.int(in: 1...2)).map { _ in "dev-" + rng.hex64() },
            ips: (0..<rng.int(in: 1...2)).map { _ in ip(&rng) },
            wifi: rng.chance(0.8) ? bssid(&rng) : nil,
            payoutAccount: "payout-" + rng.hex64(), returnAddress: rng.hex64(),
            shipFrom: [ShipFromAddress(rng.pick(SimulationVocabulary.honestPlaces), addressHash: rng.hex64())],
            carrier: rng.pick(SimulationVocabulary.carriers), listings: [])
        if let site {
            merchant.wifi = sites[site].wifi
            merchant.ips = rng.chance(0.3) ? [sites[site].ip, ip(&rng)] : [sites[site].ip]
            merchant.shipFrom = [sites[site].hub]
        }
        let brands = brandSeller ? authorizedBrands(of: number) : []
        let count = rng.int(in: scenario.listingsPerMerchant)
        let creates = (0..<count).map { _ in scenario.startTime + rng.int64(in: 0...(scenario.duration * 6 / 10)) }.sorted()
        for (index, create) in creates.enumerated() {
            let listingID = "l-" + sevenDigits(number) + "-" + twoDigits(index + 1)
            var listing: ListingPlan
            if !brands.isEmpty, rng.chance(0.7) {
                listing = brandListing(id: listingID, create: create, brand: rng.pick(brands), onSale: population == .discountSeller, rng: &rng)
            } else {
                listing = genericListing(id: listingID, create: create, rng: &rng)
            }
            if rng.chance(0.08) { listing.delistTS = create + rng.int64(in: hour...max(hour, end - create)) }
            merchant.listings.append(listing)
        }
        return merchant
    }

    /// Brands (catalog indexes) an authorised or discount seller may sell; fixed by its number.
    private func authorizedBrands(of number: Int) -> [Int] {
        var rng = root.fork(2_000_000 + UInt64(number))
        var brands: [Int] = []
        for _ in 0..<rng.int(in: 1...3) {
            let brand = rng.int(in: 0...(SimulatedBrand.catalog.count - 1))
            if !brands.contains(brand) { brands.append(brand) }
        }
        return brands
    }

    /// A genuine brand item: near the reference price, or 30–50 % off during a sale.
    private func brandListing(id: String, create: Int64, brand: Int, onSale: Bool, rng: inout SimulationRNG) -> ListingPlan {
        let entry = SimulatedBrand.catalog[brand]
        let line = rng.pick(entry.lines)
        let model = rng.pick(line.models)
        let reference = line.referencePrice * 100
        let chinese = rng.chance(0.3)
        let noun = SimulationVocabulary.noun(line.category, chinese: chinese)
        let price: Int64
        let title: String
        var ocr: [Int64] = []
        if onSale {
            let discount = rng.int(in: 30...50)
            price = roundToYuan(reference * Int64(100 - discount) / 100)
            let zhe = discount % 10 == 0 ? String((100 - discount) / 10) : String(100 - discount)  // 40 % off is "6折", 35 % off "65折"
            title = chinese ? "双11 \(entry.name) \(model) \(noun) 限时\(zhe)折" : "\(entry.name) \(model) \(noun), \(discount)% off Singles' Day sale"
            ocr = rng.chance(0.7) ? [reference, price] : [price]
        } else {
            price = roundToYuan(reference * Int64(rng.int(in: 92...108)) / 100)
            title = chinese ? "\(entry.name)官方授权 \(model) \(noun)" : "\(entry.name) \(model) \(noun), authorised dealer"
            if rng.chance(0.6) { ocr = [price] }
        }
        let official = SimulatedBrand.officialImageHash(brand: entry.name, model: model, seed: scenario.seed)
        return ListingPlan(id: id, createTS: create, delistTS: nil, counterfeit: false, brand: entry.name, category: line.category,
                           title: title, priceCents: price, chargeCents: price, imageTextCents: ocr, logos: [entry.name],
                           imageHashes: [official, rng.hex64()], stock: rng.int(in: 5...100), priceFixed: true, fakeReviewBurst: false)
    }

    /// An unbranded item, or now and then an accessory that names a brand.
    func genericListing(id: String, create: Int64, rng: inout SimulationRNG) -> ListingPlan {
        if rng.chance(0.05) {
            let accessory = rng.pick(SimulationVocabulary.brandAccessories)
            let price = rng.int64(in: accessory.prices) * 100 + rng.pick([0, 0, 90, 99])
            return ListingPlan(id: id, createTS: create, delistTS: nil, counterfeit: false, brand: accessory.brand, category: "accessories",
                               title: accessory.title, priceCents: price, chargeCents: price, imageTextCents: rng.chance(0.3) ? [price] : [],
                               logos: [], imageHashes: [rng.hex64()], stock: rng.int(in: 10...300), priceFixed: false, fakeReviewBurst: false)
        }
        let category = rng.pick(SimulationVocabulary.genericCategories)
        var title = rng.pick(category.titles)
        if rng.chance(0.6) { title += ", " + rng.pick(SimulationVocabulary.variants) }
        let price = rng.int64(in: category.prices) * 100 + rng.pick([0, 0, 90, 99, 50])
        let ocr: [Int64] = switch rng.int(in: 0...9) {
        case 0...2: [price]
        case 3: [price * 13 / 10, price]  // struck-out "original" price next to the real one
        default: []
        }
        return ListingPlan(id: id, createTS: create, delistTS: nil, counterfeit: false, brand: nil, category: category.name, title: title,
                           priceCents: price, chargeCents: price, imageTextCents: ocr, logos: [],
                           imageHashes: (0..<rng.int(in: 1...3)).map { _ in rng.hex64() }, stock: rng.int(in: 1...200),
                           priceFixed: false, fakeReviewBurst: false)
    }

    // MARK: Identifiers

    func ip(_ rng: inout SimulationRNG) -> String {
        "\(rng.pick(SimulationVocabulary.ipFirstOctets)).\(rng.int(in: 0...255)).\(rng.int(in: 0...255)).\(rng.int(in: 1...254))"
    }

    func bssid(_ rng: inout SimulationRNG) -> String {
        let hex = Array("0123456789abcdef")
        return (0..<6).map { _ in
            let byte = rng.int(in: 0...255)
            return String([hex[byte >> 4], hex[byte & 15]])
        }.joined(separator: ":")
    }

    func roundToYuan(_ cents: Int64) -> Int64 { max(100, (cents + 50) / 100 * 100) }
}

/// `m` and seven digits: `m0000277`.
func merchantID(_ number: Int) -> String { "m" + sevenDigits(number) }

/// `number` zero-padded to seven digits.
func sevenDigits(_ number: Int) -> String {
    let digits = String(number)
    return digits.count >= 7 ? digits : String(repeating: "0", count: 7 - digits.count) + digits
}

/// `number` zero-padded to two digits.
func twoDigits(_ number: Int) -> String { number < 10 ? "0" + String(number) : String(number) }
