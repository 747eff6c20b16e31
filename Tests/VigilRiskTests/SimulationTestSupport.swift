@testable import VigilRisk

/// The `small` scenario, simulated and decoded once for every simulation test.
enum SimulatedSmall {
    /// The simulator of `SimulationScenario.small`.
    static let simulator: MarketplaceSimulator = try! MarketplaceSimulator(scenario: .small)
    /// Every record in delivery order.
    static let records: [SimulatedRecord] = simulator.records()
    /// Every record decoded by `ContractDecoder` with its key (a failure is recorded, not thrown).
    static let decoded: [Result<MarketplaceEvent, ContractViolation>] = records.map { record in
        Result { () throws(ContractViolation) -> MarketplaceEvent in
            try ContractDecoder().decode(record.kind, from: record.value, key: record.key)
        }
    }
    /// The decoded events (skipping any that failed).
    static let events: [MarketplaceEvent] = decoded.compactMap { try? $0.get() }
    /// The ground truth.
    static let truth = simulator.truth
    /// Truth per merchant id.
    static let merchants: [String: MerchantTruth] = Dictionary(uniqueKeysWithValues: truth.merchants.map { ($0.merchantID, $0) })
    /// Truth per listing id.
    static let listings: [String: ListingTruth] = Dictionary(uniqueKeysWithValues: truth.listings.map { ($0.listingID, $0) })
    /// The brand registry the simulator publishes.
    static let registry = simulator.brandRegistry

    /// Every listing event.
    static var listingEvents: [ListingEvent] {
        events.compactMap { if case .listing(let event) = $0 { event } else { nil } }
    }
}

/// `SimulationScenario.random(seed: 2)`, simulated and decoded once: a draw with every
/// population, the festival sale, published official images and labels.
enum SimulatedRandom {
    /// The seed of the draw.
    static let seed: UInt64 = 2
    /// The drawn scenario.
    static let scenario = SimulationScenario.random(seed: seed)
    /// Its simulator.
    static let simulator: MarketplaceSimulator = try! MarketplaceSimulator(scenario: scenario)
    /// Every record in delivery order.
    static let records: [SimulatedRecord] = simulator.records()
    /// Every record decoded (failures dropped; the contract test checks there are none).
    static let decoded: [Result<MarketplaceEvent, ContractViolation>] = records.map { record in
        Result { () throws(ContractViolation) -> MarketplaceEvent in
            try ContractDecoder().decode(record.kind, from: record.value, key: record.key)
        }
    }
    /// The decoded events.
    static let events: [MarketplaceEvent] = decoded.compactMap { try? $0.get() }
    /// The ground truth.
    static let truth = simulator.truth
    /// Truth per merchant id.
    static let merchants: [String: MerchantTruth] = Dictionary(uniqueKeysWithValues: truth.merchants.map { ($0.merchantID, $0) })
    /// Truth per listing id.
    static let listings: [String: ListingTruth] = Dictionary(uniqueKeysWithValues: truth.listings.map { ($0.listingID, $0) })
    /// The labels.
    static let labels = simulator.labels
    /// The brand registry as the engine loads it.
    static let registry = simulator.brandRegistry

    /// Every listing event.
    static let listingEvents: [ListingEvent] = events.compactMap { if case .listing(let event) = $0 { event } else { nil } }
    /// Every review event.
    static let reviewEvents: [ReviewEvent] = events.compactMap { if case .review(let event) = $0 { event } else { nil } }

    /// Merchants of `population`.
    static func merchants(_ population: PopulationKind) -> [MerchantTruth] { truth.merchants.filter { $0.population == population } }
}
