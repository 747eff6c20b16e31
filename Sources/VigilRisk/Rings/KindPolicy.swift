/// How much one identifier kind is trusted to link shops, and when it is
/// too common to mean anything.
public struct KindPolicy: Sendable, Hashable {
    /// The largest number of distinct merchants an identifier of this kind
    /// may have and still link them. When one more merchant joins, the
    /// identifier becomes *common*: it stops producing links and the links it
    /// produced are withdrawn.
    public var commonCap: Int
    /// The weight a link through this kind carries between exactly two
    /// merchants. Two merchants are linked when the weights of all the
    /// identifiers they share add up to the tracker's threshold (1.0 by
    /// default), so a strength of 1.0 or more links on its own.
    public var strength: Double

    /// Creates a kind policy.
    /// - Parameters:
    ///   - commonCap: merchants at most before the identifier is common; at least 2.
    ///   - strength: pair weight for two merchants; at least 0.
    public init(commonCap: Int, strength: Double) {
        precondition(commonCap >= 2, "KindPolicy.commonCap must be at least 2 (got \(commonCap)): an identifier needs two merchants to link anything")
        precondition(strength >= 0 && strength.isFinite, "KindPolicy.strength must be a finite number >= 0 (got \(strength))")
        self.commonCap = commonCap
        self.strength = strength
    }
}
