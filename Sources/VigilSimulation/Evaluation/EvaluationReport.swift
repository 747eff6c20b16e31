import Foundation
import VigilRisk

/// How well a detector's verdicts match the ground truth, for listings and for merchants.
///
/// Definitions:
/// - A **listing** is intercepted when any listing verdict for it says `intercept`; a
///   counterfeit listing is a positive.
/// - A **merchant** is intercepted when any verdict for it (listing or merchant subject)
///   says `intercept`; a counterfeit merchant (a ring member) is a positive.
/// - **Honest-merchant false-intercept rate**: intercepted honest merchants / honest merchants.
/// - **Time to intercept**: for each intercepted counterfeit merchant, the event time of its
///   first `intercept` verdict (`event_ts`) minus the event time of its first listing
///   (negative values count as 0).
/// - Verdicts are de-duplicated by `verdict_id` first (the first one read wins).
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// Scenario of the ground truth.
    public var scenario: String
    /// Its seed.
    public var seed: UInt64
    /// Verdicts read, duplicates included.
    public var verdictsRead: Int
    /// Distinct verdicts (by `verdict_id`).
    public var distinctVerdicts: Int
    /// Distinct verdicts deciding `intercept`.
    public var interceptVerdicts: Int
    /// Distinct verdicts for merchants the ground truth does not know (ignored).
    public var unknownMerchantVerdicts: Int
    /// Distinct listing verdicts for listings the ground truth does not know (ignored at listing level).
    public var unknownListingVerdicts: Int
    /// Listing-level metrics.
    public var listings: ClassificationMetrics
    /// Merchant-level metrics.
    public var merchants: ClassificationMetrics
    /// Intercepted honest merchants / honest merchants.
    public var honestFalseInterceptRate: Double
    /// From a counterfeit merchant's first listing to its first intercept, event time.
    public var timeToIntercept: LatencySummary
    /// Intercept rate of every population, in ``PopulationKind`` order.
    public var populations: [PopulationOutcome]
    /// Every intercepted honest merchant with the verdict that first intercepted it, in event-time order.
    public var falseIntercepts: [FalseIntercept]

    /// Creates a report (``Evaluator/report()`` builds it).
    public init(scenario: String, seed: UInt64, verdictsRead: Int, distinctVerdicts: Int, interceptVerdicts: Int,
                unknownMerchantVerdicts: Int, unknownListingVerdicts: Int, listings: ClassificationMetrics,
                merchants: ClassificationMetrics, honestFalseInterceptRate: Double, timeToIntercept: LatencySummary,
                populations: [PopulationOutcome], falseIntercepts: [FalseIntercept] = []) {
        self.scenario = scenario
        self.seed = seed
        self.verdictsRead = verdictsRead
        self.distinctVerdicts = distinctVerdicts
        self.interceptVerdicts = interceptVerdicts
        self.unknownMerchantVerdicts = unknownMerchantVerdicts
        self.unknownListingVerdicts = unknownListingVerdicts
        self.listings = listings
        self.merchants = merchants
        self.honestFalseInterceptRate = honestFalseInterceptRate
        self.timeToIntercept = timeToIntercept
        self.populations = populations
        self.falseIntercepts = falseIntercepts
    }

    /// The report as a plain-text table for a terminal.
    public func render() -> String {
        var lines: [String] = []
        lines.append("Evaluation against scenario \"\(scenario)\" (seed \(seed))")
        lines.append("verdicts: \(verdictsRead) read, \(distinctVerdicts) distinct (\(verdictsRead - distinctVerdicts) duplicates dropped), "
            + "\(interceptVerdicts) intercept, \(unknownMerchantVerdicts) for unknown merchants, \(unknownListingVerdicts) for unknown listings")
        lines.append("")
        lines.append(row(["level", "TP", "FP", "FN", "TN", "precision", "recall", "F1"], widths: Self.widths))
        lines.append(String(repeating: "-", count: Self.widths.reduce(0) { $0 + $1 + 2 }))
        for (name, metrics) in [("listings", listings), ("merchants", merchants)] {
            lines.append(row([name, "\(metrics.truePositives)", "\(metrics.falsePositives)", "\(metrics.falseNegatives)",
                              "\(metrics.trueNegatives)", Self.decimal(metrics.precision), Self.decimal(metrics.recall),
                              Self.decimal(metrics.f1)], widths: Self.widths))
        }
        lines.append("")
        let honest = merchants.falsePositives + merchants.trueNegatives
        lines.append("honest-merchant false-intercept rate: \(Self.percent(honestFalseInterceptRate)) (\(merchants.falsePositives) of \(honest))")
        lines.append("time to intercept (first listing -> first intercept, event time, \(timeToIntercept.count) merchants): "
            + "p50 \(LatencySummary.format(timeToIntercept.p50)), p90 \(LatencySummary.format(timeToIntercept.p90)), "
            + "max \(LatencySummary.format(timeToIntercept.max))")
        lines.append("")
        let populationWidths = [18, 10, 12, 8]
        lines.append(row(["population", "merchants", "intercepted", "rate"], widths: populationWidths))
        for outcome in populations {
            lines.append(row([outcome.population.rawValue, "\(outcome.merchants)", "\(outcome.intercepted)", Self.percent(outcome.interceptRate)],
                             widths: populationWidths))
        }
        if !falseIntercepts.isEmpty {
            lines.append("")
            lines.append("honest merchants intercepted (first intercept verdict):")
            for entry in falseIntercepts {
                lines.append("  \(entry.merchantID) (\(entry.population.rawValue)) score \(entry.score) on \(entry.subject): \(entry.reasons.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static let widths = [10, 7, 7, 7, 8, 10, 8, 7]

    /// Left-aligns the first column, right-aligns the others.
    private func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            let (cell, width) = pair
            let padding = String(repeating: " ", count: Swift.max(0, width - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ")
    }

    private static func decimal(_ value: Double) -> String { String(format: "%.3f", value) }
    private static func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }

    private enum CodingKeys: String, CodingKey {
        case scenario, seed, verdictsRead = "verdicts_read", distinctVerdicts = "distinct_verdicts"
        case interceptVerdicts = "intercept_verdicts", unknownMerchantVerdicts = "unknown_merchant_verdicts"
        case unknownListingVerdicts = "unknown_listing_verdicts", listings, merchants
        case honestFalseInterceptRate = "honest_false_intercept_rate", timeToIntercept = "time_to_intercept", populations
        case falseIntercepts = "false_intercepts"
    }
}
