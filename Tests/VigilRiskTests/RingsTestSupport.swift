import Foundation
@testable import VigilRisk

/// Helpers shared by the ring tests.
enum RingsFixture {
    /// A sighting of raw identifier `raw` of `kind` by `merchant`.
    static func sighting(_ kind: IdentifierKind, _ raw: String, _ merchant: String, event: String? = nil, ts: Int64 = 1_700_000_000_000) -> IdentifierSighting {
        IdentifierSighting(kind: kind, rawValue: raw, merchantID: merchant, eventID: event ?? "ev-\(merchant)-\(kind.rawValue)-\(raw)", ts: ts)
    }

    /// Runs sightings through an index into a tracker.
    static func feed(_ sightings: [IdentifierSighting], index: inout IdentifierIndex, tracker: inout RingTracker) {
        for sighting in sightings {
            if let event = index.record(sighting) { tracker.apply(event) }
        }
    }

    /// A fresh temporary folder for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-rings-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
