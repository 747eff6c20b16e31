import VigilState

/// The event-time windows a ``MerchantProfile`` keeps, one `SlidingWindow` each.
///
/// Indicator metrics (e.g. `reviewFiveStar7d`) receive an event only when the indicator holds,
/// so their count is the number of such events. The raw value order is the encoded order: append only.
enum MerchantMetric: Int, CaseIterable, Sendable {
    case listingCreates1h, listingCreates24h, listingCreates7d, listingUpdates24h, listingDelists24h, listingDelists7d
    case priceChanges24h, sellerDevices30d, sellerIPs30d, sellerWifis30d
    case reviews1h, reviews24h, reviews7d, reviews30d
    case reviewFiveStar7d, reviewOneStar7d, reviewNewAccount7d, reviewNewAccount24h, reviewNewAccountFiveStar24h
    case reviewDuplicate7d, reviewVeryShort7d, reviewComplaint30d, reviewDevices7d, reviewSellerDevice30d, reviewSellerIP30d
    case charges24h, charges7d, charges30d, refunds30d, chargebacks30d, paidRatio30d, chargesUnknownListing30d, payoutAccounts30d
    case shipments7d, shipments30d, deliveries30d, returns30d, shipDistricts30d, shipAddresses30d, carriers30d, returnAddresses30d
    case listingScores7d, listingScores30d, intercepts7d, reviewDecisions7d

    /// The window text, parsed by `WindowSpec(parsing:)`.
    var windowText: String {
        switch self {
        case .listingCreates1h, .reviews1h: "1h/5m"
        case .listingCreates24h, .listingUpdates24h, .listingDelists24h, .priceChanges24h, .reviews24h, .reviewNewAccount24h,
             .reviewNewAccountFiveStar24h, .charges24h: "24h"
        case .listingCreates7d, .listingDelists7d, .reviews7d, .reviewFiveStar7d, .reviewOneStar7d, .reviewNewAccount7d,
             .reviewDuplicate7d, .reviewVeryShort7d, .reviewDevices7d, .charges7d, .shipments7d, .listingScores7d,
             .intercepts7d, .reviewDecisions7d: "7d"
        default: "30d"
        }
    }

    /// The aggregates kept (the count always is).
    var kinds: AggregateKinds {
        switch self {
        case .sellerDevices30d, .sellerIPs30d, .sellerWifis30d, .reviewDevices7d, .payoutAccounts30d, .shipDistricts30d,
             .shipAddresses30d, .carriers30d, .returnAddresses30d: [.count, .distinct]
        case .reviews7d, .charges30d: [.count, .sum, .distinct]
        case .charges24h, .refunds30d, .chargebacks30d: [.count, .sum]
        case .paidRatio30d: [.count, .sum, .min]
        case .listingScores7d, .listingScores30d: [.count, .sum, .max]
        default: [.count]
        }
    }

    /// Parsed specs, in case order.
    static let specs: [WindowSpec] = allCases.map { metric in
        // The texts above are constants known to parse; a failure is a programming error.
        do { return try WindowSpec(parsing: metric.windowText) } catch { fatalError("MerchantMetric \(metric): \(error)") }
    }

    /// A fresh, empty window for this metric.
    func emptyWindow() -> SlidingWindow { SlidingWindow(spec: Self.specs[rawValue], kinds: kinds) }
}
