import Foundation
import VigilPrimitives

/// The feature-log rows to train on, with the counts a model card reports: every row a label
/// decides (``PointInTimeLabelJoin``), and a share of the rows of merchants that no label names,
/// taken as genuine.
///
/// Why unlabelled rows: labels are rare and chosen (test buys sample listings, enforcement closes
/// whole rings), so labelled rows are mostly counterfeit while the marketplace is mostly honest. A
/// model trained on labelled rows alone learns that almost every shop is counterfeit. Platforms
/// treat the silent majority as genuine (positive–unlabelled learning): a merchant nobody
/// complained about, test-bought or closed is very likely honest. Rows of a merchant that has any
/// label are never taken as genuine this way (its rows after a counterfeit label are not evidence
/// of honesty). The share is taken by a stable hash of `row_id`, so a set is reproducible.
public struct TrainingSet: Sendable {
    /// One training row.
    public struct Example: Sendable, Hashable {
        /// The feature-log row.
        public var row: FeatureLogRow
        /// The label that decided its outcome; `nil` for an unlabelled merchant's row, taken as genuine.
        public var label: LabelEvent?
        /// 1 for counterfeit, 0 for genuine.
        public var target: Int { label?.isCounterfeit == true ? 1 : 0 }
    }

    /// Training rows, in event-time order (ties by `row_id`).
    public let examples: [Example]
    /// Rows of unlabelled merchants among ``examples``, taken as genuine.
    public let assumedGenuine: Int
    /// Feature-log rows read (after de-duplication by `row_id`).
    public let rowsRead: Int
    /// Labels read.
    public let labelsRead: Int
    /// Labels read, by outcome then source (`counterfeit` → `test_buy` → 12).
    public let labelCounts: [String: [String: Int]]
    /// Labels that decided at least one training row, by outcome then source.
    public let usedLabelCounts: [String: [String: Int]]

    /// Joins `rows` with `labels`, adding `unlabelledShare` (0...1) of the rows of merchants no label
    /// names as genuine.
    /// - Throws: ``TrainingError/noLabelledRows(rows:labels:)`` or ``TrainingError/oneClass(outcome:rows:)``.
    public init(rows: [FeatureLogRow], labels: [LabelEvent], unlabelledShare: Double = 0) throws(TrainingError) {
        let join = PointInTimeLabelJoin(labels: labels)
        let labelled = Set(labels.map(\.merchantID))
        let keepBelow = UInt64(max(0, min(1, unlabelledShare)) * Double(UInt64.max >> 11)) << 11
        var examples: [Example] = []
        var used: [String: LabelEvent] = [:]
        var assumed = 0
        for row in rows {
            guard let label = join.label(for: row) else {
                if !labelled.contains(row.merchantID), unlabelledShare > 0, FNV1a64.fnv1a64(row.rowID) <= keepBelow {
                    examples.append(Example(row: row, label: nil))
                    assumed += 1
                }
                continue
            }
            examples.append(Example(row: row, label: label))
            used[label.labelID] = label
        }
        assumedGenuine = assumed
        examples.sort { ($0.row.eventTS, $0.row.rowID) < ($1.row.eventTS, $1.row.rowID) }
        guard examples.count > assumed else { throw .noLabelledRows(rows: rows.count, labels: labels.count) }
        let positives = examples.count { $0.target == 1 }
        if positives == 0 { throw .oneClass(outcome: .genuine, rows: examples.count) }
        if positives == examples.count { throw .oneClass(outcome: .counterfeit, rows: examples.count) }
        self.examples = examples
        rowsRead = rows.count
        labelsRead = labels.count
        labelCounts = Self.count(labels)
        usedLabelCounts = Self.count(Array(used.values))
    }

    private static func count(_ labels: [LabelEvent]) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for label in labels { counts[label.outcome.rawValue, default: [:]][label.source.rawValue, default: 0] += 1 }
        return counts
    }

    /// The columns before the features in ``csv()``: target (1 counterfeit, 0 genuine), event
    /// time, merchant (index into ``merchantIDs``), subject (0 listing, 1 merchant).
    public static let metaColumns = ["_label", "_event_ts", "_merchant", "_subject"]

    /// The merchants of ``examples``, sorted; `_merchant` in ``csv()`` indexes this list.
    public var merchantIDs: [String] { Array(Set(examples.map(\.row.merchantID))).sorted() }

    /// The examples as CSV in ``FeatureRowsCSV`` format: a header of ``metaColumns`` then every
    /// ``FeatureCatalog`` name but `excluding`, one row per example, missing values as empty cells.
    public func csv(excluding: Set<String> = []) -> String {
        let merchants = Dictionary(uniqueKeysWithValues: merchantIDs.enumerated().map { ($1, $0) })
        let columns = FeatureCatalog.names.indices.filter { !excluding.contains(FeatureCatalog.names[$0]) }
        var out = (Self.metaColumns + columns.map { FeatureCatalog.names[$0] }).joined(separator: ",") + "\n"
        for example in examples {
            let row = example.row
            out += "\(example.target),\(row.eventTS),\(merchants[row.merchantID]!),\(row.listingID == nil ? 1 : 0)"
            for i in columns {
                out += ","
                let value = i < row.features.count ? row.features[i] : .nan
                if value.isFinite { out += value.description }
            }
            out += "\n"
        }
        return out
    }

    /// Counts for the model card (`training-summary.json`), as JSON-ready values.
    var summary: [String: Any] {
        ["rows_read": rowsRead, "rows_labelled": examples.count - assumedGenuine, "rows_assumed_genuine": assumedGenuine,
         "rows_unused": rowsRead - examples.count,
         "labels_read": labelsRead, "labels_by_outcome_source": labelCounts, "labels_used_by_outcome_source": usedLabelCounts,
         "merchants_labelled": merchantIDs.count, "catalog": FeatureLogRow.catalogFingerprint()]
    }
}
