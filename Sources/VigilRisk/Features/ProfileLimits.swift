/// The caps that bound the memory of one ``MerchantProfile``.
///
/// Worst case, with every cap reached, a profile holds about 200 KB (listings dominate);
/// a typical small merchant holds a few KB. Windows allocate their buckets on first use.
public enum ProfileLimits {
    /// Listings tracked per merchant (price, stock, category, brand for storefront features and for
    /// paid-to-listed ratios). When full, the delisted listing seen longest ago is forgotten,
    /// else the active listing seen longest ago.
    public static let maxListings = 500
    /// Shared identifiers remembered from ``MerchantProfile/applyLink(kind:valueHash:otherMerchants:)``.
    /// When full, the one with the fewest other merchants is forgotten.
    public static let maxLinks = 256
    /// Review text fingerprints remembered for duplicate detection (oldest forgotten first).
    public static let maxReviewFingerprints = 1024
    /// Buyers counted by the space-saving top-buyer counter.
    public static let maxTopBuyers = 32
    /// The merchant's own recent device ids and IPs (each) kept to spot self-reviews.
    public static let maxSellerIdentifiers = 8
    /// Recent event ids (as 64-bit hashes) kept to ignore a redelivered event or label: the one
    /// redelivery guard of the merchant stage (``MerchantProfile/remember(eventID:)``).
    public static let maxRecentEvents = 512
}
