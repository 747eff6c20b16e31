/// Gives each feature-log row the outcome that was established about it *after* its decision, so
/// a model learns only from what was not yet known when the row was scored.
///
/// Rules:
/// - only labels with `ts` strictly after the row's `event_ts` count (a label established before
///   the decision does not join it);
/// - a listing label (`listing_id` set) applies to that listing's rows; a merchant label
///   (`listing_id` null) to every row of the merchant, listing and merchant rows alike;
/// - among the labels that apply, the latest `ts` wins, so an appeal `genuine` overrides an earlier
///   counterfeit label (and a later finding overrides an earlier appeal); on equal `ts` an appeal
///   wins, then a listing label over a merchant label, then the smaller `label_id`.
public struct PointInTimeLabelJoin: Sendable {
    /// Each merchant's labels, latest (by the precedence above) first.
    private let byMerchant: [String: [LabelEvent]]

    /// Indexes `labels`.
    public init(labels: [LabelEvent]) {
        byMerchant = Dictionary(grouping: labels, by: \.merchantID).mapValues { $0.sorted(by: Self.precedes) }
    }

    /// The label that decides `row`'s outcome, or `nil` when none was established after it.
    public func label(for row: FeatureLogRow) -> LabelEvent? {
        byMerchant[row.merchantID]?.first { label in
            label.ts > row.eventTS && (label.listingID == nil || label.listingID == row.listingID)
        }
    }

    /// Whether `a` takes precedence over `b`.
    static func precedes(_ a: LabelEvent, _ b: LabelEvent) -> Bool {
        if a.ts != b.ts { return a.ts > b.ts }
        let appealA = a.source == .appeal, appealB = b.source == .appeal
        if appealA != appealB { return appealA }
        let listingA = a.listingID != nil, listingB = b.listingID != nil
        if listingA != listingB { return listingA }
        return a.labelID < b.labelID
    }
}
