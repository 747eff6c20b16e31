import Foundation
import GRDB

extension CaseStore {
    /// Keeps `verdicts` (from `risk.verdicts`) in the merchants' records, in one transaction; a
    /// redelivered verdict (same `verdict_id`) changes nothing.
    /// - Returns: how many were new.
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)`` (naming the verdicts).
    @discardableResult
    public func recordVerdicts(_ verdicts: [Verdict]) throws -> Int {
        guard !verdicts.isEmpty else { return 0 }
        do {
            // Kept as it travels on `risk.verdicts` (the contract's encoding).
            let rows = try verdicts.map { ($0, String(decoding: try $0.encodedJSON(), as: UTF8.self)) }
            return try pool.write { db in
                var added = 0
                let statement = try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO merchant_verdict (verdict_id, merchant_id, listing_id, score, decision, verdict, event_ts, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (verdict, json) in rows {
                    try statement.execute(arguments: [verdict.verdictID, verdict.merchantID, verdict.listingID, verdict.score,
                                                      verdict.decision.rawValue, json, verdict.eventTS, verdict.decidedAt])
                    added += db.changesCount
                }
                return added
            }
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: "verdicts of \(verdicts[0].merchantID) and \(verdicts.count - 1) more", reason: "\(error)")
        }
    }

    /// The verdicts recorded for `merchantID`, newest first (by the triggering event's time, then
    /// by when it was decided: a replay decides a whole history within a second), at most `limit`.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func verdicts(of merchantID: String, limit: Int = 100) throws -> [Verdict] {
        let rows = try read { db in
            try String.fetchAll(db, sql: "SELECT verdict FROM merchant_verdict WHERE merchant_id = ? ORDER BY event_ts DESC, decided_at DESC, verdict_id LIMIT ?",
                                arguments: [merchantID, limit])
        }
        return try rows.map { json in
            do { return try Verdict(json: Array(json.utf8)) } catch {
                throw CaseStoreError.cannotRead(path: path, reason: "a stored verdict of merchant '\(merchantID)' is not a contract verdict (\(error)); delete it from merchant_verdict")
            }
        }
    }

    /// The latest score and decision of each of `merchantIDs` that has a verdict: its latest
    /// merchant verdict, or its latest listing verdict when it has no merchant verdict yet.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func latestScores(of merchantIDs: [String]) throws -> [String: MerchantScore] {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT score, decision, decided_at FROM merchant_verdict WHERE merchant_id = ?
                ORDER BY (listing_id IS NULL) DESC, event_ts DESC, decided_at DESC LIMIT 1
                """)
            var scores: [String: MerchantScore] = [:]
            for merchant in merchantIDs {
                guard let row = try Row.fetchOne(statement, arguments: [merchant]),
                      let decision = VerdictDecision(rawValue: row["decision"]) else { continue }
                scores[merchant] = MerchantScore(score: row["score"], decision: decision, decidedAt: row["decided_at"])
            }
            return scores
        }
    }
}
