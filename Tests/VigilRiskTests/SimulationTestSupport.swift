@testable import VigilRisk
@testable import VigilSimulation

/// One scenario simulated and decoded once, shared by the simulation tests.
struct SimulatedMarketplace: Sendable {
    /// The simulated scenario.
    let scenario: SimulationScenario
    /// Its simulator.
    let simulator: MarketplaceSimulator
    /// Every record in delivery order.
    let records: [SimulatedRecord]
    /// Every record decoded by `ContractDecoder` with its key (a failure is recorded, not thrown;
    /// the contract tests check there are none).
    let decoded: [Result<MarketplaceEvent, ContractViolation>]
    /// The decoded events (skipping any that failed).
    let events: [MarketplaceEvent]
    /// The ground truth.
    let truth: GroundTruth
    /// Truth per merchant id.
    let merchants: [String: MerchantTruth]
    /// Truth per listing id.
    let listings: [String: ListingTruth]
    /// The labels the simulator publishes.
    let labels: [SimulatedLabel]
    /// The brand registry as the engine loads it.
    let registry: BrandRegistry
    /// Every listing event.
    let listingEvents: [ListingEvent]
    /// Every review event.
    let reviewEvents: [ReviewEvent]

    /// The seed of the scenario.
    var seed: UInt64 { scenario.seed }

    init(_ scenario: SimulationScenario) {
        self.scenario = scenario
        simulator = try! MarketplaceSimulator(scenario: scenario)
        records = simulator.records()
        decoded = records.map { record in
            Result { () throws(ContractViolation) -> MarketplaceEvent in
                try ContractDecoder().decode(record.kind, from: record.value, key: record.key)
            }
        }
        events = decoded.compactMap { try? $0.get() }
        truth = simulator.truth
        merchants = Dictionary(uniqueKeysWithValues: truth.merchants.map { ($0.merchantID, $0) })
        listings = Dictionary(uniqueKeysWithValues: truth.listings.map { ($0.listingID, $0) })
        labels = simulator.labels
        registry = simulator.brandRegistry
        listingEvents = events.compactMap { if case .listing(let event) = $0 { event } else { nil } }
        reviewEvents = events.compactMap { if case .review(let event) = $0 { event } else { nil } }
    }

    /// Merchants of `population`.
    func merchants(_ population: PopulationKind) -> [MerchantTruth] { truth.merchants.filter { $0.population == population } }
}

/// The `small` scenario, simulated and decoded once for every simulation test.
let SimulatedSmall = SimulatedMarketplace(.small)

/// `SimulationScenario.random(seed: 2)`, simulated and decoded once: a draw with every
/// population, the festival sale, published official images and labels.
let SimulatedRandom = SimulatedMarketplace(.random(seed: 2))
