import Foundation
import VigilRisk
import VigilSimulation

/// A case store filled with synthetic leads, verdicts, listings and labels, for `vigil bench
/// console`: `rings` leads of `merchantsPerRing` merchants each, every merchant with two listings,
/// three verdicts (two listing, one merchant) and one label in fifty; one lead in ten has a
/// second revision. Seeded, so two runs build the same store.
struct SyntheticCases {
    var rings = 10_000
    var merchantsPerRing = 10
    var seed: UInt64 = 15

    static let provinces = ["Guangdong", "Zhejiang", "Fujian", "Jiangsu", "Shanghai", "Beijing", "Sichuan", "Hubei", "Shandong", "Henan", "Hunan", "Tianjin"]
    static let brands = ["Rolex", "Nike", "Louis Vuitton", "Gucci", "Apple", "Samsung", "Adidas", "Chanel", "Omega", "SanDisk"]
    static let reasons = ["ocr_price_mismatch", "counterfeit_wording", "unauthorized_logo", "shared_payout_account", "new_store", "price_far_below_reference"]

    /// Builds the store at `path` (replacing any file there) and returns it.
    func build(at path: String) throws -> CaseStore {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try CaseStore(path: path)
        var random = SimulationRNG(seed: seed)
        let base: Int64 = 1_764_000_000_000
        let kinds = IdentifierKind.allCases
        var verdicts: [Verdict] = []
        var listings: [StoredListing] = []
        for ring in 0..<rings {
            let members = (0..<merchantsPerRing).map { String(format: "m%07d", ring * merchantsPerRing + $0) }
            let links = (0..<12).map { index in
                LeadLink(identifier: kinds[index % kinds.count], valueHash: String(format: "%016llx", random.next()),
                         merchants: Array(members.shuffled(using: &random).prefix(random.int(in: 2...members.count))))
            }
            let shipFrom = ShipFromCount.ranked((0..<3).map { index in
                ShipFromCount(province: random.pick(Self.provinces), city: "City\(index)", district: "District\(random.int(in: 0...40))", count: random.int(in: 1...400))
            })
            let evidence = (0..<20).map { index in LeadEvidence(merchantID: members[index % members.count], eventID: "e-\(ring)-\(index)", reasonCode: random.pick(Self.reasons)) }
            let updated = base + Int64(ring) * 60_000
            let snapshot = Lead(ringID: String(format: "ring-%06d", ring), merchants: members, links: links, shipFrom: shipFrom,
                                        score: random.int(in: 30...100), evidence: evidence, updatedAt: updated)
            try store.upsert(snapshot)
            if ring % 10 == 0 {
                try store.upsert(Lead(ringID: snapshot.ringID, merchants: members, links: links, shipFrom: shipFrom, score: min(snapshot.score + 5, 100),
                                              evidence: evidence, updatedAt: updated + 3_600_000))
            }
            for merchant in members {
                let brand = random.pick(Self.brands)
                for index in 0..<2 {
                    let listingID = "\(merchant)-l\(index)"
                    listings.append(StoredListing(listingID: listingID, merchantID: merchant, title: "\(brand) item \(index) 高仿 AAA", brand: brand, category: "watches", updatedAt: updated))
                    verdicts.append(Self.verdict(.listing(listingID), merchant, &random, eventID: "ev-\(listingID)", at: updated + Int64(index)))
                }
                verdicts.append(Self.verdict(.merchant, merchant, &random, eventID: "ev-\(merchant)", at: updated + 10))
                if random.chance(0.02) {
                    try store.recordLabel(LabelEvent(eventID: "lb-\(merchant)", merchantID: merchant, ts: updated + 86_400_000, labelID: "lb-\(merchant)",
                                                     listingID: nil, outcome: .counterfeit, source: .testBuy, brand: brand, note: "test buy"))
                }
            }
            if verdicts.count >= 20_000 {
                try store.recordVerdicts(verdicts)
                try store.recordListings(listings)
                verdicts.removeAll(keepingCapacity: true)
                listings.removeAll(keepingCapacity: true)
            }
        }
        try store.recordVerdicts(verdicts)
        try store.recordListings(listings)
        return store
    }

    private static func verdict(_ subject: VerdictSubject, _ merchant: String, _ random: inout SimulationRNG, eventID: String, at time: Int64) -> Verdict {
        let score = random.int(in: 0...100)
        let reasons = (0..<3).map { index in VerdictReason(code: random.pick(Self.reasons), detail: "detail \(index) of \(eventID)", weight: Double(3 - index)) }
        return Verdict(subject: subject, merchantID: merchant, score: score, decision: score >= 80 ? .intercept : score >= 50 ? .review : .allow,
                       reasons: reasons, modelVersion: "bench", eventID: eventID, eventTS: time, decidedAt: time)
    }
}
