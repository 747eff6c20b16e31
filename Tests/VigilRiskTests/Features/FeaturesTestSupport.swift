import Foundation
import Testing
@testable import VigilRisk

/// Hand-made events and helpers for the feature and assessment tests.
enum FX {
    static let hour: Int64 = 3_600_000
    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000
    /// A midnight (UTC), so day buckets start at T0 + k days.
    static let t0: Int64 = 1_699_920_000_000

    static let registry = BrandRegistry(currency: "CNY", brands: [
        BrandRecord(name: "Rolex", referencePrices: ["watches": 68000], authorizedMerchants: ["m0000277"]),
        BrandRecord(name: "Nike", referencePrices: ["footwear": 800], authorizedMerchants: ["m1"]),
    ])

    static func seller(age: Int = 3, template: ListingEvent.StoreTemplate = .basic, verified: Bool = false,
                       device: String = "dev-1", ip: String = "10.0.0.1", wifi: String? = "aa:bb") -> ListingEvent.SellerSnapshot {
        .init(storeAgeDays: age, template: template, verifiedID: verified, deviceID: device, ip: ip, wifiBSSID: wifi)
    }

    static func listing(_ id: String, merchant: String = "m1", event: String? = nil, at ts: Int64, action: ListingEvent.ListingAction = .create,
                        title: String = "item", brand: String? = nil, category: String = "memory", price: Double = 10, stock: Int = 1,
                        ocr: [Double] = [], logos: [String] = [], images: [String] = [], seller: ListingEvent.SellerSnapshot = seller()) -> ListingEvent {
        ListingEvent(eventID: event ?? "e-\(id)-\(action.rawValue)-\(ts)", merchantID: merchant, ts: ts, listingID: id, action: action,
                     title: title, brand: brand, category: category, price: price, currency: "CNY", stock: stock,
                     imageTextPrices: ocr, logos: logos, imageHashes: images, seller: seller)
    }

    static func review(_ id: String, merchant: String, at ts: Int64, rating: Int, text: String, buyer: String, age: Int,
                       device: String, ip: String) -> MarketplaceEvent {
        .review(ReviewEvent(eventID: "e-\(id)", merchantID: merchant, ts: ts, reviewID: id, listingID: "l", buyerID: buyer,
                            rating: rating, text: text, buyerAccountAgeDays: age, deviceID: device, ip: ip))
    }

    static func payment(_ id: String, merchant: String, at ts: Int64, kind: PaymentEvent.PaymentKind, amount: Double,
                        listing: String = "p1", buyer: String = "u1", payout: String = "acct-1") -> MarketplaceEvent {
        .payment(PaymentEvent(eventID: "e-\(id)", merchantID: merchant, ts: ts, paymentID: id, orderID: "o-\(id)", listingID: listing,
                              buyerID: buyer, kind: kind, amount: amount, currency: "CNY", payoutAccount: payout, buyerAccount: "ba-\(buyer)"))
    }

    static func shipment(_ id: String, merchant: String, at ts: Int64, status: LogisticsEvent.ShipmentStatus, carrier: String,
                         from: (String, String, String, String), returnAddress: String) -> MarketplaceEvent {
        .logistics(LogisticsEvent(eventID: "e-\(id)", merchantID: merchant, ts: ts, shipmentID: id, orderID: "o-\(id)", status: status,
                                  carrier: carrier, shipFrom: .init(province: from.0, city: from.1, district: from.2, addressHash: from.3),
                                  returnAddressHash: returnAddress, receiverAddressHash: "rcv-\(id)"))
    }

    /// Asserts every named feature of `vector` (NaN equals NaN; 1e-9 relative tolerance).
    static func expect(_ vector: FeatureVector, _ expected: [String: Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(vector.count == FeatureCatalog.count, sourceLocation: sourceLocation)
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            guard let index = FeatureCatalog.index(of: name) else {
                Issue.record("\(name) is not in the catalogue", sourceLocation: sourceLocation)
                continue
            }
            let got = vector[index]
            let ok = want.isNaN ? got.isNaN : abs(got - want) <= 1e-9 * max(1, abs(want))
            #expect(ok, "\(name): expected \(want), got \(got)", sourceLocation: sourceLocation)
        }
    }

    /// Bitwise equality of two vectors (NaN-aware).
    static func identical(_ a: FeatureVector, _ b: FeatureVector) -> Bool {
        a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern }
    }

    /// The repository root (for config/).
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}
