import VigilPrimitives
import VigilRisk

/// Decides the labels (``SimulatedLabel``) of a planned marketplace under a ``LabelPolicy``:
/// test buys on a sample of listings, rights holders' complaints (mostly right; the wrong
/// ones followed by an appeal with outcome `genuine`), enforcement against a share of rings
/// and solo counterfeiters, and a few manual reviews.
///
/// Deterministic in the seed, from a stream of its own: labels never change the events.
struct LabelPlanner {
    let scenario: SimulationScenario
    let plan: MarketplacePlan
    let policy: LabelPolicy
    private let hour: Int64 = 3_600_000
    private let day: Int64 = 86_400_000

    /// Every label, by `ts` (ties in the order decided).
    func labels() -> [SimulatedLabel] {
        var rng = SimulationRNG(seed: scenario.seed).fork(0x1ABE_0000_0000)
        var drafts: [SimulatedLabel] = []
        func add(_ merchant: MerchantPlan, _ listing: ListingPlan?, _ outcome: SimulatedLabel.Outcome, _ source: SimulatedLabel.Source,
                 brand: String?, note: String, judged: Int64, at ts: Int64) {
            drafts.append(SimulatedLabel(labelID: "", merchantID: merchant.id, listingID: listing?.id, outcome: outcome, source: source,
                                         brand: brand, note: note, eventTime: ts, judgedTime: judged, value: []))
        }
        // Test buys and the rights holders' right complaints.
        var honestBranded: [(merchant: Int, listing: Int)] = []
        var complaints = 0
        for (m, merchant) in plan.merchants.enumerated() {
            for (l, listing) in merchant.listings.enumerated() {
                if rng.chance(listing.brand != nil ? policy.testBuyRate : policy.testBuyRate / 5) {
                    let outcome: SimulatedLabel.Outcome = listing.counterfeit ? .counterfeit : .genuine
                    add(merchant, listing, outcome, .testBuy, brand: listing.brand,
                        note: listing.counterfeit ? "test buy: item is not genuine" : "test buy: item is genuine",
                        judged: listing.createTS, at: listing.createTS + rng.int64(in: (2 * day)...(21 * day)))
                }
                guard let brand = listing.brand else { continue }
                if listing.counterfeit, rng.chance(policy.complaintRate) {
                    complaints += 1
                    add(merchant, listing, .counterfeit, .rightsHolder, brand: brand, note: "\(brand) complaint confirmed: counterfeit",
                        judged: listing.createTS, at: listing.createTS + rng.int64(in: (6 * hour)...(10 * day)))
                } else if !merchant.population.isCounterfeit {  // wrong complaints hit honest shops only
                    honestBranded.append((m, l))
                }
            }
        }
        // Wrong complaints against honest shops, each reversed by an appeal.
        let share = policy.wrongComplaintShare
        var wrong = min(honestBranded.count, Int((Double(complaints) * share / max(1e-9, 1 - share)).rounded()))
        if share > 0, wrong == 0, !honestBranded.isEmpty, complaints > 0 { wrong = 1 }
        for pick in 0..<wrong {
            honestBranded.swapAt(pick, rng.int(in: pick...(honestBranded.count - 1)))
            let merchant = plan.merchants[honestBranded[pick].merchant]
            let listing = merchant.listings[honestBranded[pick].listing]
            let brand = listing.brand ?? ""
            let complained = listing.createTS + rng.int64(in: (6 * hour)...(10 * day))
            add(merchant, listing, .counterfeit, .rightsHolder, brand: brand, note: "\(brand) complaint: suspected counterfeit",
                judged: listing.createTS, at: complained)
            add(merchant, listing, .genuine, .appeal, brand: brand, note: "appeal upheld: the \(brand) complaint was wrong, goods are genuine",
                judged: complained, at: complained + rng.int64(in: day...(14 * day)))
        }
        // Enforcement: whole rings, and solo counterfeiters.
        for ring in plan.rings where rng.chance(policy.enforcementShare) {
            let members = ring.members.map { plan.merchants[$0] }
            let last = members.flatMap { $0.listings.map(\.createTS) }.max() ?? scenario.startTime
            let closed = last + rng.int64(in: (7 * day)...(34 * day))
            for member in members {
                add(member, nil, .counterfeit, .enforcement, brand: nil, note: "\(ring.id) closed by enforcement",
                    judged: last, at: closed + rng.int64(in: 0...day))
            }
        }
        for merchant in plan.merchants where merchant.population == .soloCounterfeiter {
            guard rng.chance(policy.enforcementShare), let last = merchant.listings.map(\.createTS).max() else { continue }
            add(merchant, nil, .counterfeit, .enforcement, brand: nil, note: "shop closed by enforcement",
                judged: last, at: last + rng.int64(in: (7 * day)...(35 * day)))
        }
        // Manual reviews find the truth.
        for merchant in plan.merchants {
            guard rng.chance(policy.manualReviewRate), let last = merchant.listings.map(\.createTS).max() else { continue }
            let bad = merchant.population.isCounterfeit
            add(merchant, nil, bad ? .counterfeit : .genuine, .manualReview, brand: nil,
                note: bad ? "manual review: sells counterfeits" : "manual review: no counterfeits found",
                judged: last, at: last + rng.int64(in: hour...(3 * day)))
        }
        let order = drafts.indices.sorted { drafts[$0].eventTime != drafts[$1].eventTime ? drafts[$0].eventTime < drafts[$1].eventTime : $0 < $1 }
        let runTag = String(FNV1a64.hex(scenario.seed).suffix(6))
        let encoder = SimulatedEventEncoder(currency: scenario.currency)
        return order.enumerated().map { serial, index in
            var label = drafts[index]
            label.labelID = "lb-" + runTag + "-" + String(serial + 1)
            label.value = encoder.label(eventID: "e" + runTag + "-" + label.merchantID + "-L" + String(serial + 1), label)
            return label
        }
    }
}
