import Foundation
import Testing
import VigilConsole
import VigilRisk

/// The pages rendered from a real SQLite case store.
@Suite("Console pages")
struct ConsolePagesTests {
    static let evilTitle = "<script>document.title='pwned'</script> \"><img src=x onerror=alert(1)>"

    func makeStore() throws -> CaseStore {
        let store = try CaseStore(path: temporaryPath("cases.sqlite"))
        try store.upsert(snapshot("ring-a", merchants: ["m1", "m2", "m3"], score: 90, links: [
            LeadLink(identifier: .payoutAccount, valueHash: "p1", merchants: ["m1", "m2", "m3"]),
            LeadLink(identifier: .device, valueHash: "d1", merchants: ["m1", "m2"]),
            LeadLink(identifier: .device, valueHash: "d2", merchants: ["m2", "m3"]),
        ], shipFrom: [ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 120),
                      ShipFromCount(province: "Guangdong", city: "Guangzhou", district: "Baiyun", count: 30)]))
        try store.upsert(snapshot("ring-b", merchants: ["m4", "m5"], score: 60,
                                  shipFrom: [ShipFromCount(province: "Zhejiang", city: "Yiwu", district: "Futian", count: 10)]))
        try store.upsert(snapshot("ring-c", merchants: ["m6", "m7"], score: 70))
        try store.close("ring-c", reason: "merged into ring-a", at: 1_764_000_100_000)
        // A second revision of ring-a: m8 joins.
        try store.upsert(snapshot("ring-a", merchants: ["m1", "m2", "m3", "m8"], score: 95, updatedAt: 1_764_000_500_000, links: [
            LeadLink(identifier: .payoutAccount, valueHash: "p1", merchants: ["m1", "m2", "m3", "m8"]),
        ], shipFrom: [ShipFromCount(province: "Fujian", city: "Putian", district: "Licheng", count: 150)]))
        try store.recordListings([
            StoredListing(listingID: "l1", merchantID: "m1", title: Self.evilTitle, brand: "Rolex", category: "watches", updatedAt: 1),
            StoredListing(listingID: "l4", merchantID: "m4", title: "Nike Air", brand: "Nike", category: "footwear", updatedAt: 1),
        ])
        try store.recordVerdicts([
            verdict("m1", listing: "l1", score: 40, reasons: ["new_store"], at: 1_764_000_000_000),
            verdict("m1", listing: "l1", score: 92, reasons: ["ocr_price_mismatch", "counterfeit_wording"], at: 1_764_000_600_000),
            verdict("m2", listing: nil, score: 85, reasons: ["shared_payout_account"], at: 1_764_000_600_000),
            // Decided last (a replay) about the oldest event: it belongs at the bottom.
            Verdict(subject: .listing("l1"), merchantID: "m1", score: 10, decision: .allow, reasons: [VerdictReason(code: "replayed_oldest", detail: "", weight: 1)],
                    modelVersion: "test", eventID: "ev-old", eventTS: 1_763_000_000_000, decidedAt: 1_764_000_900_000),
        ])
        try store.recordLabel(LabelEvent(eventID: "lb1", merchantID: "m1", ts: 1_764_100_000_000, labelID: "lb1", listingID: nil,
                                         outcome: .genuine, source: .appeal, brand: "Rolex", note: "<b>appeal</b> note"))
        return store
    }

    /// Each table row of `html` (up to the next row) that holds `marker`.
    func rows(_ html: HTML, _ marker: String) -> [String] {
        html.markup.components(separatedBy: "<tr ").dropFirst().map { "<tr " + $0 }.filter { $0.contains(marker) }
    }

    @Test("the leads page ranks open leads by score and filters by brand, province and status")
    func leadsPage() throws {
        let pages = ConsolePages(cases: try makeStore(), csrfToken: "t")
        let all = try pages.leads(FormFields(""))
        let ranked = rows(all, "<tr class=\"lead\"").map { $0.contains("ring-a") ? "ring-a" : $0.contains("ring-b") ? "ring-b" : "other" }
        #expect(ranked == ["ring-a", "ring-b"], "open leads, highest score first; the closed ring-c is left out")
        let first = try #require(rows(all, "data-ring=\"ring-a\"").first)
        #expect(first.contains("class=\"num members\">4<"), "member count")
        #expect(first.contains("Rolex"), "brands of the members' listings")
        #expect(first.contains("Fujian / Putian / Licheng (150)"), "top district")
        #expect(first.contains("data-ms=\"1764000000000\"") && first.contains("data-ms=\"1764000500000\""), "first and last seen over the case's snapshots")
        #expect(try pages.leads(FormFields("brand=nike")).markup.contains("ring-b"))
        #expect(try !pages.leads(FormFields("brand=nike")).markup.contains("data-ring=\"ring-a\""))
        #expect(try rows(pages.leads(FormFields("province=Zhejiang")), "<tr class=\"lead\"").count == 1)
        let closed = try pages.leads(FormFields("status=closed"))
        #expect(rows(closed, "<tr class=\"lead\"").count == 1)
        #expect(closed.markup.contains("closed: merged into ring-a"))
        #expect(try rows(pages.leads(FormFields("status=all")), "<tr class=\"lead\"").count == 3)
    }

    @Test("a lead's page shows its members with scores, links by contract kind with shop counts, evidence, the district map and the history")
    func leadPage() throws {
        let store = try makeStore()
        let pages = ConsolePages(cases: store, csrfToken: "t")
        let html = try #require(try pages.lead("ring-a")).markup
        for merchant in ["m1", "m2", "m3", "m8"] { #expect(html.contains("data-merchant=\"\(merchant)\""), "member \(merchant)") }
        #expect(html.contains("<tr class=\"link\" data-kind=\"payout_account\">"), "contract link-kind names")
        #expect(html.contains("<td class=\"num shops\">4</td>"), "shops sharing the payout account")
        #expect(html.contains(">92</span>"), "m1's latest score")
        #expect(html.contains("<tr class=\"evidence\">"))
        #expect(html.contains("<svg class=\"district-map\""))
        #expect(html.contains("data-province=\"Fujian\" data-count=\"150\""))
        #expect(html.contains("joined: m8"), "the case history names who joined")
        #expect(try pages.lead("no-such-ring") == nil)
    }

    @Test("a merchant's page shows the features of its latest merchant-level feature row; missing values are left out")
    func merchantFeatures() throws {
        let store = try makeStore()
        let pages = ConsolePages(cases: store, csrfToken: "t")
        #expect(try pages.merchant("m1").markup.contains("No feature row recorded"))
        var values = Array(repeating: Double.nan, count: FeatureCatalog.count)
        values[0] = 3
        values[1] = 0.25
        let older = FeatureLogRow(subject: .merchant, merchantID: "m1", eventID: "e-old", eventTS: 1, modelVersion: "test", score: 10, decision: .allow, published: false,
                                  features: Array(repeating: 7, count: FeatureCatalog.count))
        let latest = FeatureLogRow(subject: .merchant, merchantID: "m1", eventID: "e-new", eventTS: 2, modelVersion: "test", score: 50, decision: .review, published: true, features: values)
        let listingRow = FeatureLogRow(subject: .listing("l1"), merchantID: "m1", eventID: "e-listing", eventTS: 3, modelVersion: "test", score: 90, decision: .intercept,
                                       published: true, features: Array(repeating: 9, count: FeatureCatalog.count))
        try store.recordFeatureRows([latest, older, listingRow])
        let html = try pages.merchant("m1").markup
        #expect(html.contains("<tr class=\"feature\"><td><code>\(FeatureCatalog.names[0])</code></td><td class=\"num\">3</td></tr>"))
        #expect(html.contains("<tr class=\"feature\"><td><code>\(FeatureCatalog.names[1])</code></td><td class=\"num\">0.25</td></tr>"))
        #expect(!html.contains("<code>\(FeatureCatalog.names[2])</code>"), "a missing feature is not shown")
        #expect(html.components(separatedBy: "<tr class=\"feature\">").count == 3, "only the latest merchant row's two present features")
    }

    @Test("a merchant's page lists verdicts newest first with reasons, its links, labels and appeals, all merchant text escaped")
    func merchantPage() throws {
        let pages = ConsolePages(cases: try makeStore(), csrfToken: "csrf-secret")
        let html = try pages.merchant("m1").markup
        let newest = try #require(html.range(of: "ocr_price_mismatch")), older = try #require(html.range(of: "new_store"))
        #expect(newest.lowerBound < older.lowerBound, "newest verdict first")
        let oldest = try #require(html.range(of: "replayed_oldest"))
        #expect(older.lowerBound < oldest.lowerBound, "ordered by the triggering event's time, not by when the verdict was decided")
        #expect(html.contains("counterfeit_wording"))
        #expect(html.contains("<tr class=\"link\" data-kind=\"payout_account\">"))
        #expect(html.contains("appeal upheld"))
        #expect(html.contains("&lt;b&gt;appeal&lt;/b&gt; note"))
        #expect(html.contains(HTMLEscaper.escape(Self.evilTitle)))
        #expect(!html.contains("<script"), "no script element at all")
        #expect(!html.contains("<img"), "the title's markup is text")
        #expect(html.contains("name=\"csrf\" value=\"csrf-secret\""), "the review form carries the CSRF token")
        for action in ReviewAction.allCases { #expect(html.contains("value=\"\(action.rawValue)\"")) }
    }
}
