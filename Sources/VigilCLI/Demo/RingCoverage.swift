import VigilRisk
import VigilSimulation

/// How well the leads recover the simulator's true rings.
struct RingCoverage {
    /// Share of true ring members that sit in a lead together with at least one other member of
    /// the same true ring.
    var memberCoverage: Double
    /// The largest share of honest merchants in any lead (0 when no lead has one).
    var worstHonestShare: Double

    init(leads: [Lead], truth: GroundTruth) {
        let byMerchant = Dictionary(truth.merchants.map { ($0.merchantID, $0) }, uniquingKeysWith: { first, _ in first })
        var covered = Set<String>()
        var worst = 0.0
        for lead in leads {
            var membersByTrueRing: [String: [String]] = [:]
            var honest = 0
            for merchant in lead.merchants {
                guard let truth = byMerchant[merchant] else { continue }
                if let ring = truth.ringID { membersByTrueRing[ring, default: []].append(merchant) } else if !truth.isCounterfeit { honest += 1 }
            }
            for members in membersByTrueRing.values where members.count >= 2 { covered.formUnion(members) }
            if !lead.merchants.isEmpty { worst = max(worst, Double(honest) / Double(lead.merchants.count)) }
        }
        let ringMembers = truth.merchants.filter { $0.ringID != nil }.count
        memberCoverage = ringMembers == 0 ? 1 : Double(covered.count) / Double(ringMembers)
        worstHonestShare = worst
    }
}
