import VigilRisk

/// A merchant's page: the review actions, its verdict history (score, decision, reasons; newest
/// first), its listings, its links (through the leads it is in), its labels and appeals, and
/// the features of its latest assessment when the feature log is recorded.
struct MerchantPage {
    let cases: CaseStore
    let configuration: ConsoleConfiguration
    let paths: ConsolePaths
    let csrfToken: String

    /// The page of `merchantID`; `done` names a review action just carried out (a notice).
    func render(merchantID: String, done: String?) throws -> HTML {
        let verdicts = try cases.verdicts(of: merchantID, limit: configuration.verdictLimit)
        let listings = try cases.listings(of: merchantID)
        let labels = try cases.labels(of: merchantID)
        let rings = try cases.rings(containing: merchantID)
        let titles = Dictionary(listings.map { ($0.listingID, $0.title) }, uniquingKeysWith: { first, _ in first })
        let notice: HTML = done.map { done -> HTML in "<p class=\"notice\" id=\"notice\">Label written to \(configuration.labelsTopic): \(done)</p>" } ?? .empty
        let body: HTML = """
            <h1>Merchant <span id="merchant-id">\(merchantID)</span></h1>
            \(notice)
            <div class="facts"><div><span class="muted">latest score</span>\(verdicts.first.map { ConsoleFormat.score($0.score) } ?? "–")</div>\
            <div><span class="muted">verdicts</span>\(verdicts.count)</div><div><span class="muted">listings</span>\(listings.count)</div>\
            <div><span class="muted">leads</span>\(rings.count)</div><div><span class="muted">labels</span>\(labels.count)</div></div>
            <h2>Review</h2>\(actions(merchantID, listings: listings))
            <h2>Verdict history</h2>\(verdictTable(verdicts, titles: titles))
            <h2>Listings</h2>\(listingTable(listings))
            <h2>Links</h2>\(try linkTable(merchantID, rings: rings))
            <h2>Labels and appeals</h2>\(labelTable(labels))
            <h2>Features of the latest assessment</h2>\(try features(merchantID))
            """
        return PageLayout.page(title: "Merchant \(merchantID)", paths: paths, body: body)
    }

    private func actions(_ merchantID: String, listings: [StoredListing]) -> HTML {
        let options = listings.prefix(200).map { "<option value=\"\($0.listingID)\">\($0.listingID): \($0.title)</option>" as HTML }
        let buttons = ReviewAction.allCases.map { action -> HTML in
            "<button type=\"submit\" name=\"action\" value=\"\(action.rawValue)\" id=\"\(action.rawValue)\">\(action.title)</button>"
        }
        return """
            <form class="actions" method="post" action="\(paths.review)">
            <input type="hidden" name="\(ConsoleAccess.csrfField)" value="\(csrfToken)"><input type="hidden" name="merchant" value="\(merchantID)">
            <label>about<select name="listing"><option value="">the merchant as a whole</option>\(options)</select></label>
            <label>note for the case file<input name="note" size="60" maxlength="500"></label>
            <p>\(buttons)</p></form>
            """
    }

