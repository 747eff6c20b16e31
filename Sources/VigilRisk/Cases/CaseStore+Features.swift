import GRDB

extension CaseStore {
    /// Keeps, per merchant, the latest merchant-level feature row (`vigil.feature-log` rows with
    /// subject `merchant`; the highest `event_ts` wins): the features its latest assessment was
    /// judged on. Listing rows are skipped. One transaction.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)`` (naming the merchant).
    public func recordFeatureRows(_ rows: [FeatureLogRow]) throws {
        let merchantRows = rows.filter { $0.listingID == nil }
        guard let first = merchantRows.first else { return }
        do {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO merchant_features (merchant_id, event_ts, row) VALUES (?, ?, ?)
                    ON CONFLICT(merchant_id) DO UPDATE SET event_ts = excluded.event_ts, row = excluded.row
                    WHERE excluded.event_ts >= merchant_features.event_ts
                    """)
                for row in merchantRows {
                    try statement.execute(arguments: [row.merchantID, row.eventTS, String(decoding: row.encoded(), as: UTF8.self)])
                }
            }
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: "feature row of merchant \(first.merchantID)", reason: "\(error)")
        }
    }

    /// The latest merchant-level feature row of `merchantID`, or `nil` when none was recorded
    /// (the feature log is off, or the merchant was not assessed yet).
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func latestFeatureRow(of merchantID: String) throws -> FeatureLogRow? {
        let json = try read { db in
            try String.fetchOne(db, sql: "SELECT row FROM merchant_features WHERE merchant_id = ?", arguments: [merchantID])
        }
        guard let json else { return nil }
        do {
            return try FeatureLogRow(json: Array(json.utf8), source: path, line: 1)
        } catch {
            throw CaseStoreError.cannotRead(path: path, reason: "the stored feature row of merchant '\(merchantID)' does not read back (\(error)); delete it from merchant_features")
        }
    }
}
