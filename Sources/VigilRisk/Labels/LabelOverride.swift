/// How outcomes established by labels override what the scores decided.
///
/// | standing (``LabelLedger``) | listing verdict | merchant verdict |
/// | --- | --- | --- |
/// | the listing labelled counterfeit | `intercept`, score ≥ 95, reason `label_counterfeit` | — |
/// | the merchant confirmed counterfeit | at least `review`, reason `label_counterfeit` | `intercept`, score ≥ 95, reason `label_counterfeit` |
/// | the listing labelled genuine | at most `review`, score < intercept threshold, reason `label_genuine` | — |
/// | the merchant cleared (upheld appeal, or genuine as a whole) | at most `review`, score < intercept threshold, reason `appeal_upheld` or `label_genuine` | `allow`, score < review threshold, same reason |
///
/// A cleared merchant's new listings still go to a reviewer when they score high, but are never
/// taken down automatically until a new counterfeit label confirms it again.
enum LabelOverride {
    /// Score given to a verdict a counterfeit label confirms.
    static let confirmedScore = 95
    /// Weight of the label reasons: above any rule or model reason, so they come first.
    static let reasonWeight = 10.0

    /// The listing's assessment with the merchant's labels applied.
    static func listing(_ assessment: Assessment, listingID: String, ledger: LabelLedger, thresholds: RiskThresholds) -> Assessment {
        guard ledger.count > 0 else { return assessment }
        if ledger.counterfeitListings.contains(listingID) {
            return confirm(assessment, ledger: ledger, detail: "this listing was established counterfeit")
        }
        if ledger.genuineListings.contains(listingID) {
            return cap(assessment, at: .review, thresholds: thresholds, code: "label_genuine", detail: "this listing was established genuine")
        }
        if ledger.isConfirmed {
            var raised = assessment
            if raised.decision < .review { raised.decision = .review; raised.score = max(raised.score, thresholds.review) }
            raised.reasons.insert(reason(ledger, "label_counterfeit", "the merchant was established counterfeit"), at: 0)
            return raised
        }
        if ledger.isCleared {
            return cap(assessment, at: .review, thresholds: thresholds, code: clearedCode(ledger), detail: clearedDetail(ledger))
        }
        return assessment
    }

    /// The merchant's assessment with its labels applied.
    static func merchant(_ assessment: Assessment, ledger: LabelLedger, thresholds: RiskThresholds) -> Assessment {
        if ledger.isConfirmed { return confirm(assessment, ledger: ledger, detail: "the merchant was established counterfeit") }
        if ledger.isCleared { return cap(assessment, at: .allow, thresholds: thresholds, code: clearedCode(ledger), detail: clearedDetail(ledger)) }
        return assessment
    }

    private static func confirm(_ assessment: Assessment, ledger: LabelLedger, detail: String) -> Assessment {
        var confirmed = assessment
        confirmed.decision = .intercept
        confirmed.score = max(confirmed.score, confirmedScore)
        confirmed.reasons.insert(reason(ledger, "label_counterfeit", detail), at: 0)
        return confirmed
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

    private static func clearedCode(_ ledger: LabelLedger) -> String { ledger.clearedByAppeal ? "appeal_upheld" : "label_genuine" }

    private static func clearedDetail(_ ledger: LabelLedger) -> String {
        ledger.clearedByAppeal ? "an appeal established that the earlier intercept was wrong" : "the merchant was established genuine"
    }

    private static func reason(_ ledger: LabelLedger, _ code: String, _ detail: String) -> VerdictReason {
        let source = ledger.confirmationSource.map { " by \($0.rawValue)" } ?? ""
        let label = ledger.confirmationID.map { " (label \($0))" } ?? ""
        return VerdictReason(code: code, detail: detail + source + label, weight: reasonWeight)
    }
}
