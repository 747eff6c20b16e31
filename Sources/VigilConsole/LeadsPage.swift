import VigilRisk

/// The leads list: open leads ranked by score with member count, brands, top ship-from
/// districts, first and last seen and case status; filters by brand, province and status; paged.
struct LeadsPage {
    /// The filter and page asked for.
    struct Request {
        var brand: String?
        var province: String?
        var status: LeadQuery.Status
        var page: Int

        init(fields: FormFields) {
            brand = fields["brand"]?.trimmingCharacters(in: .whitespaces)
            province = fields["province"]
            status = fields["status"].flatMap(LeadQuery.Status.init(rawValue:)) ?? .open
            page = max(fields["page"].flatMap { Int($0) } ?? 1, 1)
        }
    }

    let cases: CaseStore
    let configuration: ConsoleConfiguration
    let paths: ConsolePaths

    func render(_ request: Request) throws -> HTML {
        let pageSize = max(configuration.pageSize, 1)
        let query = LeadQuery(brand: request.brand, province: request.province, status: request.status,
                              limit: pageSize, offset: (request.page - 1) * pageSize)
        let result = try cases.leads(matching: query)
        let ids = result.cases.map(\.ringID)
        let brands = try cases.brands(ofRings: ids)
        let districts = try cases.districts(ofRings: ids)
        let seen = try cases.seen(ofRings: ids)
        let rows = result.cases.enumerated().map { index, lead -> HTML in
            let rank = query.offset + index + 1
            let brandList = (brands[lead.ringID] ?? []).prefix(3).joined(separator: ", ")
            let top = (districts[lead.ringID] ?? []).prefix(2).map { "\($0.province) / \($0.city) / \($0.district) (\($0.count))" }.joined(separator: "; ")
            let span = seen[lead.ringID] ?? min(lead.firstSeenAt, lead.updatedAt)...max(lead.firstSeenAt, lead.updatedAt)
            let status: HTML = lead.closedAt == nil ? "<span class=\"status open\">open</span>" : "<span class=\"status closed\">closed: \(lead.closedReason ?? "closed")</span>"
            return """
                <tr class="lead" data-ring="\(lead.ringID)"><td class="num">\(rank)</td><td><a href="\(paths.lead(lead.ringID))">\(lead.ringID)</a></td>\
                <td class="num">\(ConsoleFormat.score(lead.score))</td><td class="num members">\(lead.memberCount)</td><td>\(brandList)</td><td>\(top)</td>\
                <td>\(ConsoleFormat.timeElement(span.lowerBound))</td><td>\(ConsoleFormat.timeElement(span.upperBound))</td><td>\(status)</td></tr>
                """
        }
        let pages = max((result.total + pageSize - 1) / pageSize, 1)
        let body: HTML = """
            <h1>Leads</h1>
            \(try filters(request))
            <p class="muted" id="lead-count">\(result.total) leads match; page \(request.page) of \(pages).</p>
            <table id="leads"><thead><tr><th class="num">#</th><th>ring</th><th class="num">score</th><th class="num">members</th><th>brands</th>\
            <th>top ship-from districts</th><th>first seen</th><th>last seen</th><th>status</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(pager(request, pages: pages))
            """
        return PageLayout.page(title: "Leads", paths: paths, body: body)
    }

    private func filters(_ request: Request) throws -> HTML {
        let provinces = try cases.caseProvinces().map { province -> HTML in
            "<option value=\"\(province)\"\(province == request.province ? " selected" : "")>\(province)</option>"
        }
        let brands = try cases.listedBrands().map { brand -> HTML in "<option value=\"\(brand)\"></option>" }
        let statuses = LeadQuery.Status.allCases.map { status -> HTML in
            "<option value=\"\(status.rawValue)\"\(status == request.status ? " selected" : "")>\(status.rawValue)</option>"
        }
        return """
            <form class="filters" method="get" action="\(paths.leads())">
            <label>brand<input name="brand" list="brands" value="\(request.brand ?? "")"></label><datalist id="brands">\(brands)</datalist>
            <label>province<select name="province"><option value="">any</option>\(provinces)</select></label>
            <label>status<select name="status">\(statuses)</select></label>
            <button type="submit">Filter</button></form>
            """
    }

    private func pager(_ request: Request, pages: Int) -> HTML {
        guard pages > 1 else { return .empty }
        func link(_ page: Int, _ text: String) -> HTML {
            "<a href=\"\(paths.leads(brand: request.brand, province: request.province, status: request.status.rawValue, page: page))\">\(text)</a>"
        }
        let previous = request.page > 1 ? link(request.page - 1, "← previous") : .empty
        let next = request.page < pages ? link(request.page + 1, "next →") : .empty
        return "<p class=\"pager\">\(previous) \(next)</p>"
    }
}
