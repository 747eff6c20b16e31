import GRDB

extension CaseStore {
    /// Keeps, per merchant, the latest merchant-level feature row (`vigil.feature-log` rows with
    /// subject `merchant`; the highest `event_ts` wins): the features its latest assessment was
    /// judged on. Listing rows are skipped. One transaction.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)`` (naming the merchant).
    public func recordFeatureRows(_ rows: [FeatureLogRow]) throws {
        // Only each merchant's latest row survives the upsert below, so only it is written: a
        // batch of the log holds many rows per active merchant (the same rule, ties to the later).
        var latest: [String: Int] = [:]
        var merchantRows: [FeatureLogRow] = []
        for row in rows where row.listingID == nil {
            if let index = latest[row.merchantID] {
                if row.eventTS >= merchantRows[index].eventTS { merchantRows[index] = row }
            } else {
                latest[row.merchantID] = merchantRows.count
                merchantRows.append(row)
            }
        }
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
