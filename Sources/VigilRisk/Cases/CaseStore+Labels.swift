import GRDB

extension CaseStore {
    /// Keeps `label` in the merchant's record (a redelivered label, same `label_id`, changes nothing).
    /// - Returns: `true` if stored, `false` if the label was already there.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)`` (with the merchant id).
    @discardableResult
    public func recordLabel(_ label: LabelEvent) throws -> Bool {
        do {
            return try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO merchant_label
                            (label_id, merchant_id, listing_id, outcome, source, brand, note, established_at, event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [label.labelID, label.merchantID, label.listingID, label.outcome.rawValue, label.source.rawValue,
                                label.brand, label.note, label.ts, label.eventID])
                return db.changesCount > 0
            }
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: "merchant \(label.merchantID)", reason: "\(error)")
        }
    }

    /// The labels recorded for `merchantID`, newest established first.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func labels(of merchantID: String) throws -> [LabelEvent] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT label_id, merchant_id, listing_id, outcome, source, brand, note, established_at, event_id
                FROM merchant_label WHERE merchant_id = ? ORDER BY established_at DESC, label_id
                """, arguments: [merchantID])
                .compactMap { row in
                    guard let outcome = LabelEvent.Outcome(rawValue: row["outcome"]), let source = LabelEvent.Source(rawValue: row["source"]) else { return nil }
                    return LabelEvent(eventID: row["event_id"], merchantID: row["merchant_id"], ts: row["established_at"], labelID: row["label_id"],
                                      listingID: row["listing_id"], outcome: outcome, source: source, brand: row["brand"], note: row["note"])
                }
        }
    }
}
