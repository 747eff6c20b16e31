import VigilRisk

/// Counterfeiters beyond rings: solo counterfeit shops, and the adaptive counterfeiters
/// (ring members or solos) that dodge the obvious signals.
extension MarketplacePlanner {
    /// Whether merchant `number` (a ring member or solo counterfeiter) adapts; its own stream.
    func isAdaptive(_ number: Int) -> Bool {
        guard scenario.adaptiveCounterfeiterShare > 0 else { return false }
        var rng = root.fork(0xADA0_0000_0000 &+ UInt64(number))
        return rng.chance(scenario.adaptiveCounterfeiterShare)
    }

    /// An adaptive counterfeiter's storefront: custom template, an aged store, sometimes a
    /// verified id, and a new device for every listing.
    func adapt(_ merchant: inout MerchantPlan) {
        var rng = root.fork(0xADA7_0000_0000 &+ UInt64(merchant.number))
        merchant.adaptive = true
        merchant.template = .custom
        merchant.storeAgeDays = rng.int(in: 200...2_500)
        merchant.verifiedID = rng.chance(0.5)
        for index in merchant.listings.indices { merchant.listings[index].deviceID = "dev-" + rng.hex64() }
    }

    /// A counterfeit shop on its own: its own identifiers, brands, photos and click farm.
    func makeSolo(number: Int) -> MerchantPlan {
        var rng = root.fork(1_000_000 + UInt64(number))
        let id = merchantID(number)
        let adaptive = isAdaptive(number)
        var brands: [Int] = []
        for _ in 0..<rng.int(in: 1...3) {
            let brand = rng.int(in: 0...(SimulatedBrand.catalog.count - 1))
            if !brands.contains(brand) { brands.append(brand) }
        }
        let place = rng.chance(0.6) ? rng.pick(SimulationVocabulary.productionPlaces) : rng.pick(SimulationVocabulary.honestPlaces)
        var merchant = MerchantPlan(
            id: id, number: number, population: .soloCounterfeiter, ringIndex: nil, siteIndex: nil,
            storeAgeDays: rng.chance(0.8) ? rng.int(in: 1...45) : rng.int(in: 120...900),
            template: rng.chance(0.85) ? .basic : .custom, verifiedID: rng.chance(0.3),
            devices: (0..<rng.int(in: 1...2)).map { _ in "dev-" + rng.hex64() },
            ips: (0..<rng.int(in: 1...2)).map { _ in ip(&rng) },
            wifi: rng.chance(0.6) ? bssid(&rng) : nil,
            payoutAccount: "payout-" + rng.hex64(), returnAddress: rng.hex64(),
            shipFrom: [ShipFromAddress(place, addressHash: rng.hex64())],
            carrier: rng.pick(SimulationVocabulary.carriers), listings: [])
        merchant.clickFarmDevices = (0..<rng.int(in: 2...4)).map { _ in "dev-" + rng.hex64() }
        merchant.clickFarmIPs = (0..<rng.int(in: 1...2)).map { _ in ip(&rng) }
        let start = scenario.startTime + rng.int64(in: 0...(scenario.duration / 2))
        let creates = (0..<rng.int(in: scenario.listingsPerMerchant)).map { _ in
            min(start + rng.int64(in: 0...(scenario.duration * 3 / 10)), end - hour)
        }.sorted()
        for (index, create) in creates.enumerated() {
            let listingID = "l-" + sevenDigits(number) + "-" + twoDigits(index + 1)
            merchant.listings.append(rng.chance(scenario.counterfeitListingShare)
                ? counterfeitListing(id: listingID, create: create, brands: brands, photoKey: "solo|\(id)", adaptive: adaptive, rng: &rng)
                : genericListing(id: listingID, create: create, rng: &rng))
        }
        if adaptive { adapt(&merchant) }
        return merchant
    }
}
