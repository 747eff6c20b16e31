/// `decision` of a verdict, in increasing severity.
public enum VerdictDecision: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Nothing to do.
    case allow
    /// Send to a human reviewer.
    case review
    /// Take the listing down / hold the merchant.
    case intercept

    private var severity: Int {
        switch self {
        case .allow: 0
        case .review: 1
        case .intercept: 2
        }
    }

    /// Orders by severity: `allow < review < intercept`.
    public static func < (lhs: VerdictDecision, rhs: VerdictDecision) -> Bool { lhs.severity < rhs.severity }
}
