/// A rule whose condition held, with its human-readable detail.
public struct FiredRule: Sendable, Hashable {
    /// The rule.
    public var code: RuleCode
    /// What was seen, e.g. `image shows 780 CNY, listed at 100000 CNY (ratio 128.2)`.
    public var detail: String
    /// The rule's settings.
    public var settings: RuleSettings

    /// The verdict reason for this rule.
    public var reason: VerdictReason { VerdictReason(code: code.rawValue, detail: detail, weight: settings.weight) }
}
