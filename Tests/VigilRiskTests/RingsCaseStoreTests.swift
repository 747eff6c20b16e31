import Foundation
import GRDB
import Testing
@testable import VigilRisk

@Suite("Rings: case store")
struct RingsCaseStoreTests {
    static let putian = ShipFromLocation(province: "Fujian", city: "Putian", district: "Licheng")
    static let baiyun = ShipFromLocation(province: "Guangdong", city: "Guangzhou", district: "Baiyun")

    static func snapshot(_ id: String, merchants: [String], score: Int, at: Int64, shipFrom: [ShipFromCount]) -> Lead {
        Lead(
            ringID: id, merchants: merchants,
            links: [LeadLink(identifier: .payoutAccount, valueHash: "aaaa000000000001", merchants: merchants),
                    LeadLink(identifier: .device, valueHash: "bbbb000000000002", merchants: Array(merchants.prefix(2)))],
            shipFrom: shipFrom, score: score,
            evidence: [LeadEvidence(merchantID: merchants[0], eventID: "e-\(id)", reasonCode: "shared_payout_account")],
            updatedAt: at)
    }

    @Test("cases stored with the link kinds leads used before (device, wifi) read with the contract's names, evidence codes too")
    func legacyLinkKindsReadAsTheContractsNames() throws {
        let folder = try RingsFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CaseStore(path: folder.appendingPathComponent("cases.sqlite").path)
        var lead = Self.snapshot("ring-a", merchants: ["m1", "m2"], score: 70, at: 1000, shipFrom: [ShipFromCount(location: Self.putian, count: 4)])
        lead.links.append(LeadLink(identifier: .wifi, valueHash: "cccc000000000003", merchants: ["m1", "m2"]))
        lead.evidence += [LeadEvidence(merchantID: "m1", eventID: "e-d", reasonCode: "shared_device_id"),
                          LeadEvidence(merchantID: "m2", eventID: "e-w", reasonCode: "shared_wifi_bssid")]
        #expect(try store.upsert(lead))
        // Rewrite the stored JSON as an older Vigil wrote it.
        try store.pool.write { db in
            for table in ["ring_case", "ring_case_history"] {
                try db.execute(sql: "UPDATE \(table) SET snapshot = replace(replace(replace(replace(snapshot, '\"device_id\"', '\"device\"'), '\"wifi_bssid\"', '\"wifi\"'), '\"shared_device_id\"', '\"shared_device\"'), '\"shared_wifi_bssid\"', '\"shared_wifi\"')")
            }
        }
        let stored = try #require(try store.pool.read { db in try String.fetchOne(db, sql: "SELECT snapshot FROM ring_case") })
        #expect(stored.contains(#""kind":"device""#) && stored.contains(#""kind":"wifi""#))
        #expect(stored.contains(#""reason_code":"shared_device""#) && stored.contains(#""reason_code":"shared_wifi""#))
        let shown = try #require(try store.show("ring-a"))
        #expect(shown.snapshot.links.map(\.kind) == [.payoutAccount, .deviceID, .wifiBSSID])
        #expect(try store.history("ring-a").flatMap { $0.links.map(\.kind) } == [.payoutAccount, .deviceID, .wifiBSSID])
        #expect(shown.snapshot.evidence.map(\.reasonCode) == ["shared_payout_account", "shared_device_id", "shared_wifi_bssid"])
        #expect(shown.snapshot == lead)
    }

