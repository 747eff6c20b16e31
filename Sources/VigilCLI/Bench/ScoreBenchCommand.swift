import ArgumentParser
import Foundation
import VigilRisk

/// `vigil bench score`: latency of scoring one listing whose features are ready
/// (rules + scorecard + reasons, as the merchant stage does it).
struct ScoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "p50/p99 latency of RiskAssessor.assessListing on a ready feature vector (target p99 <= 50 us)."
    )

    @Option(help: "Timed calls.")
    var iterations: Int = 200_000

    @Option(help: "Risk configuration.")
    var risk: String = RiskWiring.Paths.defaultRiskConfiguration

    func run() throws {
        let assessor = try RiskAssessor(configuration: RiskConfiguration.load(path: risk))
        let brands = try BrandRegistry(fileBytes: Array(#"{"currency":"CNY","brands":{"Rolex":{"reference_prices":{"watches":68000.0},"authorized_merchants":["m-auth"]}}}"#.utf8), source: "bench")
        var profile = MerchantProfile(merchantID: "m-bench")
        let base: Int64 = 1_700_000_000_000
        var listings: [ListingEvent] = []
        for index in 0..<64 {
            let listing = ListingEvent(
                eventID: "e\(index)", merchantID: "m-bench", ts: base + Int64(index) * 60_000, listingID: "l\(index)", action: .create,
                title: index % 3 == 0 ? "Rolex Submariner 高仿 AAA" : "Rolex Datejust \(index)", brand: "Rolex", category: "watches",
                price: index % 2 == 0 ? 100_000 : 900, currency: "CNY", stock: 10 + index, imageTextPrices: index % 2 == 0 ? [780] : [],
                logos: ["Rolex"], imageHashes: ["h\(index)"],
                seller: .init(storeAgeDays: 5, template: .basic, verifiedID: false, deviceID: "d", ip: "1.2.3.4", wifiBSSID: nil)
            )
            profile.apply(.listing(listing), brands: brands, isLate: false)
            listings.append(listing)
        }
        let vectors = listings.map { profile.features(listing: $0, brands: brands, asOf: base + 64 * 60_000) }
        var samples = LatencyQuantiles()
        var checksum = 0
        for index in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let assessment = assessor.assessListing(vectors[index % vectors.count], listing: listings[index % listings.count])
            samples.record(nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
            checksum &+= assessment.score
        }
        func microseconds(_ milliseconds: Double?) -> Double { (milliseconds ?? 0) * 1000 }
        print("assessListing on ready features (\(FeatureCatalog.count) features, rules + scorecard + reasons), \(iterations) calls:")
        print(String(format: "  p50 %.2f us  p90 %.2f us  p99 %.2f us  max %.2f us  (checksum %d)", microseconds(samples.quantile(0.5)), microseconds(samples.quantile(0.9)),
                     microseconds(samples.quantile(0.99)), microseconds(samples.max), checksum))
        // Feature extraction itself, for the record.
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<10_000 { _ = profile.features(listing: listings[index % listings.count], brands: brands, asOf: base + 64 * 60_000) }
        print(String(format: "  features(listing:) mean %.2f us per call", Double(DispatchTime.now().uptimeNanoseconds - start) / 10_000 / 1000))
    }
}

import Dispatch
