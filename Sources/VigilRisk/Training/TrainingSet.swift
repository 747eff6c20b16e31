import Foundation

/// The feature-log rows that have a label (``PointInTimeLabelJoin``), ready to train on, with the
/// counts a model card reports. Unlabelled rows are not training rows.
public struct TrainingSet: Sendable {
    /// One labelled row.
    public struct Example: Sendable, Hashable {
        /// The feature-log row.
        public var row: FeatureLogRow
        /// The label that decided its outcome.
        public var label: LabelEvent
        /// 1 for counterfeit, 0 for genuine.
        public var target: Int { label.isCounterfeit ? 1 : 0 }
    }

    /// Labelled rows, in event-time order (ties by `row_id`).
    public let examples: [Example]
    /// Feature-log rows read (after de-duplication by `row_id`).
    public let rowsRead: Int
    /// Labels read.
    public let labelsRead: Int
    /// Labels read, by outcome then source (`counterfeit` → `test_buy` → 12).
    public let labelCounts: [String: [String: Int]]
    /// Labels that decided at least one training row, by outcome then source.
    public let usedLabelCounts: [String: [String: Int]]

    /// Joins `rows` with `labels`.
    /// - Throws: ``TrainingError/noLabelledRows(rows:labels:)`` or ``TrainingError/oneClass(outcome:rows:)``.
    public init(rows: [FeatureLogRow], labels: [LabelEvent]) throws(TrainingError) {
        let join = PointInTimeLabelJoin(labels: labels)
        var examples: [Example] = []
        var used: [String: LabelEvent] = [:]
        for row in rows {
            guard let label = join.label(for: row) else { continue }
            examples.append(Example(row: row, label: label))
            used[label.labelID] = label
        }
        examples.sort { ($0.row.eventTS, $0.row.rowID) < ($1.row.eventTS, $1.row.rowID) }
        guard !examples.isEmpty else { throw .noLabelledRows(rows: rows.count, labels: labels.count) }
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
    /// ``FeatureCatalog`` name, one row per example, missing values as empty cells.
    public func csv() -> String {
        let merchants = Dictionary(uniqueKeysWithValues: merchantIDs.enumerated().map { ($1, $0) })
        var out = (Self.metaColumns + FeatureCatalog.names).joined(separator: ",") + "\n"
        for example in examples {
            let row = example.row
            out += "\(example.target),\(row.eventTS),\(merchants[row.merchantID]!),\(row.listingID == nil ? 1 : 0)"
            for i in 0..<FeatureCatalog.count {
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
        ["rows_read": rowsRead, "rows_labelled": examples.count, "rows_unlabelled": rowsRead - examples.count,
         "labels_read": labelsRead, "labels_by_outcome_source": labelCounts, "labels_used_by_outcome_source": usedLabelCounts,
         "merchants_labelled": merchantIDs.count, "catalog": FeatureLogRow.catalogFingerprint()]
    }
}
