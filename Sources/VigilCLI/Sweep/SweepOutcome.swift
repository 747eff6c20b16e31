import Foundation

/// What one `vigil demo --json` run reported, read back from its `DEMO_SUMMARY` line.
struct SweepOutcome: Sendable {
    var seed: UInt64
    var precision: Double
    var recall: Double
    var falseInterceptRate: Double
    /// population → (merchants, intercepted).
    var populations: [String: (merchants: Int, intercepted: Int)]
    var timeToInterceptP90: Int64?
    var ringCoverage: Double
    var worstLeadHonestShare: Double
    var events: Int
    var seconds: Double

    /// Parses the `DEMO_SUMMARY {json}` line of a demo's output.
    init(seed: UInt64, demoOutput: String) throws {
        guard let line = demoOutput.split(separator: "\n").last(where: { $0.hasPrefix("DEMO_SUMMARY ") }),
              let object = try JSONSerialization.jsonObject(with: Data(line.dropFirst("DEMO_SUMMARY ".count).utf8)) as? [String: Any] else {
            throw SweepError.noSummary(seed: seed)
        }
        func number(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
        self.seed = seed
        precision = number("merchant_precision")
        recall = number("merchant_recall")
        falseInterceptRate = number("honest_false_intercept_rate")
        ringCoverage = number("ring_member_coverage")
        worstLeadHonestShare = number("worst_lead_honest_share")
        events = Int(number("events"))
        seconds = number("seconds")
        timeToInterceptP90 = (object["time_to_intercept_p90_ms"] as? NSNumber)?.int64Value
        var populations: [String: (Int, Int)] = [:]
        for (name, value) in object["populations"] as? [String: [Int]] ?? [:] where value.count == 2 { populations[name] = (value[0], value[1]) }
        self.populations = populations
    }
}

/// Why a sweep stopped.
enum SweepError: Error, CustomStringConvertible {
    case noSummary(seed: UInt64)
    case demoFailed(seed: UInt64, status: Int32, log: String)
    case badSeeds(String)

    var description: String {
        switch self {
        case .noSummary(let seed): "the demo of seed \(seed) printed no DEMO_SUMMARY line; see its output file in the sweep directory"
        case .demoFailed(let seed, let status, let log): "the demo of seed \(seed) exited with status \(status); its output is in \(log)"
        case .badSeeds(let text): "seeds \"\(text)\" are not a list such as 1-6 or 1,2,3 or 1001-1003,2001"
        }
    }
}