    private func verdictTable(_ verdicts: [Verdict], titles: [String: String]) -> HTML {
        let rows = verdicts.map { verdict -> HTML in
            let subject: HTML = verdict.listingID.map { id -> HTML in "listing <code>\(id)</code><div class=\"title\">\(titles[id])</div>" } ?? "merchant"
            let reasons = verdict.reasons.map { "<li><code class=\"reason-code\">\($0.code)</code> \($0.detail)</li>" as HTML }
            return """
                <tr class="verdict"><td>\(ConsoleFormat.timeElement(verdict.eventTS))</td><td>\(ConsoleFormat.timeElement(verdict.decidedAt))</td><td>\(subject)</td>\
                <td class="num">\(ConsoleFormat.score(verdict.score))</td><td>\(ConsoleFormat.decision(verdict.decision.rawValue))</td>\
                <td><ul class="reasons">\(reasons)</ul></td><td class="muted">\(verdict.modelVersion)</td></tr>
                """
        }
        guard !rows.isEmpty else { return "<p class=\"muted\">No verdicts recorded for this merchant.</p>" }
        return "<table id=\"verdicts\"><thead><tr><th>event time</th><th>decided</th><th>subject</th><th class=\"num\">score</th><th>decision</th><th>reasons</th><th>model</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func listingTable(_ listings: [StoredListing]) -> HTML {
        let rows = listings.map {
            "<tr class=\"listing\"><td><code>\($0.listingID)</code></td><td class=\"title\">\($0.title)</td><td>\($0.brand)</td><td>\($0.category)</td><td>\(ConsoleFormat.timeElement($0.updatedAt))</td></tr>" as HTML
        }
        guard !rows.isEmpty else { return "<p class=\"muted\">No listings recorded.</p>" }
        return "<table id=\"listings\"><thead><tr><th>listing</th><th>title</th><th>brand</th><th>category</th><th>updated</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func linkTable(_ merchantID: String, rings: [String]) throws -> HTML {
        var rows: [HTML] = []
        for ringID in rings {
            guard let found = try cases.show(ringID) else { continue }
            for link in found.snapshot.links where link.merchants.contains(merchantID) {
                let others = HTML.join(link.merchants.filter { $0 != merchantID }.map { "<a href=\"\(paths.merchant($0))\">\($0)</a> " })
                rows.append("<tr class=\"link\" data-kind=\"\(link.kind.rawValue)\"><td><a href=\"\(paths.lead(ringID))\">\(ringID)</a></td><td><code>\(link.kind.rawValue)</code></td><td><code>\(link.valueHash)</code></td><td class=\"num\">\(link.merchants.count)</td><td>\(others)</td></tr>")
            }
        }
        guard !rows.isEmpty else { return "<p class=\"muted\">In no lead: no identifiers shared with another shop.</p>" }
        return "<table id=\"merchant-links\"><thead><tr><th>lead</th><th>kind</th><th>value hash</th><th class=\"num\">shops</th><th>shared with</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func labelTable(_ labels: [LabelEvent]) -> HTML {
        let rows = labels.map { label -> HTML in
            let kind = label.upholdsAppeal ? "appeal upheld" : label.source == .appeal ? "appeal" : label.source.rawValue
            return "<tr class=\"label\" data-source=\"\(label.source.rawValue)\"><td>\(ConsoleFormat.timeElement(label.ts))</td><td>\(kind)</td><td><strong>\(label.outcome.rawValue)</strong></td><td>\(label.listingID ?? "merchant")</td><td>\(label.brand)</td><td class=\"note\">\(label.note)</td><td class=\"muted\"><code>\(label.labelID)</code></td></tr>"
        }
        guard !rows.isEmpty else { return "<p class=\"muted\">No labels yet.</p>" }
        return "<table id=\"labels\"><thead><tr><th>established</th><th>source</th><th>outcome</th><th>about</th><th>brand</th><th>note</th><th>label id</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func features(_ merchantID: String) throws -> HTML {
        guard let row = try cases.latestFeatureRow(of: merchantID) else {
            return "<p class=\"muted\">No feature row recorded (the feature log is off, or this merchant was not assessed yet).</p>"
        }
        let names = FeatureCatalog.names
        let cells = row.features.enumerated().compactMap { index, value -> HTML? in
            guard index < names.count, !value.isNaN else { return nil }
            return "<tr class=\"feature\"><td><code>\(names[index])</code></td><td class=\"num\">\(NumberFormat.feature(value))</td></tr>"
        }
        return """
            <p class="muted">Row <code>\(row.rowID)</code> at \(ConsoleFormat.timeElement(row.eventTS)), model \(row.modelVersion), score \(row.score), decision \(row.decision.rawValue); missing features omitted.</p>
            <table id="features"><thead><tr><th>feature</th><th class="num">value</th></tr></thead><tbody>\(cells)</tbody></table>
            """
    }
}

/// How feature values are written: integers without a fraction, others with up to 4 decimals.
enum NumberFormat {
    static func feature(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }
}
