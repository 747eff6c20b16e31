import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: random scenarios")
struct SimulationRandomScenarioTests {
    static let seeds: [UInt64] = Array(1...40)
    static let draws = SimulationScenario.random(seeds: seeds)

    @Test func sameSeedGivesTheSameScenarioAndBytes() throws {
        #expect(SimulationScenario.random(seed: SimulatedRandom.seed) == SimulatedRandom.scenario)
        let again = try MarketplaceSimulator(scenario: .random(seed: SimulatedRandom.seed))
        #expect(again.records() == SimulatedRandom.records)
        #expect(again.labels == SimulatedRandom.labels)
        #expect(again.brandRegistryJSON == SimulatedRandom.simulator.brandRegistryJSON)
        #expect(try again.truth.jsonBytes() == SimulatedRandom.truth.jsonBytes())
    }

    @Test func everyRandomRecordIsContractValidAndInsideTheSpan() {
        let failures = SimulatedRandom.decoded.enumerated().compactMap { index, result -> String? in
            if case .failure(let violation) = result { return "record \(index) (\(SimulatedRandom.records[index].topic)): \(violation)" }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let truth = SimulatedRandom.truth
        #expect(SimulatedRandom.events.allSatisfy { $0.ts >= truth.startTime && $0.ts < truth.endTime })
        #expect(Set(SimulatedRandom.records.map(\.kind)) == Set(EventKind.allCases))
        let created = Set(SimulatedRandom.listingEvents.filter { $0.action == .create }.map(\.listingID))
        #expect(created == Set(truth.listings.map(\.listingID)))
    }

    @Test func differentSeedsGiveDifferentScenarios() {
        #expect(Set(Self.draws).count == Self.draws.count)
        #expect(Self.draws == Self.seeds.map { SimulationScenario.random(seed: $0) })
        #expect(Set(Self.draws.map(\.parameterSummary)).count == Self.draws.count)
        #expect(Set(Self.draws.map(\.honestMerchants)).count > 10)
        for (seed, draw) in zip(Self.seeds, Self.draws) {
            #expect(draw.name == "random-\(seed)" && draw.seed == seed)
        }
    }

    @Test func everyDrawIsValidAndSizedAsPromised() throws {
        for draw in Self.draws {
            try draw.validate()
            let plan = MarketplacePlanner(scenario: draw).plan()
            #expect((1_500...4_000).contains(plan.merchants.count), "\(draw.name): \(plan.merchants.count) merchants")
            #expect(plan.rings.allSatisfy { (3...60).contains($0.members.count) }, "\(draw.name) ring sizes")
            #expect(plan.merchants.contains { $0.population.isCounterfeit })
        }
        let records = SimulatedRandom.records.count
        #expect((80_000...250_000).contains(records), "\(SimulatedRandom.scenario.name): \(records) records")
        #expect(SimulatedRandom.truth.scenario == "random-\(SimulatedRandom.seed)")
    }

    @Test func optionalPopulationsAndTraitsAreSometimesAbsent() {
        let counts: [(String, KeyPath<SimulationScenario, Int>)] = [
            ("coworking", \.coworkingMerchants), ("discount", \.discountSellers), ("resellers", \.secondHandResellers),
            ("new stores", \.newStores), ("owners", \.multiShopOwners), ("fulfilment", \.fulfilmentClients), ("solo", \.soloCounterfeiters),
        ]
        for (label, path) in counts {
            #expect(Self.draws.contains { $0[keyPath: path] == 0 }, "\(label) absent in some draw")
            #expect(Self.draws.contains { $0[keyPath: path] > 0 }, "\(label) present in some draw")
        }
        #expect(Self.draws.contains { $0.festival == nil } && Self.draws.contains { $0.festival != nil })
        #expect(Self.draws.contains { $0.officialImagesPublished } && Self.draws.contains { !$0.officialImagesPublished })
        #expect(Self.draws.allSatisfy { $0.labels != nil })
        #expect(Set(Self.draws.map(\.ringSize.lowerBound)).count > 3 && Self.draws.contains { $0.ringSize.upperBound == 60 || $0.ringSize.upperBound > 50 })
    }

    @Test func namedResolvesRandomWithASeed() {
        #expect(SimulationScenario.named("random", seed: 17) == .random(seed: 17))
        #expect(SimulationScenario.named("random-17") == .random(seed: 17))
        #expect(SimulationScenario.named("random-17", seed: nil) == .random(seed: 17))
        #expect(SimulationScenario.named("random", seed: nil) == nil)
        #expect(SimulationScenario.named("random") == nil)
        #expect(SimulationScenario.named("random-x") == nil)
        #expect(SimulationScenario.named("default", seed: 9)?.seed == 9)
        #expect(SimulationScenario.named("small", seed: nil) == .small)
        #expect(SimulationScenario.named("huge", seed: 1) == nil)
    }

    @Test func parameterSummaryNamesWhatWasDrawn() {
        let scenario = SimulatedRandom.scenario
        let summary = scenario.parameterSummary
        for key in ["honest=\(scenario.honestMerchants) ", "solo=\(scenario.soloCounterfeiters) ", "fulfilment=\(scenario.fulfilmentClients)/",
                    "rings=\(scenario.rings)×", "festival=", "images=published", "labels=tb", "adaptive=", "slang=", "logo_err="] {
            #expect(summary.contains(key), "\(key) in \(summary)")
        }
        #expect(!summary.contains("\n"))
        #expect(SimulationScenario.default.parameterSummary.contains("festival=off images=private"))
        #expect(SimulationScenario.default.parameterSummary.contains("labels=off"))
    }

    @Test func validationNamesEveryNewParameter() {
        let cases: [(String, (inout SimulationScenario) -> Void)] = [
            ("secondHandResellers", { $0.secondHandResellers = -1 }), ("newStores", { $0.newStores = -1 }),
            ("multiShopOwners", { $0.multiShopOwners = -1 }), ("fulfilmentClients", { $0.fulfilmentClients = -1 }),
            ("soloCounterfeiters", { $0.soloCounterfeiters = -1 }), ("shopsPerOwner", { $0.shopsPerOwner = 1...3 }),
            ("fulfilmentWarehouses", { $0.fulfilmentClients = 30; $0.fulfilmentWarehouses = 0 }),
            ("fulfilmentWarehouses", { $0.fulfilmentClients = 30; $0.fulfilmentWarehouses = 2 }),
            ("logoMisdetectionRate", { $0.logoMisdetectionRate = 1.5 }), ("harmlessSlangRate", { $0.harmlessSlangRate = -0.1 }),
            ("adaptiveCounterfeiterShare", { $0.adaptiveCounterfeiterShare = 2 }),
            ("festival.shopShare", { $0.festival = FestivalSale(shopShare: 1.2) }),
            ("festival.reviewBurstRate", { $0.festival = FestivalSale(reviewBurstRate: -1) }),
            ("festival.newAccountShare", { $0.festival = FestivalSale(newAccountShare: 3) }),
            ("festival.length", { $0.festival = FestivalSale(length: 60_000) }),
            ("festival.startOffset", { $0.festival = FestivalSale(startOffset: 3 * 86_400_000) }),
            ("festival.discountPercent", { $0.festival = FestivalSale(discountPercent: 0...95) }),
            ("labels.testBuyRate", { $0.labels = LabelPolicy(testBuyRate: 1.5) }),
            ("labels.complaintRate", { $0.labels = LabelPolicy(complaintRate: -0.5) }),
            ("labels.wrongComplaintShare", { $0.labels = LabelPolicy(wrongComplaintShare: 1) }),
            ("labels.enforcementShare", { $0.labels = LabelPolicy(enforcementShare: 7) }),
            ("labels.manualReviewRate", { $0.labels = LabelPolicy(manualReviewRate: -1) }),
        ]
        for (name, mutate) in cases {
            var scenario = SimulationScenario.small
            mutate(&scenario)
            do {
                try scenario.validate()
                Issue.record("\(name): an invalid value was accepted")
            } catch {
                #expect(error.description.contains(name), "\(name): \(error.description)")
                #expect(error.description.contains(";"), "\(name): the message gives a fix")
            }
        }
    }
}
