import Foundation

/// How the console writes times, scores and links.
enum ConsoleFormat {
    /// Epoch milliseconds as `2026-12-02 06:45:13` (UTC).
    static func time(_ milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// A `<time>` element for epoch milliseconds.
    static func timeElement(_ milliseconds: Int64) -> HTML {
        "<time data-ms=\"\(milliseconds)\">\(time(milliseconds))</time>"
    }

    /// A score badge, coloured by band (`low` < 40 ≤ `mid` < 70 ≤ `high`).
    static func score(_ score: Int) -> HTML {
        let band = score >= 70 ? "high" : score >= 40 ? "mid" : "low"
        return "<span class=\"score \(band)\">\(score)</span>"
    }

    /// A decision badge.
    static func decision(_ decision: String) -> HTML {
        "<span class=\"decision \(decision)\">\(decision)</span>"
    }
}
