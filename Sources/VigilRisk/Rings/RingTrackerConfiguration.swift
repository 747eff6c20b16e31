/// Settings of the ``RingTracker``.
public struct RingTrackerConfiguration: Sendable, Hashable {
    /// Two merchants are linked when the pair weights of all the active
    /// identifiers they share add up to at least this. Default 1.0: with
    /// ``LinkPolicy/default`` a shared payout account or device links on its
    /// own, Wi-Fi or IP only together with something stronger.
    public var linkThreshold: Double
    /// At most this many evidence items are kept per merchant from
    /// ``RingTracker/updateMerchantRisk(merchantID:score:intercepted:evidence:)``
    /// (the newest win). Default 8.
    public var maxRiskEvidencePerMerchant: Int

    /// Creates a configuration; the defaults are documented on each property.
    public init(linkThreshold: Double = 1.0, maxRiskEvidencePerMerchant: Int = 8) {
        precondition(linkThreshold > 0 && linkThreshold.isFinite, "RingTrackerConfiguration.linkThreshold must be a finite number > 0 (got \(linkThreshold))")
        precondition(maxRiskEvidencePerMerchant >= 0, "RingTrackerConfiguration.maxRiskEvidencePerMerchant must be >= 0 (got \(maxRiskEvidencePerMerchant))")
        self.linkThreshold = linkThreshold
        self.maxRiskEvidencePerMerchant = maxRiskEvidencePerMerchant
    }
}
