import VigilRisk

/// How often outcomes about merchants and listings are established later and published on
/// `marketplace.labels`: test buys, rights holders' complaints (some wrong, then reversed by
/// an appeal), enforcement against rings and the odd manual review.
///
/// Delays are fixed by the simulator (hours to weeks, see ``SimulatedLabel``); labels may
/// carry a `ts` after the simulated span, as outcomes established later do.
/// ``SimulationScenario/labels`` is `nil` (no labels) unless set.
public struct LabelPolicy: Sendable, Hashable, Codable {
    /// Share of branded listings that get a test buy (unbranded ones: a fifth of it).
    /// Outcome `counterfeit` for counterfeit listings, `genuine` otherwise. Default 0.02.
    public var testBuyRate: Double
    /// Share of counterfeit branded listings the rights holder complains about (outcome
    /// `counterfeit`). Default 0.05.
    public var complaintRate: Double
    /// Share of all complaints that are wrong: filed against honest shops' branded
    /// listings, each followed by an `appeal` label with outcome `genuine`. Default 0.15.
    public var wrongComplaintShare: Double
    /// Share of rings (and of solo counterfeiters) closed by enforcement: one merchant-level
    /// `enforcement` label per shop. Default 0.3.
    public var enforcementShare: Double
    /// Share of merchants given a merchant-level `manual_review` label with its true
    /// outcome. Default 0.002.
    public var manualReviewRate: Double

    /// Creates a policy; every parameter has the documented default.
    public init(testBuyRate: Double = 0.02, complaintRate: Double = 0.05, wrongComplaintShare: Double = 0.15,
                enforcementShare: Double = 0.3, manualReviewRate: Double = 0.002) {
        self.testBuyRate = testBuyRate
        self.complaintRate = complaintRate
        self.wrongComplaintShare = wrongComplaintShare
        self.enforcementShare = enforcementShare
        self.manualReviewRate = manualReviewRate
    }
}
