import VigilPrimitives
import VigilRisk

/// Counterfeit rings: their shared identifiers, their shops and their counterfeit listings.
extension MarketplacePlanner {
    func makeRing(index: Int, members: [Int], rng: inout SimulationRNG) -> RingPlan {
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

    func makeRingMember(number: Int, ring: RingPlan, ringIndex: Int, offset: Int, launch: Int64,
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
}
