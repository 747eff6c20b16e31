/// The detection floors a held-out sweep is judged by (issue targets), checked on every test scenario.
struct SweepFloors: Sendable {
    /// Merchant precision at least this. Default 0.97.
    var precision = 0.97
    /// Merchant recall at least this. Default 0.95.
    var recall = 0.95
    /// Honest false-intercept rate at most this, overall and in every honest population. Default 0.001.
    var falseInterceptRate = 0.001
    /// Time to intercept p90 at most this (event time, ms). Default one hour.
    var timeToInterceptP90: Int64 = 3_600_000
    /// True ring members in a lead with another member of their ring, at least this share. Default 0.95.
    var ringCoverage = 0.95
    /// Largest honest share of any lead, at most this. Default 0.10.
    var leadHonestShare = 0.10

    /// Populations whose merchants are counterfeit (not judged by the false-intercept floor).
    static let counterfeitPopulations: Set<String> = ["ring_member", "solo_counterfeiter"]

    /// The floors `outcome` misses, each as a readable line (empty when all hold).
    func misses(_ outcome: SweepOutcome) -> [String] {
        var misses: [String] = []
        if !(outcome.precision >= precision) { misses.append("precision \(format(outcome.precision)) < \(precision)") }
        if !(outcome.recall >= recall) { misses.append("recall \(format(outcome.recall)) < \(recall)") }
        if !(outcome.falseInterceptRate <= falseInterceptRate) { misses.append("false-intercept rate \(percent(outcome.falseInterceptRate)) > \(percent(falseInterceptRate))") }
        for (name, counts) in outcome.populations.sorted(by: { $0.key < $1.key }) where !Self.counterfeitPopulations.contains(name) && counts.merchants > 0 {
            let rate = Double(counts.intercepted) / Double(counts.merchants)
            let limit = name == "authorized_seller" ? 0 : falseInterceptRate
            if rate > limit { misses.append("\(name): \(counts.intercepted) of \(counts.merchants) intercepted (\(percent(rate)))") }
        }
        if let p90 = outcome.timeToInterceptP90, p90 > timeToInterceptP90 { misses.append("time to intercept p90 \(p90 / 60_000) min > \(timeToInterceptP90 / 60_000) min") }
        if !(outcome.ringCoverage >= ringCoverage) { misses.append("ring members in a lead \(format(outcome.ringCoverage)) < \(ringCoverage)") }
        if !(outcome.worstLeadHonestShare <= leadHonestShare) { misses.append("a lead is \(percent(outcome.worstLeadHonestShare)) honest > \(percent(leadHonestShare))") }
        return misses
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
    private func percent(_ value: Double) -> String { String(format: "%.2f %%", 100 * value) }
}
