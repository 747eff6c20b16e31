import GRDB

extension CaseStore {
    /// The cases matching `query`'s brand (one a member lists, or listed while in the case),
    /// province and status, one page of them in
    /// ``list(includeClosed:)`` order, with the number that match. Uses indexes only, so it stays
    /// fast with tens of thousands of cases.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func leads(matching query: LeadQuery) throws -> LeadQueryResult {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        // Read through a covering index (see the console-v1 migration), never the table.
        let index: String
        switch query.status {
        case .open: conditions.append("closed_at IS NULL"); index = "ring_case_status_rank"
        case .closed: conditions.append("closed_at IS NOT NULL"); index = "ring_case_status_rank"
        case .all: index = "ring_case_rank"
        }
        if let province = query.province, !province.isEmpty {
            conditions.append("ring_id IN (SELECT ring_id FROM ring_case_district WHERE province = ?)")
            arguments.append(province)
        }
        if let brand = query.brand, !brand.isEmpty {
            conditions.append("ring_id IN (SELECT ring_id FROM ring_case_brand WHERE brand = ?)")
            arguments.append(brand)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") + " "
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ring_case INDEXED BY \(index) \(filter)", arguments: StatementArguments(arguments)) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT ring_id, score, member_count, updated_at, first_seen_at, revision, closed_at, closed_reason FROM ring_case INDEXED BY \(index) \(filter)
                ORDER BY score DESC, updated_at DESC, ring_id LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments + [max(query.limit, 0), max(query.offset, 0)]))
            let cases = rows.map { row in
                CaseSummary(ringID: row["ring_id"], score: row["score"], memberCount: row["member_count"], updatedAt: row["updated_at"], firstSeenAt: row["first_seen_at"],
                            revision: row["revision"], closedAt: row["closed_at"], closedReason: row["closed_reason"])
            }
            return LeadQueryResult(total: total, cases: cases)
        }
    }

    /// The ship-from districts of each of `ringIDs`' latest snapshot, most shipments first.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func districts(ofRings ringIDs: [String]) throws -> [String: [ShipFromCount]] {
        guard !ringIDs.isEmpty else { return [:] }
        return try read { db in
            let placeholders = Array(repeating: "?", count: ringIDs.count).joined(separator: ",")
            var districts: [String: [ShipFromCount]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT ring_id, province, city, district, count FROM ring_case_district WHERE ring_id IN (\(placeholders))
                """, arguments: StatementArguments(ringIDs)) {
                districts[row["ring_id"], default: []].append(ShipFromCount(province: row["province"], city: row["city"], district: row["district"], count: row["count"]))
            }
            return districts.mapValues(ShipFromCount.ranked)
        }
    }

    /// When each of `ringIDs` was first and last seen: the earliest and latest `updated_at` over
    /// its stored snapshots (event time; a later snapshot may carry an earlier time than the first).
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func seen(ofRings ringIDs: [String]) throws -> [String: ClosedRange<Int64>] {
        guard !ringIDs.isEmpty else { return [:] }
        return try read { db in
            let placeholders = Array(repeating: "?", count: ringIDs.count).joined(separator: ",")
            var seen: [String: ClosedRange<Int64>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT ring_id, MIN(updated_at) AS first, MAX(updated_at) AS last FROM ring_case_history WHERE ring_id IN (\(placeholders)) GROUP BY ring_id
                """, arguments: StatementArguments(ringIDs)) {
                let first: Int64 = row["first"], last: Int64 = row["last"]
                seen[row["ring_id"]] = first...max(first, last)
            }
            return seen
        }
    }

    /// Every province a case ships from, sorted (for filters); a skip scan of the province index.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func caseProvinces() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE p(x) AS (
                    SELECT MIN(province) FROM ring_case_district
                    UNION ALL SELECT (SELECT MIN(province) FROM ring_case_district WHERE province > p.x) FROM p WHERE p.x IS NOT NULL
                ) SELECT x FROM p WHERE x IS NOT NULL
                """)
        }
    }

    /// The last `limit` distinct snapshots of `ringID`'s case with their revisions, newest first.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)`` or ``CaseStoreError/corruptSnapshot(path:ringID:reason:)``.
    public func recentHistory(_ ringID: String, limit: Int = 20) throws -> [(revision: Int, snapshot: Lead)] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT revision, snapshot FROM ring_case_history WHERE ring_id = ? ORDER BY revision DESC LIMIT ?", arguments: [ringID, limit])
                .map { (revision: $0["revision"] as Int, json: $0["snapshot"] as String) }
        }
        return try rows.map { (revision: $0.revision, snapshot: try decodeSnapshot($0.json, ringID: ringID)) }
    }

    /// The closing time and reason of `ringID`'s case, when it is closed.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func closure(of ringID: String) throws -> (at: Int64, reason: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT closed_at, closed_reason FROM ring_case WHERE ring_id = ? AND closed_at IS NOT NULL", arguments: [ringID]) else { return nil }
            return (at: row["closed_at"], reason: row["closed_reason"] ?? "closed")
        }
    }
}
