import GRDB

extension CaseStore {
    /// Keeps the latest title, brand and category of each listing (the event with the highest
    /// `ts` wins, so out-of-order or redelivered events change nothing), in one transaction; the
    /// cases its merchant is in become findable by its brand (``leads(matching:)``).
    /// - Throws: ``CaseStoreError/cannotWrite(path:ringID:reason:)`` (naming the listings).
    public func recordListings(_ listings: [StoredListing]) throws {
        guard !listings.isEmpty else { return }
        do {
            try pool.write { db in
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO merchant_listing (listing_id, merchant_id, title, brand, category, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(listing_id) DO UPDATE SET merchant_id = excluded.merchant_id, title = excluded.title, brand = excluded.brand,
                        category = excluded.category, updated_at = excluded.updated_at
                    WHERE excluded.updated_at >= merchant_listing.updated_at
                    """)
                // A brand a member lists makes its ring findable by that brand (ring_case_brand).
                let brands = try db.cachedStatement(sql: "INSERT OR IGNORE INTO ring_case_brand (brand, ring_id) SELECT ?, ring_id FROM ring_case_member WHERE merchant_id = ?")
                for listing in listings {
                    try statement.execute(arguments: [listing.listingID, listing.merchantID, listing.title, listing.brand, listing.category, listing.updatedAt])
                    if let brand = listing.brand { try brands.execute(arguments: [brand, listing.merchantID]) }
                }
            }
        } catch {
            throw CaseStoreError.cannotWrite(path: path, ringID: "listings of \(listings[0].merchantID) and \(listings.count - 1) more", reason: "\(error)")
        }
    }

    /// The listings of `merchantID`, most recently updated first, at most `limit`.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func listings(of merchantID: String, limit: Int = 200) throws -> [StoredListing] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT listing_id, merchant_id, title, brand, category, updated_at FROM merchant_listing
                WHERE merchant_id = ? ORDER BY updated_at DESC, listing_id LIMIT ?
                """, arguments: [merchantID, limit])
                .map { StoredListing(listingID: $0["listing_id"], merchantID: $0["merchant_id"], title: $0["title"], brand: $0["brand"], category: $0["category"], updatedAt: $0["updated_at"]) }
        }
    }

    /// The brands the members of each of `ringIDs` list, most listings first (then by name).
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func brands(ofRings ringIDs: [String]) throws -> [String: [String]] {
        guard !ringIDs.isEmpty else { return [:] }
        return try read { db in
            let placeholders = Array(repeating: "?", count: ringIDs.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.ring_id, l.brand, COUNT(*) AS n FROM ring_case_member m JOIN merchant_listing l ON l.merchant_id = m.merchant_id
                WHERE m.ring_id IN (\(placeholders)) AND l.brand IS NOT NULL
                GROUP BY m.ring_id, l.brand ORDER BY m.ring_id, n DESC, l.brand
                """, arguments: StatementArguments(ringIDs))
            var brands: [String: [String]] = [:]
            for row in rows { brands[row["ring_id"], default: []].append(row["brand"]) }
            return brands
        }
    }

    /// Every brand named by a stored listing, sorted case-insensitively (for filters). A skip
    /// scan of the brand index: one lookup per distinct brand, however many listings there are.
    /// - Throws: ``CaseStoreError/cannotRead(path:reason:)``.
    public func listedBrands() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                WITH RECURSIVE b(x) AS (
                    SELECT MIN(brand) FROM merchant_listing WHERE brand IS NOT NULL
                    UNION ALL SELECT (SELECT MIN(brand) FROM merchant_listing WHERE brand > b.x) FROM b WHERE b.x IS NOT NULL
                ) SELECT x FROM b WHERE x IS NOT NULL
                """)
        }
    }
}
