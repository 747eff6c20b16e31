import Foundation

extension CaseStore {
    /// The CSV header of ``exportCSV()``.
    public static let csvHeader = "ring_id,score,ring_size,merchant_id,link_kinds,top_ship_from,updated_at"

    /// All cases as CSV (RFC 4180, `\n` line ends), **one row per ring
    /// member**, so investigators can filter and pivot by merchant:
    ///
    /// - `ring_id`, `score`, `ring_size`, `updated_at`: of the ring's latest snapshot;
    /// - `merchant_id`: the member;
    /// - `link_kinds`: kinds of the ring's links that include this member,
    ///   strongest first, `;`-separated (e.g. `payout_account;device`);
    /// - `top_ship_from`: the ring's busiest district as `province/city/district`, or empty.
    ///
    /// Rows follow ``list(includeClosed:)`` order (open cases), members sorted within a ring.
    /// - Throws: ``CaseStoreError`` if the cases cannot be read.
    public func exportCSV() throws -> String {
        var lines = [CaseStore.csvHeader]
        for snapshot in try latestSnapshots() {
            let top = snapshot.shipFrom.first.map { "\($0.province)/\($0.city)/\($0.district)" } ?? ""
            for merchant in snapshot.merchants {
                let kinds = snapshot.links.filter { $0.merchants.contains(merchant) }.map(\.kind)
                let uniqueKinds = Array(Set(kinds)).sorted(by: LeadLinkKind.ringOrder).map(\.rawValue).joined(separator: ";")
                let fields = [snapshot.ringID, String(snapshot.score), String(snapshot.merchants.count), merchant, uniqueKinds, top, String(snapshot.updatedAt)]
                lines.append(fields.map(CaseStore.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``exportCSV()`` to `url` (atomically).
    /// - Throws: ``CaseStoreError/cannotExport(path:destination:reason:)`` if the file cannot be written.
    public func exportCSV(to url: URL) throws {
        try write(Data(try exportCSV().utf8), to: url)
    }

    /// Shipments of all rings' latest snapshots summed per district, most
    /// shipments first (then province, city, district).
    /// - Throws: ``CaseStoreError`` if the cases cannot be read.
    public func hotspots() throws -> [DistrictHotspot] {
        var counts: [ShipFromLocation: Int] = [:]
        var rings: [ShipFromLocation: Set<String>] = [:]
        for snapshot in try latestSnapshots() {
            for entry in snapshot.shipFrom {
                counts[entry.location, default: 0] += entry.count
                rings[entry.location, default: []].insert(snapshot.ringID)
            }
        }
        return ShipFromCount.ranked(counts.map { ShipFromCount(location: $0.key, count: $0.value) }).map {
            DistrictHotspot(province: $0.province, city: $0.city, district: $0.district, count: $0.count, ringIDs: (rings[$0.location] ?? []).sorted())
        }
    }

    /// ``hotspots()`` as a GeoJSON FeatureCollection with null geometry
    /// (see ``HotspotFeatureCollection``), UTF-8 JSON with sorted keys.
    /// - Throws: ``CaseStoreError`` if the cases cannot be read.
    public func exportGeoJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return try encoder.encode(HotspotFeatureCollection(hotspots: try hotspots()))
        } catch let error as CaseStoreError {
            throw error
        } catch {
            throw CaseStoreError.cannotRead(path: path, reason: "cannot encode GeoJSON: \(error)")
        }
    }

    /// Writes ``exportGeoJSON()`` to `url` (atomically).
    /// - Throws: ``CaseStoreError/cannotExport(path:destination:reason:)`` if the file cannot be written.
    public func exportGeoJSON(to url: URL) throws {
        try write(try exportGeoJSON(), to: url)
    }

    private func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CaseStoreError.cannotExport(path: path, destination: url.path, reason: "\(error.localizedDescription)")
        }
    }

    /// Quotes a CSV field when it holds a comma, quote, CR or LF (RFC 4180).
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
