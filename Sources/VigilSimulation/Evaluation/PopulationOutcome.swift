import VigilRisk

/// How often merchants of one population were intercepted.
public struct PopulationOutcome: Sendable, Hashable, Codable {
    /// The population.
    public var population: PopulationKind
    /// Its merchants.
    public var merchants: Int
    /// Of which intercepted at least once.
    public var intercepted: Int

    /// Creates an outcome.
    public init(population: PopulationKind, merchants: Int, intercepted: Int) {
        self.population = population
        self.merchants = merchants
        self.intercepted = intercepted
    }

    /// `intercepted / merchants`, 0 when there are none.
    public var interceptRate: Double { merchants == 0 ? 0 : Double(intercepted) / Double(merchants) }
}
