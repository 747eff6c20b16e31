/// What a verdict is about: one listing, or the merchant as a whole.
///
/// On the wire this is the pair `subject` (`"listing"` | `"merchant"`) and `listing_id`
/// (set for a listing, `null` for a merchant); the enum keeps the two consistent.
public enum VerdictSubject: Sendable, Hashable {
    /// A verdict on the listing with this `listing_id`.
    case listing(String)
    /// A verdict on the merchant.
    case merchant

    /// The wire value of `subject`: `"listing"` or `"merchant"`.
    public var wireName: String {
        switch self {
        case .listing: "listing"
        case .merchant: "merchant"
        }
    }

    /// The wire value of `listing_id`: the id for a listing, `nil` (encoded `null`) for a merchant.
    public var listingID: String? {
        switch self {
        case .listing(let id): id
        case .merchant: nil
        }
    }
}
