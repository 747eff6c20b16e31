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

    // MARK: Rings

    private func makeRing(index: Int, members: [Int], rng: inout SimulationRNG) -> RingPlan {
        var brands: [Int] = []
        for _ in 0..<rng.int(in: 2...3) {
            let brand = rng.int(in: 0...(SimulatedBrand.catalog.count - 1))
            if !brands.contains(brand) { brands.append(brand) }
        }
        let first = rng.int(in: 0...(SimulationVocabulary.productionPlaces.count - 1))
        var districts = [SimulationVocabulary.productionPlaces[first]]
        if rng.chance(0.5) {
            districts.append(SimulationVocabulary.productionPlaces[(first + 1) % SimulationVocabulary.productionPlaces.count])
        }
        return RingPlan(id: "ring-" + twoDigits(index + 1), members: members, brands: brands, districts: districts,
                        clickFarmDevices: (0..<rng.int(in: 3...6)).map { _ in "dev-" + rng.hex64() },
                        clickFarmIPs: (0..<rng.int(in: 2...3)).map { _ in ip(&rng) })
    }

    /// The identifiers a ring's shops share, handed out round-robin so every pooled value
    /// is used by several shops.
    struct RingPools {
        var devices: [String]
        var ips: [String]
        var wifi: String
        var payouts: [String]
        var returns: [String]
        var shipFrom: [ShipFromAddress]

        init(size: Int, rng: inout SimulationRNG, planner: MarketplacePlanner, ring: RingPlan) {
            devices = (0..<max(1, size / 4)).map { _ in "dev-" + rng.hex64() }
            ips = (0..<max(2, size / 5)).map { _ in planner.ip(&rng) }
            wifi = planner.bssid(&rng)
            payouts = (0..<max(1, size / 8)).map { _ in "payout-" + rng.hex64() }
            returns = (0..<(size >= 20 ? 2 : 1)).map { _ in rng.hex64() }
            shipFrom = (0..<max(2, min(4, size / 6))).map { index in
                ShipFromAddress(ring.districts[index % ring.districts.count], addressHash: rng.hex64())
            }
        }
    }

    private func makeRingMember(number: Int, ring: RingPlan, ringIndex: Int, offset: Int, launch: Int64,
                                pools: inout RingPools) -> MerchantPlan {
        var rng = root.fork(1_000_000 + UInt64(number))
        var devices = [pools.devices[offset % pools.devices.count]]
        if rng.chance(0.3) {
            let extra = rng.pick(pools.devices)
            if extra != devices[0] { devices.append(extra) }
        }
        var shipFrom = [pools.shipFrom[offset % pools.shipFrom.count]]
        if rng.chance(0.3) {
            let extra = rng.pick(pools.shipFrom)
            if extra != shipFrom[0] { shipFrom.append(extra) }
        }
        let adaptive = isAdaptive(number)
        var merchant = MerchantPlan(
            id: merchantID(number), number: number, population: .ringMember, ringIndex: ringIndex, siteIndex: nil,
            storeAgeDays: rng.chance(0.8) ? rng.int(in: 1...45) : rng.int(in: 120...900),
            template: rng.chance(0.85) ? .basic : .custom, verifiedID: rng.chance(0.3),
            devices: devices, ips: [rng.pick(pools.ips), rng.pick(pools.ips)],
            wifi: rng.chance(0.6) ? pools.wifi : nil,
            payoutAccount: pools.payouts[offset % pools.payouts.count],
            returnAddress: pools.returns[offset % pools.returns.count],
            shipFrom: shipFrom, carrier: rng.pick(SimulationVocabulary.carriers), listings: [])
        let memberStart = min(launch + rng.int64(in: 0...(scenario.duration / 4)), end - 2 * hour)
        var creates = [memberStart]
        for _ in 1..<rng.int(in: max(1, scenario.listingsPerMerchant.lowerBound + 1)...(scenario.listingsPerMerchant.upperBound + 2)) {
            creates.append(min(memberStart + rng.int64(in: 0...(scenario.duration * 3 / 10)), end - hour))
        }
        creates.sort()
        var serial = 0
        func nextID() -> String {
            serial += 1
            return "l-" + sevenDigits(number) + "-" + twoDigits(serial)
        }
        for create in creates {
            guard rng.chance(scenario.counterfeitListingShare) else {
                merchant.listings.append(genericListing(id: nextID(), create: create, rng: &rng))
                continue
            }
            var listing = counterfeitListing(id: nextID(), create: create, brands: ring.brands, photoKey: "ring|\(ring.id)",
                                             adaptive: adaptive, rng: &rng)
            if rng.chance(0.25) {  // delist, then relist under a new id with the same photos
                let delist = create + rng.int64(in: (6 * hour)...(30 * hour))
                let relist = delist + rng.int64(in: (hour / 6)...(6 * hour))
                if relist < end {
                    listing.delistTS = delist
                    var again = counterfeitListing(id: nextID(), create: relist, brands: ring.brands, photoKey: "ring|\(ring.id)",
                                                   adaptive: adaptive, rng: &rng)
                    again.imageHashes = listing.imageHashes
                    merchant.listings.append(listing)
                    listing = again
                }
            }
            merchant.listings.append(listing)
        }
        if adaptive { adapt(&merchant) }
        return merchant
    }

    /// A counterfeit brand item: priced at 3–18 % of the reference, with the ring's photos,
    /// sometimes counterfeit wording and sometimes an OCR price contradicting the listed one.
    /// An `adaptive` counterfeiter lists near the reference price with the real price only in
    /// the image text, never uses slang, and sometimes shows the brand's official photo.
    /// `photoKey` names whose photos these are (`ring|ring-01`, `solo|m0000042`).
    func counterfeitListing(id: String, create: Int64, brands: [Int], photoKey: String, adaptive: Bool,
                            rng: inout SimulationRNG) -> ListingPlan {
        let entry = SimulatedBrand.catalog[rng.pick(brands)]
        let line = rng.pick(entry.lines)
        let model = rng.pick(line.models)
        let reference = line.referencePrice * 100
        let real = max(100, roundToYuan(reference * Int64(rng.int(in: 3...18)) / 100))
        let chinese = rng.chance(0.35)
        var title = "\(entry.name) \(model) \(SimulationVocabulary.noun(line.category, chinese: chinese))"
        if !adaptive, rng.chance(scenario.counterfeitWordingRate) {
            let term = rng.pick(SimulationVocabulary.counterfeitTerms)
            title = term.unicodeScalars.first!.properties.isIdeographic ? "【\(term)】" + title : title + " " + term
        }
        var listed = real
        var ocr: [Int64] = []
        if adaptive {
            listed = roundToYuan(reference * Int64(rng.int(in: 85...100)) / 100)  // the field looks genuine
            ocr = [real]  // the price the seller really asks, in the picture only
        } else if rng.chance(scenario.ocrMismatchRate) {
            let step: Int64 = reference >= 500_000 ? 100_000 : 10_000
            let decoy = (reference * Int64(rng.int(in: 100...150)) / 100 + step - 1) / step * step
            if rng.chance(0.5) {
                listed = decoy  // the field says 100,000; the picture says 780
                ocr = [real]
            } else {
                ocr = [decoy]  // the reverse
            }
        } else if rng.chance(0.5) {
            ocr = [real]
        }
        let photo = { (k: Int) in FNV1a64.hex(FNV1a64.fnv1a64("\(photoKey)|\(entry.name)|\(model)|\(k)", seed: scenario.seed)) }
        var images = [photo(rng.int(in: 0...2))]
        if rng.chance(0.5) { images.append(photo(rng.int(in: 0...2))) }
        if rng.chance(0.3) { images.append(rng.hex64()) }
        if adaptive, rng.chance(0.3) { images.append(SimulatedBrand.officialImageHash(brand: entry.name, model: model, seed: scenario.seed)) }
        return ListingPlan(id: id, createTS: create, delistTS: nil, counterfeit: true, brand: entry.name, category: line.category,
                           title: title, priceCents: listed, chargeCents: real, imageTextCents: ocr,
                           logos: rng.chance(0.85) ? [entry.name] : [], imageHashes: Array(Set(images)).sorted(),
                           stock: rng.int(in: 50...999), priceFixed: true, fakeReviewBurst: rng.chance(scenario.fakeReviewBurstRate))
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
