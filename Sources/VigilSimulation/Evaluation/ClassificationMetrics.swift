import VigilRisk

/// A confusion matrix and the usual scores derived from it.
///
/// Undefined ratios (a zero denominator, e.g. precision when nothing was intercepted) are
/// reported as 0, so a detector that does nothing scores 0, never `NaN`.
public struct ClassificationMetrics: Sendable, Hashable, Codable {
    /// Counterfeit and intercepted.
    public var truePositives: Int
    /// Honest but intercepted.
    public var falsePositives: Int
    /// Counterfeit but never intercepted.
    public var falseNegatives: Int
    /// Honest and never intercepted.
    public var trueNegatives: Int

    /// Creates metrics from counts.
    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// TP / (TP + FP): how many interceptions were right.
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// TP / (TP + FN): how many counterfeits were caught.
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    /// The harmonic mean of precision and recall.
    public var f1: Double {
        let sum = precision + recall
        return sum == 0 ? 0 : 2 * precision * recall / sum
    }
    /// FP / (FP + TN): the share of honest subjects intercepted.
    public var falsePositiveRate: Double { ratio(falsePositives, falsePositives + trueNegatives) }
    /// Every subject counted.
    public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    private func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }

    private enum CodingKeys: String, CodingKey {
        case truePositives = "true_positives", falsePositives = "false_positives"
        case falseNegatives = "false_negatives", trueNegatives = "true_negatives"
        case precision, recall, f1, falsePositiveRate = "false_positive_rate"
    }

    /// Writes the counts and the derived scores.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(falsePositives, forKey: .falsePositives)
        try container.encode(falseNegatives, forKey: .falseNegatives)
        try container.encode(trueNegatives, forKey: .trueNegatives)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(falsePositiveRate, forKey: .falsePositiveRate)
    }

    /// Reads the counts (derived scores are recomputed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        truePositives = try container.decode(Int.self, forKey: .truePositives)
        falsePositives = try container.decode(Int.self, forKey: .falsePositives)
        falseNegatives = try container.decode(Int.self, forKey: .falseNegatives)
        trueNegatives = try container.decode(Int.self, forKey: .trueNegatives)
    }
}
