import Foundation
import GRDB

/// The investigators' case store: every lead the engine emitted, kept in a
/// SQLite file in WAL mode (readers never block the writer).
///
/// One case per ring id: ``upsert(_:)`` replaces the latest snapshot and
/// appends it to the case's history; storing the same snapshot again (a
/// redelivered lead) changes nothing. Tables: `ring_case` (latest snapshot
/// per ring as JSON, with score, size and times), `ring_case_history` (every
/// distinct snapshot) and `ring_case_member` (ring ↔ merchant, for lookups
/// by merchant). A ring that stops existing (absorbed by a larger ring in a
/// merge, or dissolved when its links were withdrawn) has its case *closed*
/// (``close(_:reason:at:)``): closed cases are kept for the record but left
/// out of ``list(includeClosed:)``, ``latestSnapshots(includeClosed:)`` and
/// exports unless asked for; a new lead under the same id reopens the case.
/// Table `merchant_label` keeps every label (test buys, complaints, appeals) the engine applied,
/// by merchant (``recordLabel(_:)``, ``labels(of:)``). For the investigators' console it also keeps
/// verdicts (``recordVerdicts(_:)``), listings (``recordListings(_:)``) and each merchant's latest
/// feature row (``recordFeatureRows(_:)``), and answers filtered, paged lead queries (``leads(matching:)``).
public final class CaseStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the case store at `path` and brings its
    /// schema up to date.
    /// - Throws: ``CaseStoreError/cannotOpen(path:reason:)``.
    public init(path: String) throws {
        self.path = path
        do {
            pool = try DatabasePool(path: path)
            try CaseStore.migrator.migrate(pool)
        } catch {
            throw CaseStoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("ring-cases-v1") { db in
            try db.execute(sql: """
                CREATE TABLE ring_case (
                    ring_id TEXT PRIMARY KEY NOT NULL,
                    score INTEGER NOT NULL,
                    member_count INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    first_seen_at INTEGER NOT NULL,
                    revision INTEGER NOT NULL,
                    snapshot TEXT NOT NULL
                );
                CREATE TABLE ring_case_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ring_id TEXT NOT NULL,
                    revision INTEGER NOT NULL,
                    score INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    snapshot TEXT NOT NULL
                );
                CREATE INDEX ring_case_history_ring ON ring_case_history(ring_id, revision);
                CREATE TABLE ring_case_member (
                    ring_id TEXT NOT NULL,
                    merchant_id TEXT NOT NULL,
                    PRIMARY KEY (ring_id, merchant_id)
                );
                CREATE INDEX ring_case_member_merchant ON ring_case_member(merchant_id);
                """)
        }
        migrator.registerMigration("ring-cases-v2-closed") { db in
            try db.execute(sql: """
                ALTER TABLE ring_case ADD COLUMN closed_at INTEGER;
                ALTER TABLE ring_case ADD COLUMN closed_reason TEXT;
                """)
        }
        migrator.registerMigration("merchant-labels-v1") { db in
            try db.execute(sql: """
                CREATE TABLE merchant_label (
                    label_id TEXT PRIMARY KEY NOT NULL,
                    merchant_id TEXT NOT NULL,
                    listing_id TEXT,
                    outcome TEXT NOT NULL,
                    source TEXT NOT NULL,
                    brand TEXT,
                    note TEXT,
                    established_at INTEGER NOT NULL,
                    event_id TEXT NOT NULL
                );
                CREATE INDEX merchant_label_merchant ON merchant_label(merchant_id, established_at);
                """)
        }
        migrator.registerMigration("console-v1") { db in
            // What the console shows beyond leads and labels: the verdicts of risk.verdicts, the
            // listings (titles, brands) of marketplace.listings, the latest merchant feature row,
            // and each case's ship-from districts and its members' brands as rows (for filtering
            // 10,000 cases by province or brand).
            // The rank indexes cover every column of a case summary: closed_at and closed_reason
            // sit after the snapshot column, so reading them from the table walks the snapshot's
            // overflow pages (a table scan of 10,000 cases reads every snapshot).
            try db.execute(sql: """
                CREATE TABLE merchant_verdict (
                    verdict_id TEXT PRIMARY KEY NOT NULL,
                    merchant_id TEXT NOT NULL,
                    listing_id TEXT,
                    score INTEGER NOT NULL,
                    decision TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    event_ts INTEGER NOT NULL,
                    decided_at INTEGER NOT NULL
                );
                CREATE INDEX merchant_verdict_merchant ON merchant_verdict(merchant_id, event_ts, decided_at);
                CREATE TABLE merchant_listing (
                    listing_id TEXT PRIMARY KEY NOT NULL,
                    merchant_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    brand TEXT COLLATE NOCASE,
                    category TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX merchant_listing_merchant ON merchant_listing(merchant_id);
                CREATE INDEX merchant_listing_brand ON merchant_listing(brand, merchant_id);
                CREATE TABLE merchant_features (
                    merchant_id TEXT PRIMARY KEY NOT NULL,
                    event_ts INTEGER NOT NULL,
                    row TEXT NOT NULL
                );
                CREATE TABLE ring_case_district (
                    ring_id TEXT NOT NULL,
                    province TEXT NOT NULL COLLATE NOCASE,
                    city TEXT NOT NULL,
                    district TEXT NOT NULL,
                    count INTEGER NOT NULL
                );
                CREATE INDEX ring_case_rank ON ring_case(score DESC, updated_at DESC, ring_id, member_count, first_seen_at, revision, closed_at, closed_reason);
                CREATE INDEX ring_case_status_rank ON ring_case(closed_at, score DESC, updated_at DESC, ring_id, member_count, first_seen_at, revision, closed_reason);
                CREATE INDEX ring_case_member_merchant_ring ON ring_case_member(merchant_id, ring_id);
                CREATE TABLE ring_case_brand (
                    brand TEXT NOT NULL COLLATE NOCASE,
                    ring_id TEXT NOT NULL,
                    PRIMARY KEY (brand, ring_id)
                ) WITHOUT ROWID;
                CREATE INDEX ring_case_district_ring ON ring_case_district(ring_id);
                CREATE INDEX ring_case_district_province ON ring_case_district(province, ring_id);
                INSERT INTO ring_case_district (ring_id, province, city, district, count)
                    SELECT ring_case.ring_id, json_extract(value, '$.province'), json_extract(value, '$.city'),
                           json_extract(value, '$.district'), json_extract(value, '$.count')
                    FROM ring_case, json_each(ring_case.snapshot, '$.ship_from');
                """)
        }
        return migrator
    }

    func decodeSnapshot(_ json: String, ringID: String) throws -> Lead {
        do {
            var lead = try JSONDecoder().decode(Lead.self, from: Data(json.utf8))
            // Cases stored before leads used the contract's link kinds say `device` and `wifi`.
            lead.links = lead.links.map { LeadLink(kind: LeadLinkKind(legacyName: $0.kind.rawValue), valueHash: $0.valueHash, merchants: $0.merchants) }
            // ... and their link evidence `shared_device` and `shared_wifi`.
            lead.evidence = lead.evidence.map { LeadEvidence(merchantID: $0.merchantID, eventID: $0.eventID, reasonCode: LeadEvidence.reasonCode(legacy: $0.reasonCode)) }
            return lead
        } catch {
            throw CaseStoreError.corruptSnapshot(path: path, ringID: ringID, reason: "\(error)")
        }
    }

    /// Stores `snapshot` as the latest lead of its ring.
    /// - Parameters:
    ///   - snapshot: The lead.
    ///   - json: The lead's ``Lead/encodedJSON()`` as text, when the caller already has it
    ///     (the ring stage publishes the same bytes); `nil` encodes it here.
    /// - Returns: `true` if stored, `false` if the case already held exactly this snapshot.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)``.
    @discardableResult
    public func upsert(_ snapshot: Lead, json: String? = nil) throws -> Bool {
        do {
            let json = json ?? String(decoding: snapshot.encodedJSON(), as: UTF8.self)
            return try pool.write { db in
                let existing = try Row.fetchOne(db, sql: "SELECT revision, snapshot FROM ring_case WHERE ring_id = ?", arguments: [snapshot.ringID])
                let revision: Int
                if let existing {
                    if (existing["snapshot"] as String) == json { return false }
                    revision = (existing["revision"] as Int) + 1
                    try db.execute(
                        sql: "UPDATE ring_case SET score = ?, member_count = ?, updated_at = ?, revision = ?, snapshot = ?, closed_at = NULL, closed_reason = NULL WHERE ring_id = ?",
                        arguments: [snapshot.score, snapshot.merchants.count, snapshot.updatedAt, revision, json, snapshot.ringID])
                } else {
                    revision = 1
                    try db.execute(
                        sql: "INSERT INTO ring_case (ring_id, score, member_count, updated_at, first_seen_at, revision, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [snapshot.ringID, snapshot.score, snapshot.merchants.count, snapshot.updatedAt, snapshot.updatedAt, revision, json])
                }
                try db.execute(
                    sql: "INSERT INTO ring_case_history (ring_id, revision, score, updated_at, snapshot) VALUES (?, ?, ?, ?, ?)",
                    arguments: [snapshot.ringID, revision, snapshot.score, snapshot.updatedAt, json])
                try db.execute(sql: "DELETE FROM ring_case_member WHERE ring_id = ?", arguments: [snapshot.ringID])
                for merchant in snapshot.merchants {
                    try db.execute(sql: "INSERT INTO ring_case_member (ring_id, merchant_id) VALUES (?, ?)", arguments: [snapshot.ringID, merchant])
                }
                try db.execute(sql: "DELETE FROM ring_case_brand WHERE ring_id = ?", arguments: [snapshot.ringID])
                try db.execute(sql: """
                    INSERT OR IGNORE INTO ring_case_brand (brand, ring_id)
                    SELECT DISTINCT l.brand, m.ring_id FROM ring_case_member m JOIN merchant_listing l ON l.merchant_id = m.merchant_id
                    WHERE m.ring_id = ? AND l.brand IS NOT NULL
                    """, arguments: [snapshot.ringID])
                try db.execute(sql: "DELETE FROM ring_case_district WHERE ring_id = ?", arguments: [snapshot.ringID])
                for site in snapshot.shipFrom {
                    try db.execute(
                        sql: "INSERT INTO ring_case_district (ring_id, province, city, district, count) VALUES (?, ?, ?, ?, ?)",
                        arguments: [snapshot.ringID, site.province, site.city, site.district, site.count])
                }
                return true
            }
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: snapshot.ringID, reason: "\(error)")
        }
    }

    /// Closes the case of `ringID` because its ring no longer exists; `reason` says why (e.g.
    /// "merged into ring-…"). Closing a closed or unknown case changes nothing.
    /// - Returns: `true` if an open case was closed.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)``.
    @discardableResult
    public func close(_ ringID: String, reason: String, at time: Int64) throws -> Bool {
        do {
            return try pool.write { db in
                try db.execute(
                    sql: "UPDATE ring_case SET closed_at = ?, closed_reason = ? WHERE ring_id = ? AND closed_at IS NULL",
                    arguments: [time, reason, ringID])
                return db.changesCount > 0
            }
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: ringID, reason: "\(error)")
        }
    }

    /// The members of the latest snapshot of `ringID`'s case (open or closed), sorted; empty if there is no case.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func members(of ringID: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT merchant_id FROM ring_case_member WHERE ring_id = ? ORDER BY merchant_id", arguments: [ringID])
        }
    }

    /// The cases, highest score first, then most recently updated, then by ring id: open ones
    /// only, or closed ones too when `includeClosed`.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func list(includeClosed: Bool = false) throws -> [CaseSummary] {
        let filter = includeClosed ? "" : "WHERE closed_at IS NULL "
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT ring_id, score, member_count, updated_at, first_seen_at, revision, closed_at, closed_reason FROM ring_case \(filter)ORDER BY score DESC, updated_at DESC, ring_id")
                .map { row in
                    CaseSummary(ringID: row["ring_id"], score: row["score"], memberCount: row["member_count"], updatedAt: row["updated_at"], firstSeenAt: row["first_seen_at"],
                                revision: row["revision"], closedAt: row["closed_at"], closedReason: row["closed_reason"])
                }
        }
    }

    /// The case of `ringID`, or `nil` if there is none.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)`` or ``CaseStoreError/corruptSnapshot(path:ringID:reason:)``.
    public func show(_ ringID: String) throws -> RingCase? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT revision, first_seen_at, snapshot FROM ring_case WHERE ring_id = ?", arguments: [ringID])
        }
        guard let row else { return nil }
        return RingCase(snapshot: try decodeSnapshot(row["snapshot"], ringID: ringID), revision: row["revision"], firstSeenAt: row["first_seen_at"])
    }

    /// Every distinct snapshot stored for `ringID`, oldest first.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)`` or ``CaseStoreError/corruptSnapshot(path:ringID:reason:)``.
    public func history(_ ringID: String) throws -> [Lead] {
        let rows = try read { db in
            try String.fetchAll(db, sql: "SELECT snapshot FROM ring_case_history WHERE ring_id = ? ORDER BY revision", arguments: [ringID])
        }
        return try rows.map { try decodeSnapshot($0, ringID: ringID) }
    }

    /// The ids of the cases whose latest snapshot has `merchantID` as a member, sorted.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func rings(containing merchantID: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT ring_id FROM ring_case_member WHERE merchant_id = ? ORDER BY ring_id", arguments: [merchantID])
        }
    }

    /// The latest snapshot of every open case (and of closed ones when `includeClosed`), in ``list(includeClosed:)`` order.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)`` or ``CaseStoreError/corruptSnapshot(path:ringID:reason:)``.
    public func latestSnapshots(includeClosed: Bool = false) throws -> [Lead] {
        let filter = includeClosed ? "" : "WHERE closed_at IS NULL "
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT ring_id, snapshot FROM ring_case \(filter)ORDER BY score DESC, updated_at DESC, ring_id")
                .map { (id: $0["ring_id"] as String, json: $0["snapshot"] as String) }
        }
        return try rows.map { try decodeSnapshot($0.json, ringID: $0.id) }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw CaseStoreError.cannotRead(path: path, reason: "\(error)")
        }
    }
}
