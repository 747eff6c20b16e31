/// When a ring becomes a lead and how large a lead may be.
public struct LeadPolicy: Sendable, Hashable {
    /// A ring is a lead when its score is at least this. Default 60.
    public var threshold: Int
    /// Rings smaller than this are never leads. Default 2.
    public var minimumMembers: Int
    /// A ring is a lead only when at least this many of its members are suspects: intercepted,
    /// scoring at least ``suspectScore``, or reported with one of the ``suspectReasons``. Default 1: links and a moderate score alone (one
    /// owner's two or three honest shops on one device and payout account, one of them briefly
    /// suspicious) are not a case for investigators. 0 makes the ring score alone decide.
    public var minimumSuspects: Int
    /// A member scoring at least this counts as a suspect for ``minimumSuspects``, intercepted
    /// or not. Default 75.
    public var suspectScore: Int
    /// Reason codes that make the member they were reported for a suspect: its own listings were
    /// intercepted. Default `intercepted_listings`, `repeat_intercepts`.
    public var suspectReasons: Set<String>
    /// Most evidence items in a lead. Default 50.
    public var maxEvidence: Int
    /// Most ship-from districts in a lead. Default 20.
    public var maxShipFrom: Int
    /// How the ring score is computed.
    public var formula: RingScoreFormula

    /// Creates a policy; the defaults are documented on each property.
    public init(threshold: Int = 60, minimumMembers: Int = 2, minimumSuspects: Int = 1, suspectScore: Int = 75,
                suspectReasons: Set<String> = [RuleCode.interceptedListings.rawValue, RuleCode.repeatIntercepts.rawValue], maxEvidence: Int = 50, maxShipFrom: Int = 20, formula: RingScoreFormula = RingScoreFormula()) {
        precondition((0...100).contains(threshold), "LeadPolicy.threshold must be in 0...100 (got \(threshold))")
        precondition(minimumMembers >= 2, "LeadPolicy.minimumMembers must be at least 2 (got \(minimumMembers)): a ring has two members or more")
        precondition(minimumSuspects >= 0, "LeadPolicy.minimumSuspects must be >= 0 (got \(minimumSuspects))")
        precondition(maxEvidence >= 0 && maxShipFrom >= 0, "LeadPolicy.maxEvidence and maxShipFrom must be >= 0 (got \(maxEvidence), \(maxShipFrom))")
        self.threshold = threshold
        self.minimumMembers = minimumMembers
        self.minimumSuspects = minimumSuspects
        self.suspectScore = suspectScore
        self.suspectReasons = suspectReasons
        self.maxEvidence = maxEvidence
        self.maxShipFrom = maxShipFrom
        self.formula = formula
    }
}
