/// When a ring becomes a lead and how large a lead may be.
public struct LeadPolicy: Sendable, Hashable {
    /// A ring is a lead when its score is at least this. Default 60.
    public var threshold: Int
    /// Rings smaller than this are never leads. Default 2.
    public var minimumMembers: Int
    /// Most evidence items in a lead. Default 50.
    public var maxEvidence: Int
    /// Most ship-from districts in a lead. Default 20.
    public var maxShipFrom: Int
    /// How the ring score is computed.
    public var formula: RingScoreFormula

    /// Creates a policy; the defaults are documented on each property.
    public init(threshold: Int = 60, minimumMembers: Int = 2, maxEvidence: Int = 50, maxShipFrom: Int = 20, formula: RingScoreFormula = RingScoreFormula()) {
        precondition((0...100).contains(threshold), "LeadPolicy.threshold must be in 0...100 (got \(threshold))")
        precondition(minimumMembers >= 2, "LeadPolicy.minimumMembers must be at least 2 (got \(minimumMembers)): a ring has two members or more")
        precondition(maxEvidence >= 0 && maxShipFrom >= 0, "LeadPolicy.maxEvidence and maxShipFrom must be >= 0 (got \(maxEvidence), \(maxShipFrom))")
        self.threshold = threshold
        self.minimumMembers = minimumMembers
        self.maxEvidence = maxEvidence
        self.maxShipFrom = maxShipFrom
        self.formula = formula
    }
}
