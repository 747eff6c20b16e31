import Foundation

/// A JSONL file of label events (one `marketplace.labels` message per line, contract format).
public enum TrainingLabelFile {
    /// Reads every label of the file at `path` (blank lines skipped; a repeated `label_id` is kept once).
    /// - Throws: ``TrainingError/unreadableInput(kind:path:reason:)`` or ``TrainingError/badLabel(source:line:problem:)``.
    public static func read(path: String) throws(TrainingError) -> [LabelEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableInput(kind: "labels", path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "the file does not exist")
        }
        return try parse(Array(data), source: path)
    }

    /// Parses JSONL bytes with the contract's strict label decoder; `source` names them in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(TrainingError) -> [LabelEvent] {
        let decoder = ContractDecoder()
        var labels: [LabelEvent] = []
        var seen = Set<String>()
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            let label: LabelEvent
            do {
                label = try decoder.decodeLabel(Array(line))
            } catch {
                throw .badLabel(source: source, line: lineNumber, problem: error.description)
            }
            if seen.insert(label.labelID).inserted { labels.append(label) }
        }
        return labels
    }
}
