import VigilState
import VigilPrimitives

/// All the state of one merchant: event-time windows, tracked listings, storefront snapshot,
/// shared identifiers and ring facts, kept on the merchant's lane and keyed by `merchant_id`.
///
/// Feed it every event of the merchant with ``apply(_:brands:isLate:)``, the identifier and ring
/// stages' facts with ``applyLink(kind:valueHash:otherMerchants:)`` and ``applyRing(_:)``, and every
/// listing verdict with ``recordListingScore(_:at:decision:)``; read the feature vector, aligned with
/// ``FeatureCatalog/definitions``, with ``features(listing:brands:asOf:)``.
///
/// Memory is bounded by ``ProfileLimits``. State round-trips exactly through ``encoded()`` and
/// ``init(decoding:)``. A redelivered event (same `event_id` among the last
/// ``ProfileLimits/maxRecentEvents``) is ignored.
public struct MerchantProfile: Sendable {
    /// The merchant's `merchant_id`.
    public internal(set) var merchantID: String
    /// The latest event time applied (epoch ms); `Int64.min` before any event.
    public internal(set) var lastEventTime: Int64
    /// The merchant's latest decision, as set by the operator to detect changes.
    public var lastMerchantDecision: VerdictDecision?
    /// The settings the features are computed with.
    public let settings: FeatureSettings

    var windows: [SlidingWindow]
    var listings: [String: ListingRecord] = [:]
    var seller: ListingEvent.SellerSnapshot?
    var sellerSnapshotTime: Int64 = .min
    /// Hashes of the merchant's own recent device ids and IPs (newest last).
    var sellerDevices: [UInt64] = []
    var sellerIPs: [UInt64] = []
    var links = LinkTable()
    var ring = RingFeatures.none
    var reviewFingerprints = RecentSet<UInt64>(capacity: ProfileLimits.maxReviewFingerprints)
    var topBuyers = TopBuyerCounter()
    var recentEvents = RecentSet<UInt64>(capacity: ProfileLimits.maxRecentEvents)
    /// `value_hash` (kind return_address) of the latest return address seen, and its event time.
    var latestReturnAddress: String?
    var latestReturnAddressTime: Int64 = .min

    /// An empty profile with the default ``FeatureSettings``.
    public init(merchantID: String) {
        self.init(merchantID: merchantID, settings: .default)
    }

    /// An empty profile computing features with `settings`.
    public init(merchantID: String, settings: FeatureSettings) {
        self.merchantID = merchantID
        self.settings = settings
        lastEventTime = .min
        windows = MerchantMetric.allCases.map { $0.emptyWindow() }
    }

    /// The window of `metric`.
    func window(_ metric: MerchantMetric) -> SlidingWindow { windows[metric.rawValue] }

    /// Adds an event to the window of `metric`.
    mutating func add(_ metric: MerchantMetric, value: Double = 1, distinct: String? = nil, at ts: Int64) {
        windows[metric.rawValue].add(value: value, distinctHash: distinct.map { StableHash.hash($0) }, at: ts)
    }
}
