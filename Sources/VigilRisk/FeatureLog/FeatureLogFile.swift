import Foundation

/// A feature log exported to a JSONL file: one ``FeatureLogRow`` per line, as on `vigil.feature-log`.
public enum FeatureLogFile {
    /// Reads every row of the JSONL file at `path` (blank lines skipped). Rows with the same
    /// `row_id` (a redelivered record) are kept once, the first one read.
    /// - Throws: ``FeatureLogError`` naming the file and line.
    public static func read(path: String) throws(FeatureLogError) -> [FeatureLogRow] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "the file does not exist")
        }
        return try parse(Array(data), source: path)
    }

    /// Parses JSONL bytes; `source` names them in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(FeatureLogError) -> [FeatureLogRow] {
        var rows: [FeatureLogRow] = []
        var seen = Set<String>()
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) else { continue }
            let row = try FeatureLogRow(json: line, source: source, line: lineNumber)
            if seen.insert(row.rowID).inserted { rows.append(row) }
        }
        return rows
    }

    /// The rows as JSONL bytes (one ``FeatureLogRow/encoded()`` object per line, each ending in `\n`).
    public static func lines(_ rows: [FeatureLogRow]) -> [UInt8] {
        var out: [UInt8] = []
        for row in rows { out += row.encoded(); out.append(UInt8(ascii: "\n")) }
        return out
    }
}
