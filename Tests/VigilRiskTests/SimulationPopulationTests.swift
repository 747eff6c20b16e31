import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: population properties")
struct SimulationPopulationTests {
    /// Identifiers each merchant was seen with, from the decoded events.
    struct Seen {
        var devices: [String: Set<String>] = [:]
        var wifi: [String: Set<String>] = [:]
        var payouts: [String: Set<String>] = [:]
        var returns: [String: Set<String>] = [:]
        var shipFrom: [String: Set<String>] = [:]

        init(_ events: [MarketplaceEvent]) {
            for event in events {
                switch event {
                case .listing(let listing):
                    devices[listing.merchantID, default: []].insert(listing.seller.deviceID)
                    if let bssid = listing.seller.wifiBSSID { wifi[listing.merchantID, default: []].insert(bssid) }
                case .payment(let payment): payouts[payment.merchantID, default: []].insert(payment.payoutAccount)
                case .logistics(let logistics):
                    returns[logistics.merchantID, default: []].insert(logistics.returnAddressHash)
                    shipFrom[logistics.merchantID, default: []].insert(logistics.shipFrom.addressHash)
                case .review: break
                }
            }
        }
    }

    static let seen = Seen(SimulatedSmall.events)

    /// Whether every member shares at least one value with another member.
    private func everyoneShares(_ members: [String], _ values: [String: Set<String>]) -> Bool {
        members.allSatisfy { member in
            let mine = values[member] ?? []
            return !mine.isEmpty && members.contains { $0 != member && !(values[$0] ?? []).isDisjoint(with: mine) }
        }
    }

