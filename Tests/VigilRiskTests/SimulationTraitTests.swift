import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: traits across populations (random seed 2)")
struct SimulationTraitTests {
    @Test func festivalDiscountsHonestShopsOfEveryKindForTheWindow() throws {
        let festival = try #require(SimulatedRandom.scenario.festival)
        let start = SimulatedRandom.scenario.startTime + festival.startOffset
        var created: [String: Double] = [:]
        for listing in SimulatedRandom.listingEvents where listing.action == .create { created[listing.listingID] = listing.price }
        var populations = Set<PopulationKind>()
        var sales = 0
        for listing in SimulatedRandom.listingEvents where listing.title.hasSuffix("% off") && listing.title.contains(" - festival sale, ") {
            let merchant = try #require(SimulatedRandom.merchants[listing.merchantID])
            #expect(!merchant.isCounterfeit)
            #expect(listing.action == .update && (start...(start + 600_000)).contains(listing.ts))
            let ratio = listing.price / created[listing.listingID]!
            #expect((0.45...0.85).contains(ratio), "\(listing.title): \(ratio) of the price")
            populations.insert(merchant.population)
            sales += 1
        }
        #expect(sales > 50)
        #expect(populations.count >= 6, "festival shops of \(populations.map(\.rawValue))")
    }

    @Test func festivalReviewBurstsComeFromManyBuyersSomeNewInOneHour() throws {
        let festival = try #require(SimulatedRandom.scenario.festival)
        let start = SimulatedRandom.scenario.startTime + festival.startOffset
        let window = start..<(start + festival.length)
        let byListing = Dictionary(grouping: SimulatedRandom.reviewEvents.filter {
            window.contains($0.ts) && SimulatedRandom.merchants[$0.merchantID]?.isCounterfeit == false
        }, by: \.listingID)
        var bursts = 0
        var burstReviews = 0
        var newAccounts = 0
        for (_, reviews) in byListing {
            let times = reviews.map(\.ts).sorted()
            guard times.count >= 8 else { continue }
            let inOneHour = times.indices.contains { first in times[first...].prefix { $0 < times[first] + 3_600_000 }.count >= 8 }
            guard inOneHour else { continue }
            bursts += 1
            burstReviews += reviews.count
            newAccounts += reviews.filter { $0.buyerAccountAgeDays <= 7 }.count
            #expect(Set(reviews.map(\.buyerID)).count >= reviews.count / 2, "bursts come from many buyers")
        }
        #expect(bursts > 20)
        let share = Double(newAccounts) / Double(max(1, burstReviews))
        #expect(share > 0.1 && share < 0.8, "\(newAccounts) of \(burstReviews) burst reviews from accounts up to a week old")
    }

    @Test func logoDetectorIsSometimesWrongOnGenericGoods() {
        var generic = 0
        var misread = 0
        for listing in SimulatedRandom.listingEvents where listing.action == .create && listing.brand == nil
            && SimulatedRandom.merchants[listing.merchantID]?.isCounterfeit == false {
            generic += 1
            if !listing.logos.isEmpty {
                misread += 1
                #expect(SimulatedBrand.catalog.contains { [$0.name] == listing.logos })
            }
        }
        #expect(misread > 0 && Double(misread) < 3 * SimulatedRandom.scenario.logoMisdetectionRate * Double(generic) + 5)
    }

    @Test func harmlessPhrasesTripTheWordingRuleInHonestTitles() {
        let wording = CounterfeitWording()
        for trap in SimulationVocabulary.harmlessSlangTitles { #expect(wording.isFlagged(trap.title), "\(trap.title) trips the rule") }
        let traps = Set(SimulationVocabulary.harmlessSlangTitles.map(\.title))
        var flagged = 0
        for listing in SimulatedRandom.listingEvents where listing.action == .create
            && SimulatedRandom.merchants[listing.merchantID]?.isCounterfeit == false && wording.isFlagged(listing.title) {
            flagged += 1
            #expect(traps.contains(listing.title), "honest title flagged outside the traps: \(listing.title)")
        }
        #expect(flagged > 10)
    }
}
