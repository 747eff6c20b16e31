import VigilRisk

/// A lead's page: its merchants with their scores, its links by kind (with how many shops share
/// each), the evidence, the ship-from districts drawn as a map, and the case history.
struct LeadPage {
    let cases: CaseStore
    let configuration: ConsoleConfiguration
    let paths: ConsolePaths

    /// The page of `ringID`, or `nil` when there is no such case.
    func render(ringID: String) throws -> HTML? {
        guard let found = try cases.show(ringID) else { return nil }
        let lead = found.snapshot
        let scores = try cases.latestScores(of: lead.merchants)
        let closure = try cases.closure(of: ringID)
        let seen = try cases.seen(ofRings: [ringID])[ringID] ?? min(found.firstSeenAt, lead.updatedAt)...max(found.firstSeenAt, lead.updatedAt)
        let status: HTML = closure.map { closed -> HTML in "closed \(ConsoleFormat.time(closed.at)): \(closed.reason)" } ?? "open"
        let body: HTML = """
            <h1>Lead <span id="ring-id">\(lead.ringID)</span></h1>
            <div class="facts"><div><span class="muted">score</span>\(ConsoleFormat.score(lead.score))</div>\
            <div><span class="muted">members</span><span id="member-count">\(lead.merchants.count)</span></div>\
            <div><span class="muted">status</span><span id="case-status">\(status)</span></div>\
            <div><span class="muted">first seen</span>\(ConsoleFormat.timeElement(seen.lowerBound))</div>\
            <div><span class="muted">last seen</span>\(ConsoleFormat.timeElement(seen.upperBound))</div>\
            <div><span class="muted">latest snapshot</span>\(ConsoleFormat.timeElement(lead.updatedAt))</div>\
            <div><span class="muted">revision</span>\(found.revision)</div></div>
            <div class="grid"><section><h2>Ship-from districts</h2>\(DistrictMap.svg(lead.shipFrom))\(districtTable(lead.shipFrom))</section>
            <section><h2>Merchants</h2>\(merchants(lead, scores: scores))</section></div>
            <h2>Links by kind</h2>\(links(lead))
            <h2>Evidence</h2>\(evidence(lead))
            <h2>Case history</h2>\(try history(ringID))
            """
        return PageLayout.page(title: "Lead \(lead.ringID)", paths: paths, body: body)
    }

    private func merchants(_ lead: Lead, scores: [String: MerchantScore]) -> HTML {
        let ordered = lead.merchants.sorted { (scores[$0]?.score ?? -1, $1) > (scores[$1]?.score ?? -1, $0) }
        let rows = ordered.map { merchant -> HTML in
            let score = scores[merchant]
            let kinds = Set(lead.links.filter { $0.merchants.contains(merchant) }.map(\.kind.rawValue)).sorted().joined(separator: ", ")
            return """
                <tr class="member" data-merchant="\(merchant)"><td><a href="\(paths.merchant(merchant))">\(merchant)</a></td>\
                <td class="num">\(score.map { ConsoleFormat.score($0.score) } ?? "<span class=\"muted\">–</span>")</td>\
                <td>\(score.map { ConsoleFormat.decision($0.decision.rawValue) } ?? .empty)</td><td>\(kinds)</td></tr>
                """
        }
        return "<table id=\"members\"><thead><tr><th>merchant</th><th class=\"num\">score</th><th>decision</th><th>shares</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func links(_ lead: Lead) -> HTML {
        let byKind = Dictionary(grouping: lead.links, by: \.kind.rawValue)
        let kinds = byKind.keys.sorted { (byKind[$0]?.count ?? 0, $1) > (byKind[$1]?.count ?? 0, $0) }
        let rows = kinds.flatMap { kind -> [HTML] in
            let links = (byKind[kind] ?? []).sorted { ($0.merchants.count, $1.valueHash) > ($1.merchants.count, $0.valueHash) }
            return links.enumerated().map { index, link -> HTML in
                let head: HTML = index == 0 ? "<td rowspan=\"\(links.count)\" class=\"kind\"><code>\(kind)</code> <span class=\"muted\">(\(links.count))</span></td>" : .empty
                let shops = HTML.join(link.merchants.map { "<a href=\"\(paths.merchant($0))\">\($0)</a> " })
                return "<tr class=\"link\" data-kind=\"\(kind)\">\(head)<td><code>\(link.valueHash)</code></td><td class=\"num shops\">\(link.merchants.count)</td><td>\(shops)</td></tr>"
            }
        }
        return "<table id=\"links\"><thead><tr><th>kind</th><th>value hash</th><th class=\"num\">shops</th><th>shops sharing it</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func evidence(_ lead: Lead) -> HTML {
        let rows = lead.evidence.prefix(max(configuration.evidenceLimit, 0)).map { item -> HTML in
            "<tr class=\"evidence\"><td><a href=\"\(paths.merchant(item.merchantID))\">\(item.merchantID)</a></td><td><code>\(item.eventID)</code></td><td><code>\(item.reasonCode)</code></td></tr>"
        }
        let more: HTML = lead.evidence.count > configuration.evidenceLimit ? "<p class=\"muted\">\(lead.evidence.count - configuration.evidenceLimit) more not shown.</p>" : .empty
        return "<table id=\"evidence\"><thead><tr><th>merchant</th><th>event</th><th>reason code</th></tr></thead><tbody>\(Array(rows))</tbody></table>\(more)"
    }

    private func districtTable(_ sites: [ShipFromCount]) -> HTML {
        let rows = sites.map { "<tr class=\"district\"><td>\($0.province)</td><td>\($0.city)</td><td>\($0.district)</td><td class=\"num\">\($0.count)</td></tr>" as HTML }
        return "<table id=\"districts\"><thead><tr><th>province</th><th>city</th><th>district</th><th class=\"num\">shipments</th></tr></thead><tbody>\(rows)</tbody></table>"
    }

    private func history(_ ringID: String) throws -> HTML {
        let snapshots = try cases.recentHistory(ringID, limit: configuration.historyLimit + 1)
        let rows = snapshots.prefix(configuration.historyLimit).enumerated().map { index, entry -> HTML in
            let previous = index + 1 < snapshots.count ? Set(snapshots[index + 1].snapshot.merchants) : []
            let current = Set(entry.snapshot.merchants)
            let joined = current.subtracting(previous).sorted(), left = previous.subtracting(current).sorted()
            var change = entry.revision == 1 ? "opened with \(current.count) merchants" : ""
            if entry.revision > 1 {
                change = [joined.isEmpty ? nil : "joined: " + joined.joined(separator: ", "), left.isEmpty ? nil : "left: " + left.joined(separator: ", ")]
                    .compactMap { $0 }.joined(separator: "; ")
                if change.isEmpty { change = "links, evidence or districts changed" }
            }
            return "<tr class=\"revision\"><td class=\"num\">\(entry.revision)</td><td>\(ConsoleFormat.timeElement(entry.snapshot.updatedAt))</td><td class=\"num\">\(ConsoleFormat.score(entry.snapshot.score))</td><td class=\"num\">\(current.count)</td><td>\(change)</td></tr>"
        }
        return "<table id=\"history\"><thead><tr><th class=\"num\">revision</th><th>updated</th><th class=\"num\">score</th><th class=\"num\">members</th><th>change</th></tr></thead><tbody>\(Array(rows))</tbody></table>"
    }
}
