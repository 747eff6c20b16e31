import Foundation
import VigilRisk

/// What the simulated marketplace really holds: every merchant's and listing's label and
/// every ring. Written next to the events as `truth.json`; read by ``Evaluator``.
///
/// JSON (snake_case, keys sorted, arrays sorted by id):
/// `{"scenario", "seed", "start_time", "end_time", "merchants": [MerchantTruth],
/// "listings": [ListingTruth], "rings": [RingTruth]}`.
public struct GroundTruth: Sendable, Hashable, Codable {
    /// Name of the scenario that produced it.
    public var scenario: String
    /// Its seed.
    public var seed: UInt64
    /// Event time of the simulation's start, epoch ms.
    public var startTime: Int64
    /// Event time of its end (exclusive), epoch ms.
    public var endTime: Int64
    /// Every merchant, sorted by id.
    public var merchants: [MerchantTruth]
    /// Every listing created, sorted by id.
    public var listings: [ListingTruth]
    /// Every ring, sorted by id.
    public var rings: [RingTruth]

    /// Creates ground truth; arrays are sorted by id.
    public init(scenario: String, seed: UInt64, startTime: Int64, endTime: Int64,
                merchants: [MerchantTruth], listings: [ListingTruth], rings: [RingTruth]) {
        self.scenario = scenario
        self.seed = seed
        self.startTime = startTime
        self.endTime = endTime
        self.merchants = merchants.sorted { $0.merchantID < $1.merchantID }
        self.listings = listings.sorted { $0.listingID < $1.listingID }
        self.rings = rings.sorted { $0.ringID < $1.ringID }
    }

    private enum CodingKeys: String, CodingKey {
        case scenario, seed, startTime = "start_time", endTime = "end_time", merchants, listings, rings
    }

    /// The truth of `merchantID`, if it is a simulated merchant (linear scan; index it for many look-ups).
    public func merchant(_ merchantID: String) -> MerchantTruth? { merchants.first { $0.merchantID == merchantID } }

    /// Counterfeit merchants.
    public var counterfeitMerchants: [MerchantTruth] { merchants.filter(\.isCounterfeit) }

    /// Ids of counterfeit listings, sorted.
    public var counterfeitListingIDs: [String] { listings.filter(\.counterfeit).map(\.listingID) }

    /// The pretty-printed, key-sorted JSON of `truth.json`.
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Reads `truth.json`.
    /// - Throws: ``EvaluationError/unreadableTruth(path:reason:)`` naming the file and the problem.
    public init(contentsOfFile path: String) throws(EvaluationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableTruth(path: path, reason: "the file does not exist or cannot be read")
        }
        do {
            self = try JSONDecoder().decode(GroundTruth.self, from: data)
        } catch {
            throw .unreadableTruth(path: path, reason: "not a truth file written by `vigil simulate` (\(error))")
        }
    }
}
