import Foundation

/// How a ring's combined risk (0...100) is computed from its members.
///
/// ```
/// score = maxWeight  * highest member score
///       + meanWeight * mean member score        (members without a score count as 0)
///       + min(sizeCap,      sizePoints      * log2(ring size))
///       + min(interceptCap, interceptPoints * members intercepted)
///       + min(strongCap,    strongPoints    * strong links)
/// ```
/// rounded to the nearest integer and clamped to 0...100. A *strong link* is
/// a shared identifier that links a pair on its own (a payout account or a
/// device shared by few shops).
///
/// Defaults: 0.5, 0.3, 5 per doubling up to 15, 10 per interception up to
/// 20, 5 per strong link up to 15. So the riskiest member sets the base,
/// a ring of uniformly risky shops adds to it, and size, interceptions and
/// hard links lift a ring of moderately risky shops over the lead
/// threshold. Example: four shops scored 80, 70, 60, 50, none intercepted,
/// two strong links: 40 + 19.5 + 10 + 0 + 10 = 79.5 → 80.
public struct RingScoreFormula: Sendable, Hashable {
    /// Weight of the highest member score. Default 0.5.
    public var maxWeight: Double = 0.5
    /// Weight of the mean member score. Default 0.3.
    public var meanWeight: Double = 0.3
    /// Points per doubling of the ring size. Default 5.
    public var sizePoints: Double = 5
    /// Most points for size. Default 15.
    public var sizeCap: Double = 15
    /// Points per intercepted member. Default 10.
    public var interceptPoints: Double = 10
    /// Most points for interceptions. Default 20.
    public var interceptCap: Double = 20
    /// Points per strong link. Default 5.
    public var strongPoints: Double = 5
    /// Most points for strong links. Default 15.
    public var strongCap: Double = 15

    /// Creates the formula with the documented defaults.
    public init() {}

    /// The score of `ring`, 0...100.
    public func score(_ ring: RingState) -> Int {
        let size = max(1, ring.merchants.count)
        let scores = ring.merchants.map { ring.risks[$0]?.score ?? 0 }
        let highest = Double(scores.max() ?? 0)
        let mean = Double(scores.reduce(0, +)) / Double(size)
        let intercepted = Double(ring.risks.values.filter(\.intercepted).count)
        let raw = maxWeight * highest + meanWeight * mean
            + min(sizeCap, sizePoints * log2(Double(size)))
            + min(interceptCap, interceptPoints * intercepted)
            + min(strongCap, strongPoints * Double(ring.strongLinkCount))
        return Int(min(100, max(0, raw.rounded())))
    }
}
