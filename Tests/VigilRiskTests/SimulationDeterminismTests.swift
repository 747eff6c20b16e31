import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Simulation: determinism")
struct SimulationDeterminismTests {
    @Test func sameSeedGivesIdenticalBytes() throws {
        let again = try MarketplaceSimulator(scenario: .small)
        let records = again.records()
        #expect(records == SimulatedSmall.records)
        #expect(again.brandRegistryJSON == SimulatedSmall.simulator.brandRegistryJSON)
        #expect(try again.truth.jsonBytes() == SimulatedSmall.truth.jsonBytes())
    }

    @Test func differentSeedGivesDifferentData() throws {
        var scenario = SimulationScenario.small
        scenario.seed = 8
        let other = try MarketplaceSimulator(scenario: scenario)
        let records = other.records()
        #expect(records.map(\.value) != SimulatedSmall.records.map(\.value))
        #expect(other.truth.merchants.map(\.population) != SimulatedSmall.truth.merchants.map(\.population))
        // Event ids carry the seed, so two data sets never collide.
        let ids = Set(SimulatedSmall.events.prefix(100).map(\.eventID))
        let otherIDs = records.prefix(100).compactMap { try? ContractDecoder().decode($0.kind, from: $0.value).eventID }
        #expect(ids.isDisjoint(with: otherIDs))
    }

    @Test func rngIsSplitMix64() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var rng = SimulationRNG(seed: 0)
        #expect(rng.next() == 0xe220_a839_7b1d_cdaf)
        #expect(rng.next() == 0x6e78_9e6a_a1b9_65f4)
        let a = SimulationRNG(seed: 1).fork(5)
        let b = SimulationRNG(seed: 1).fork(5)
        var c = SimulationRNG(seed: 1).fork(6)
        var a1 = a, b1 = b
        #expect(a1.next() == b1.next())
        #expect(a1.next() != c.next())
    }

    @Test func rngRangesStayInBounds() {
        var rng = SimulationRNG(seed: 99)
        for _ in 0..<10_000 {
            #expect((3...60).contains(rng.int(in: 3...60)))
            let unit = rng.unit()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(rng.poisson(mean: 0) == 0)
    }

    @Test func invalidScenarioNamesTheSetting() {
        var scenario = SimulationScenario.small
        scenario.ringSize = 2...70
        #expect(throws: SimulationError.self) { try MarketplaceSimulator(scenario: scenario) }
        do {
            _ = try MarketplaceSimulator(scenario: scenario)
        } catch {
            #expect(error.description.contains("ringSize"))
        }
    }
}