    @Test("leads round-trip through a real SQLite file, with history and upsert by ring id")
    func roundTrip() throws {
        let folder = try RingsFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cases.sqlite").path
        let first = Self.snapshot("ring-a", merchants: ["m1", "m2"], score: 70, at: 1000, shipFrom: [ShipFromCount(location: Self.putian, count: 4)])
        let grown = Self.snapshot("ring-a", merchants: ["m1", "m2", "m3"], score: 75, at: 2000, shipFrom: [ShipFromCount(location: Self.putian, count: 6)])
        let other = Self.snapshot("ring-b", merchants: ["m7", "m8"], score: 90, at: 1500,
                                  shipFrom: [ShipFromCount(location: Self.baiyun, count: 3), ShipFromCount(location: Self.putian, count: 1)])
        do {
            let store = try CaseStore(path: path)
            #expect(try store.upsert(first))
            #expect(try store.upsert(first) == false)  // redelivered: nothing new
            #expect(try store.upsert(grown))
            #expect(try store.upsert(other))
        }
        let store = try CaseStore(path: path)  // reopen: it is on disk
        let list = try store.list()
        #expect(list.map(\.ringID) == ["ring-b", "ring-a"])
        #expect(list[1] == CaseSummary(ringID: "ring-a", score: 75, memberCount: 3, updatedAt: 2000, firstSeenAt: 1000, revision: 2))
        let shown = try #require(try store.show("ring-a"))
        #expect(shown.snapshot == grown)
        #expect(shown.revision == 2)
        #expect(try store.history("ring-a") == [first, grown])
        #expect(try store.show("ring-zzz") == nil)
        #expect(try store.rings(containing: "m3") == ["ring-a"])
        #expect(try store.rings(containing: "m7") == ["ring-b"])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("CSV has one row per ring member; GeoJSON aggregates districts with null geometry")
    func exports() throws {
        let folder = try RingsFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CaseStore(path: folder.appendingPathComponent("cases.sqlite").path)
        try store.upsert(Self.snapshot("ring-a", merchants: ["m1", "m2", "m,3"], score: 75, at: 2000, shipFrom: [ShipFromCount(location: Self.putian, count: 6)]))
        try store.upsert(Self.snapshot("ring-b", merchants: ["m7", "m8"], score: 90, at: 1500,
                                       shipFrom: [ShipFromCount(location: Self.baiyun, count: 3), ShipFromCount(location: Self.putian, count: 1)]))
        let csv = try store.exportCSV()
        #expect(csv == """
            ring_id,score,ring_size,merchant_id,link_kinds,top_ship_from,updated_at
            ring-b,90,2,m7,payout_account;device_id,Guangdong/Guangzhou/Baiyun,1500
            ring-b,90,2,m8,payout_account;device_id,Guangdong/Guangzhou/Baiyun,1500
            ring-a,75,3,m1,payout_account;device_id,Fujian/Putian/Licheng,2000
            ring-a,75,3,m2,payout_account;device_id,Fujian/Putian/Licheng,2000
            ring-a,75,3,"m,3",payout_account,Fujian/Putian/Licheng,2000

            """)
        let csvFile = folder.appendingPathComponent("cases.csv")
        try store.exportCSV(to: csvFile)
        #expect(try String(contentsOf: csvFile, encoding: .utf8) == csv)

        let geoFile = folder.appendingPathComponent("hotspots.geojson")
        try store.exportGeoJSON(to: geoFile)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: geoFile)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 2)
        #expect(features.allSatisfy { $0["type"] as? String == "Feature" && $0["geometry"] is NSNull })
        let top = try #require(features[0]["properties"] as? [String: Any])
        #expect(top["province"] as? String == "Fujian")
        #expect(top["city"] as? String == "Putian")
        #expect(top["district"] as? String == "Licheng")
        #expect(top["count"] as? Int == 7)
        #expect(top["rings"] as? Int == 2)
        #expect(top["ring_ids"] as? [String] == ["ring-a", "ring-b"])
        let second = try #require(features[1]["properties"] as? [String: Any])
        #expect(second["district"] as? String == "Baiyun")
        #expect(second["count"] as? Int == 3)
        #expect(second["rings"] as? Int == 1)
    }

    @Test("errors name the file and say how to fix it")
    func errors() throws {
        let path = "/nonexistent-vigil-folder/sub/cases.sqlite"
        let error = try #require(throws: CaseStoreError.self) { try CaseStore(path: path) }
        guard case .cannotOpen(let failed, _) = error else { Issue.record("unexpected \(error)"); return }
        #expect(failed == path)
        #expect(error.description.contains(path))
        #expect(error.description.contains("writable"))

        let folder = try RingsFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CaseStore(path: folder.appendingPathComponent("cases.sqlite").path)
        let exportError = try #require(throws: CaseStoreError.self) {
            try store.exportCSV(to: URL(fileURLWithPath: "/nonexistent-vigil-folder/out.csv"))
        }
        #expect(exportError.description.contains("/nonexistent-vigil-folder/out.csv"))
        #expect(exportError.description.contains(store.path))
    }

    @Test("a ring that merged away is closed with its reason, left out of lists and exports, and reopened by a new lead")
    func closeAndReopen() throws {
        let folder = try RingsFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try CaseStore(path: folder.appendingPathComponent("cases.sqlite").path)
        try store.upsert(Self.snapshot("ring-small", merchants: ["m1", "m2"], score: 70, at: 1000, shipFrom: []))
        try store.upsert(Self.snapshot("ring-big", merchants: ["m1", "m2", "m3", "m4"], score: 90, at: 2000, shipFrom: []))
        #expect(try store.members(of: "ring-small") == ["m1", "m2"])
        #expect(try store.close("ring-small", reason: "merged into ring-big", at: 2000))
        #expect(try !store.close("ring-small", reason: "again", at: 3000), "closing a closed case changes nothing")
        #expect(try !store.close("ring-unknown", reason: "dissolved", at: 3000))
        #expect(try store.list().map(\.ringID) == ["ring-big"])
        #expect(try store.latestSnapshots().map(\.ringID) == ["ring-big"])
        #expect(try !store.exportCSV().contains("ring-small"))
        let all = try store.list(includeClosed: true)
        #expect(all.map(\.ringID) == ["ring-big", "ring-small"])
        #expect(all.last?.closedReason == "merged into ring-big" && all.last?.closedAt == 2000)
        #expect(all.first?.closedAt == nil)
        // A new lead under the closed id (a later ring founded by the same pair) reopens the case.
        try store.upsert(Self.snapshot("ring-small", merchants: ["m1", "m2", "m9"], score: 80, at: 5000, shipFrom: []))
        #expect(try store.list().map(\.ringID).sorted() == ["ring-big", "ring-small"])
        #expect(try store.show("ring-small")?.revision == 2)
    }

    @Test("cumulative shipment reports replace a merchant's counts, so a redelivered report changes nothing")
    func shipmentReportsReplace() {
        var ledger = ShipFromLedger()
        let report = [ShipFromCount(location: Self.putian, count: 3), ShipFromCount(location: Self.baiyun, count: 1)]
        ledger.replace(merchantID: "m1", with: report)
        ledger.replace(merchantID: "m1", with: report)
        ledger.record(merchantID: "m2", location: Self.putian)
        #expect(ledger.ranked(merchants: ["m1", "m2"]) == [ShipFromCount(location: Self.putian, count: 4), ShipFromCount(location: Self.baiyun, count: 1)])
        ledger.replace(merchantID: "m1", with: [ShipFromCount(location: Self.putian, count: 5)])
        #expect(ledger.counts(for: "m1") == [ShipFromCount(location: Self.putian, count: 5)])
        ledger.replace(merchantID: "m1", with: [])
        #expect(ledger.counts(for: "m1").isEmpty)
        #expect(ledger.merchantCount == 1)
    }
}
