/// Short human-readable numbers for reason details.
enum NumberText {
    /// `780`, `128.2`, `0.012` — whole numbers without decimals, others with up to `digits` significant decimals.
    static func format(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var scale = 1.0
        var places = decimals
        // Show small values with enough places to be non-zero (0.012 rather than 0.0).
        while abs(value) * pow10(places) < 1, places < 6 { places += 1 }
        scale = pow10(places)
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) - 1 > places {
            text = String(text[..<text.index(dot, offsetBy: places + 1)])
        }
        return text
    }

    /// `12 %`-style percentage of a share in 0...1.
    static func percent(_ share: Double) -> String { format(share * 100, decimals: 1) + " %" }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}
