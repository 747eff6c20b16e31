import VigilRisk

/// What a reviewer can decide from the console; each becomes a contract label on
/// `marketplace.labels`.
///
/// | action | `source` | `outcome` |
/// | --- | --- | --- |
/// | ``confirmCounterfeit`` | `manual_review` | `counterfeit` |
/// | ``markGenuine`` | `manual_review` | `genuine` |
/// | ``upholdAppeal`` | `appeal` | `genuine` |
///
/// Upholding an appeal is written with source `appeal`: that is what the contract (and the
/// engine's ``LabelEvent/upholdsAppeal``) reads as "the earlier intercept was wrong"; a
/// `manual_review` genuine label would only be the same as ``markGenuine``.
public enum ReviewAction: String, Sendable, Hashable, CaseIterable {
    /// The goods are counterfeit.
    case confirmCounterfeit = "confirm_counterfeit"
    /// The goods are genuine.
    case markGenuine = "mark_genuine"
    /// The merchant's appeal is upheld: the earlier intercept was wrong.
    case upholdAppeal = "uphold_appeal"

    /// The button text.
    public var title: String {
        switch self {
        case .confirmCounterfeit: "Confirm counterfeit"
        case .markGenuine: "Mark genuine"
        case .upholdAppeal: "Uphold appeal"
        }
    }

    /// The label's `outcome`.
    public var outcome: LabelEvent.Outcome { self == .confirmCounterfeit ? .counterfeit : .genuine }

    /// The label's `source`.
    public var source: LabelEvent.Source { self == .upholdAppeal ? .appeal : .manualReview }

    /// The label this action writes about `merchantID` (and `listingID`, when given) at `time`
    /// (epoch ms). `label_id` and `event_id` are `console-<action>-<merchant>-<time>-<nonce>`.
    public func label(merchantID: String, listingID: String?, brand: String?, note: String?, at time: Int64, nonce: UInt32) -> LabelEvent {
        let id = "console-\(rawValue)-\(merchantID)-\(time)-\(String(nonce, radix: 16))"
        return LabelEvent(eventID: id, merchantID: merchantID, ts: time, labelID: id, listingID: listingID,
                          outcome: outcome, source: source, brand: brand, note: note)
    }
}
