import VigilRisk

/// A lead's ship-from districts drawn offline as an inline SVG tile-grid map of China's
/// provinces (one square per province, roughly where it lies), each shaded by the shipments
/// from it, with the busiest districts named on their province's tile. Provinces outside the
/// grid get tiles in a last row. No tiles, fonts or scripts from anywhere.
public enum DistrictMap {
    /// Grid position (column, row) of each province, by its English name.
    static let tiles: [String: (column: Int, row: Int, label: String)] = [
        "Heilongjiang": (8, 0, "HL"), "Xinjiang": (1, 1, "XJ"), "Inner Mongolia": (5, 1, "NM"), "Beijing": (6, 1, "BJ"),
        "Liaoning": (7, 1, "LN"), "Jilin": (8, 1, "JL"), "Qinghai": (2, 2, "QH"), "Gansu": (3, 2, "GS"), "Ningxia": (4, 2, "NX"),
        "Shanxi": (5, 2, "SX"), "Hebei": (6, 2, "HE"), "Tianjin": (7, 2, "TJ"), "Tibet": (1, 3, "XZ"), "Sichuan": (3, 3, "SC"),
        "Shaanxi": (4, 3, "SN"), "Henan": (5, 3, "HA"), "Shandong": (6, 3, "SD"), "Chongqing": (3, 4, "CQ"), "Hubei": (4, 4, "HB"),
        "Anhui": (5, 4, "AH"), "Jiangsu": (6, 4, "JS"), "Shanghai": (7, 4, "SH"), "Yunnan": (2, 5, "YN"), "Guizhou": (3, 5, "GZ"),
        "Hunan": (4, 5, "HN"), "Jiangxi": (5, 5, "JX"), "Zhejiang": (6, 5, "ZJ"), "Guangxi": (3, 6, "GX"), "Guangdong": (4, 6, "GD"),
        "Fujian": (5, 6, "FJ"), "Taiwan": (6, 6, "TW"), "Hainan": (3, 7, "HI"), "Macau": (4, 7, "MO"), "Hong Kong": (5, 7, "HK"),
    ]

    static let cell = 46
    static let columns = 10
    static let rows = 8

    /// The map of `districts` (shipments per district), as an `<svg>` element.
    public static func svg(_ districts: [ShipFromCount]) -> HTML {
        var perProvince: [String: Int] = [:]
        var busiest: [String: ShipFromCount] = [:]
        for site in districts {
            perProvince[site.province, default: 0] += site.count
            if (busiest[site.province]?.count ?? -1) < site.count { busiest[site.province] = site }
        }
        let maximum = max(perProvince.values.max() ?? 1, 1)
        let unknown = perProvince.keys.filter { tiles[$0] == nil }.sorted()
        let height = (rows + (unknown.isEmpty ? 0 : 1 + (unknown.count - 1) / columns)) * cell
        var shapes: [HTML] = []
        func tile(_ province: String, column: Int, row: Int, label: String) {
            let count = perProvince[province] ?? 0
            let x = column * cell, y = row * cell
            let fill = count == 0 ? "#e9ecf0" : shade(Double(count) / Double(maximum))
            let text = count == 0 ? "#8a929c" : (Double(count) / Double(maximum) > 0.5 ? "#fff" : "#1c2430")
            let tip = busiest[province].map { "\(province): \(count) shipments; busiest \($0.city) / \($0.district) (\($0.count))" } ?? "\(province): no shipments"
            let countText: HTML = count > 0 ? "<text x=\"\(x + cell / 2)\" y=\"\(y + 33)\" text-anchor=\"middle\" fill=\"\(text)\">\(count)</text>" : .empty
            shapes.append("""
                <g class="province\(count > 0 ? " shipped" : "")" data-province="\(province)" data-count="\(count)"><title>\(tip)</title>\
                <rect x="\(x + 1)" y="\(y + 1)" width="\(cell - 2)" height="\(cell - 2)" rx="4" fill="\(fill)"/>\
                <text x="\(x + cell / 2)" y="\(y + 19)" text-anchor="middle" fill="\(text)">\(label)</text>\
                \(countText)</g>
                """)
        }
        for (province, place) in tiles.sorted(by: { $0.key < $1.key }) { tile(province, column: place.column, row: place.row, label: place.label) }
        for (index, province) in unknown.enumerated() {
            tile(province, column: index % columns, row: rows + index / columns, label: String(province.prefix(3)))
        }
        return """
            <svg class="district-map" role="img" aria-label="ship-from provinces shaded by shipments" xmlns="http://www.w3.org/2000/svg" \
            width="\(columns * cell)" height="\(height)" viewBox="0 0 \(columns * cell) \(height)">\(shapes)</svg>
            """
    }

    /// A red of strength `fraction` (0...1): light for few shipments, dark for many.
    static func shade(_ fraction: Double) -> String {
        let f = min(max(fraction, 0), 1)
        let r = Int(252 - 110 * f), g = Int(214 - 190 * f), b = Int(204 - 180 * f)
        return "rgb(\(r),\(g),\(b))"
    }
}
