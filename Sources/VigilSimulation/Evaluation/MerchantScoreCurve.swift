import Foundation
import VigilRisk

/// The merchant-level precision–recall curve over score thresholds: a merchant counts as caught
/// at threshold `t` when the highest score of any of its verdicts (listing or merchant) is at
/// least `t`. Merchants without verdicts score 0 (caught only at threshold 0); merchants the
/// ground truth does not know are ignored.
public struct MerchantScoreCurve: Sendable, Hashable, Codable {
    /// One threshold of the curve.
    public struct Point: Sendable, Hashable, Codable {
        /// The score threshold, 0...100.
        public var threshold: Int
        /// Counterfeit merchants scoring at least `threshold`, and honest ones.
        public var metrics: ClassificationMetrics
    }

    /// Every threshold 0...100, ascending.
    public var points: [Point]

    /// Builds the curve from each known merchant's highest verdict score.
    public init(truth: GroundTruth, maxScores: [String: Int]) {
        points = (0...100).map { t in
            var tp = 0, fp = 0, fn = 0, tn = 0
            for merchant in truth.merchants {
                let caught = (maxScores[merchant.merchantID] ?? 0) >= t
                switch (merchant.isCounterfeit, caught) {
                case (true, true): tp += 1
                case (false, true): fp += 1
                case (true, false): fn += 1
                case (false, false): tn += 1
                }
            }
            return Point(threshold: t, metrics: ClassificationMetrics(truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn))
        }
    }

    /// The lowest threshold whose honest false-intercept rate (FP / honest) is at most `budget`, or `nil` when none is.
    public func lowestThreshold(within budget: Double) -> Int? {
        points.first { $0.metrics.falsePositiveRate <= budget }?.threshold
    }

    /// A compact table (every 10 points, and the lowest threshold within `budget`), then that threshold.
    public func render(budget: Double) -> String {
        let lowest = lowestThreshold(within: budget)
        var lines = ["merchant-level precision-recall by score threshold (a merchant's max verdict score):",
                     "  threshold  TP (counterfeit >= t)  FP (honest >= t)  precision  recall  honest FI rate"]
        for point in points where point.threshold % 10 == 0 || point.threshold == lowest {
            let m = point.metrics
            lines.append(String(format: "  %9d  %20d  %16d  %9.3f  %6.3f  %12.3f %%", point.threshold, m.truePositives, m.falsePositives,
                                m.precision, m.recall, m.falsePositiveRate * 100) + (point.threshold == lowest ? "  <- lowest within budget" : ""))
        }
        if let lowest, let m = points.first(where: { $0.threshold == lowest })?.metrics {
            lines.append(String(format: "lowest threshold within the %.2f %% budget: %d (precision %.3f, recall %.3f)", budget * 100, lowest, m.precision, m.recall))
        } else {
            lines.append(String(format: "no threshold keeps the honest false-intercept rate within %.2f %%", budget * 100))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