    @Test func ringSizesSpanTheRange() {
        let scenario = SimulationScenario.small
        let rings = SimulatedSmall.truth.rings
        #expect(rings.count == scenario.rings)
        for ring in rings { #expect(scenario.ringSize.contains(ring.merchants.count)) }
        #expect(rings.map(\.merchants.count).contains(scenario.ringSize.lowerBound))
        #expect(rings.map(\.merchants.count).contains(scenario.ringSize.upperBound))
        // The default scenario has rings of 3 and of 60 shops.
        let defaults = MarketplacePlanner(scenario: .default).plan().rings.map(\.members.count)
        #expect(defaults.allSatisfy { (3...60).contains($0) } && defaults.contains(3) && defaults.contains(60))
    }

    @Test func ringMembersShareDevicesPayoutsAndAddresses() {
        let seen = Self.seen
        for ring in SimulatedSmall.truth.rings {
            #expect(everyoneShares(ring.merchants, seen.devices), "\(ring.ringID) devices")
            let withPayments = ring.merchants.filter { seen.payouts[$0] != nil }
            #expect(withPayments.count >= 2)
            #expect(everyoneShares(withPayments, seen.payouts), "\(ring.ringID) payout accounts")
            let payouts = Set(ring.merchants.flatMap { seen.payouts[$0] ?? [] })
            #expect(payouts.count < ring.merchants.count)
            let shipping = ring.merchants.filter { seen.returns[$0] != nil }
            #expect(everyoneShares(shipping, seen.returns), "\(ring.ringID) return addresses")
        }
    }

    @Test func honestMerchantsNeverSharePayoutsOrDevices() {
        let seen = Self.seen
        var owners: [String: String] = [:]
        for merchant in SimulatedSmall.truth.merchants where !merchant.isCounterfeit {
            for value in (seen.payouts[merchant.merchantID] ?? []).union(seen.devices[merchant.merchantID] ?? []) {
                #expect(owners[value] == nil, "\(value) is used by \(merchant.merchantID) and \(owners[value] ?? "")")
                owners[value] = merchant.merchantID
            }
        }
    }

    @Test func coworkingMerchantsShareWifiAndShipFromButNothingElse() {
        let seen = Self.seen
        let bySite = Dictionary(grouping: SimulatedSmall.truth.merchants.filter { $0.siteID != nil }, by: { $0.siteID! })
        #expect(bySite.count == SimulationScenario.small.coworkingSites)
        for (site, merchants) in bySite {
            #expect(merchants.count >= 2)
            #expect(merchants.allSatisfy { $0.population == .coworking && !$0.isCounterfeit })
            let wifi = Set(merchants.flatMap { seen.wifi[$0.merchantID] ?? [] })
            #expect(wifi.count == 1, "\(site) shares one Wi-Fi")
            let shipFrom = Set(merchants.flatMap { seen.shipFrom[$0.merchantID] ?? [] })
            #expect(shipFrom.count == 1, "\(site) ships from one carrier hub")
            let payouts = merchants.compactMap { seen.payouts[$0.merchantID] }
            #expect(Set(payouts.flatMap { $0 }).count == payouts.count, "\(site) shops keep their own payout accounts")
        }
    }

    @Test func counterfeitListingsAreFarBelowTheReferencePrice() {
        var checked = 0
        var mismatched = 0
        for listing in SimulatedSmall.listingEvents where SimulatedSmall.listings[listing.listingID]?.counterfeit == true {
            let reference = try! #require(SimulatedSmall.registry.referencePrice(brand: listing.brand ?? "", category: listing.category))
            let real = ([listing.price] + listing.imageTextPrices).min()!
            #expect(real <= 0.2 * reference, "\(listing.title): \(real) vs reference \(reference)")
            if let image = listing.imageTextPrices.first, max(image, listing.price) / min(image, listing.price) > 3 { mismatched += 1 }
            #expect(!SimulatedSmall.registry.isAuthorized(merchant: listing.merchantID, brand: listing.brand!))
            checked += 1
        }
        #expect(checked > 100)
        #expect(mismatched > 0 && mismatched < checked, "some, not all, counterfeit listings have an OCR price mismatch")
    }

    @Test func discountSalesAreThirtyToFiftyPercentOff() {
        var sales = 0
        for listing in SimulatedSmall.listingEvents {
            guard let merchant = SimulatedSmall.merchants[listing.merchantID], let brand = listing.brand,
                  let reference = SimulatedSmall.registry.referencePrice(brand: brand, category: listing.category) else { continue }
            switch merchant.population {
            case .discountSeller:
                #expect((0.495...0.705).contains(listing.price / reference), "\(listing.title): \(listing.price) of \(reference)")
                #expect(SimulatedSmall.registry.isAuthorized(merchant: merchant.merchantID, brand: brand))
                sales += 1
            case .authorizedSeller:
                #expect((0.9...1.1).contains(listing.price / reference))
                #expect(SimulatedSmall.registry.isAuthorized(merchant: merchant.merchantID, brand: brand))
            case .honest, .coworking:
                Issue.record("honest shop \(merchant.merchantID) lists a referenced brand item \(listing.title)")
            case .ringMember, .soloCounterfeiter, .secondHandReseller, .newStore, .multiShopOwner, .fulfilmentClient: break
            }
        }
        #expect(sales > 0)
    }

    @Test func counterfeitWordingOnSomeButNotAllCounterfeitTitlesAndNoHonestOnes() {
        let wording = CounterfeitWording()
        var counterfeit = 0
        var flagged = 0
        for listing in SimulatedSmall.listingEvents where listing.action == .create {
            let isCounterfeit = SimulatedSmall.listings[listing.listingID]!.counterfeit
            if isCounterfeit {
                counterfeit += 1
                if wording.isFlagged(listing.title) { flagged += 1 }
            } else {
                #expect(!wording.isFlagged(listing.title), "honest title flagged: \(listing.title)")
            }
        }
        #expect(flagged > counterfeit / 5 && flagged < counterfeit * 3 / 5, "\(flagged) of \(counterfeit)")
    }

    @Test func fakeReviewBurstsComeFromNewAccountsWithShortDuplicateTexts() {
        var fake = 0
        var texts: [String: Int] = [:]
        for case .review(let review) in SimulatedSmall.events where review.buyerID.hasPrefix("nb-") {
            fake += 1
            #expect(review.buyerAccountAgeDays <= 5)
            #expect(SimulatedSmall.merchants[review.merchantID]?.isCounterfeit == true)
            texts[review.text, default: 0] += 1
        }
        #expect(fake > 100)
        #expect(texts.count <= SimulationVocabulary.fakeReviewTexts.count)
    }

    @Test func counterfeitShopsRefundAndGetChargedBackMoreOften() {
        var charges = [false: 0, true: 0]
        var disputes = [false: 0, true: 0]
        for case .payment(let payment) in SimulatedSmall.events {
            let bad = SimulatedSmall.merchants[payment.merchantID]!.isCounterfeit
            if payment.kind == .charge { charges[bad]! += 1 } else { disputes[bad]! += 1 }
        }
        let honestRate = Double(disputes[false]!) / Double(charges[false]!)
        let counterfeitRate = Double(disputes[true]!) / Double(charges[true]!)
        #expect(counterfeitRate > 3 * honestRate, "refunds+chargebacks per charge: honest \(honestRate), counterfeit \(counterfeitRate)")
    }
}
