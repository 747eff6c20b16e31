/// How outcomes established by labels override what the scores decided, from the merchant's
/// ``LabelLedger/Standing`` as of the decision.
///
/// | standing | listing verdict | merchant verdict |
/// | --- | --- | --- |
/// | the listing established counterfeit | `intercept`, score ≥ 95, reason `label_counterfeit` | — |
/// | the listing under a rights holder's complaint | at least `review`, reason `rights_holder_complaint` | — |
/// | the listing established genuine | at most `review`, below the intercept threshold, reason `label_genuine` | — |
/// | merchant confirmed | at least `review`, reason `label_counterfeit` | `intercept`, score ≥ 95, reason `label_counterfeit` |
/// | merchant under a complaint | at least `review`, reason `rights_holder_complaint` | at least `review`, same reason |
/// | merchant cleared (upheld appeal, or genuine as a whole) | at most `review`, below the intercept threshold, reason `appeal_upheld` or `label_genuine` | `allow`, below the review threshold, same reason |
///
/// A cleared merchant's new listings still go to a reviewer when they score high, but are never
/// taken down automatically until a new counterfeit label confirms it again.
enum LabelOverride {
    /// Score given to a verdict a counterfeit label confirms.
    static let confirmedScore = 95
    /// Weight of the label reasons: above any rule or model reason, so they come first.
    static let reasonWeight = 10.0

    /// The listing's assessment with the merchant's labels applied.
    static func listing(_ assessment: Assessment, listingID: String, standing: LabelLedger.Standing, thresholds: RiskThresholds) -> Assessment {
        guard !standing.isEmpty else { return assessment }
        if standing.counterfeitListings.contains(listingID) {
            return confirm(assessment, standing, detail: "this listing was established counterfeit")
        }
        if standing.genuineListings.contains(listingID) {
            return cap(assessment, at: .review, thresholds: thresholds, code: "label_genuine", detail: "this listing was established genuine")
        }
        if standing.complainedListings.contains(listingID) {
            return raise(assessment, thresholds: thresholds, code: "rights_holder_complaint", detail: "a rights holder complained about this listing", standing)
        }
        switch standing.status {
        case .none: return assessment
        case .confirmed: return raise(assessment, thresholds: thresholds, code: "label_counterfeit", detail: "the merchant was established counterfeit", standing)
        case .complained: return raise(assessment, thresholds: thresholds, code: "rights_holder_complaint", detail: "a rights holder complained about the merchant", standing)
        case .cleared(let byAppeal): return cap(assessment, at: .review, thresholds: thresholds, code: clearedCode(byAppeal), detail: clearedDetail(byAppeal))
        }
    }

    /// The merchant's assessment with its labels applied.
    static func merchant(_ assessment: Assessment, standing: LabelLedger.Standing, thresholds: RiskThresholds) -> Assessment {
        switch standing.status {
        case .none: assessment
        case .confirmed: confirm(assessment, standing, detail: "the merchant was established counterfeit")
        case .complained: raise(assessment, thresholds: thresholds, code: "rights_holder_complaint", detail: "a rights holder complained about the merchant", standing)
        case .cleared(let byAppeal): cap(assessment, at: .allow, thresholds: thresholds, code: clearedCode(byAppeal), detail: clearedDetail(byAppeal))
        }
    }

    private static func confirm(_ assessment: Assessment, _ standing: LabelLedger.Standing, detail: String) -> Assessment {
        var confirmed = assessment
        confirmed.decision = .intercept
        confirmed.score = max(confirmed.score, confirmedScore)
        confirmed.reasons.insert(reason("label_counterfeit", detail, standing), at: 0)
        return confirmed
    }

    private static func raise(_ assessment: Assessment, thresholds: RiskThresholds, code: String, detail: String, _ standing: LabelLedger.Standing) -> Assessment {
        var raised = assessment
        if raised.decision < .review {
            raised.decision = .review
            raised.score = max(raised.score, thresholds.review)
        }
        raised.reasons.insert(reason(code, detail, standing), at: 0)
        return raised
    }

    private static func cap(_ assessment: Assessment, at ceiling: VerdictDecision, thresholds: RiskThresholds, code: String, detail: String) -> Assessment {
        var capped = assessment
        if capped.decision > ceiling {
            capped.decision = ceiling
            capped.score = min(capped.score, (ceiling == .allow ? thresholds.review : thresholds.intercept) - 1)
        }
        capped.reasons.insert(VerdictReason(code: code, detail: detail, weight: reasonWeight), at: 0)
        return capped
    }

    private static func clearedCode(_ byAppeal: Bool) -> String { byAppeal ? "appeal_upheld" : "label_genuine" }

    private static func clearedDetail(_ byAppeal: Bool) -> String {
        byAppeal ? "an appeal established that the earlier intercept was wrong" : "the merchant was established genuine"
    }

    private static func reason(_ code: String, _ detail: String, _ standing: LabelLedger.Standing) -> VerdictReason {
        let by = standing.decidedBy.map { " (\($0.source.rawValue), label \($0.labelID))" } ?? ""
        return VerdictReason(code: code, detail: detail + by, weight: reasonWeight)
    }
}
