import Foundation

/// Feature rows read from a CSV file: a header of feature names, then one
/// listing per line, an empty cell meaning "missing".
///
/// Rules (strict, so that a typo never silently becomes a missing value):
/// - Line 1 is the header: non-empty, unique names (surrounding spaces trimmed).
/// - Every data line has exactly as many cells as the header.
/// - A cell is empty/blank (missing, stored as NaN) or a decimal number:
///   optional sign, digits with an optional `.`, optional exponent (`1e-3`).
///   `nan`, `inf`, `NA`, hex and thousands separators are rejected.
/// - Cells may be wrapped in double quotes (`""` escapes a quote); a quoted
///   cell may not span lines.
/// - Blank lines are skipped; a UTF-8 byte-order mark and CRLF endings are accepted.
///
/// Errors are ``FeatureRowsCSVError`` values naming the line and column.
public struct FeatureRowsCSV: Sendable {
    /// Reading options; the defaults read plain comma-separated files.
    public struct Options: Sendable {
        /// The cell separator; default `,`.
        public var separator: Character
        /// Creates options; see each property for its default.
        public init(separator: Character = ",") {
            self.separator = separator
        }
    }

    /// The file the rows came from (for messages).
    public let file: String
    /// The header's names, in column order.
    public let columnNames: [String]
    /// One vector per data line, in column order, NaN for empty cells.
    public let rows: [FeatureVector]
    /// The 1-based file line of each entry of ``rows``.
    public let lineNumbers: [Int]

    /// Reads and parses the CSV file at `path`.
    /// - Throws: ``FeatureRowsCSVError``.
    public init(contentsOf path: String, options: Options = Options()) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FeatureRowsCSVError(file: path, problem: "cannot read the file (\(error.localizedDescription))",
                                      fix: "check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FeatureRowsCSVError(file: path, problem: "the file is not UTF-8 text", fix: "save the CSV as UTF-8")
        }
        try self.init(text: text, file: path, options: options)
    }

    /// Parses CSV text; `file` names the source in errors.
    /// - Throws: ``FeatureRowsCSVError``.
    public init(text: String, file: String = "<memory>", options: Options = Options()) throws {
        self.file = file
        // "\r\n" is a single Character in Swift, so match it as a separator too.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })[...]
        if let first = lines.first, first.hasPrefix("\u{FEFF}") {
            lines[lines.startIndex] = first.dropFirst()
        }
        var header: [String]?
        var rows: [FeatureVector] = []
        var lineNumbers: [Int] = []
        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let cells = try Self.split(line, separator: options.separator, file: file, line: lineNumber)
            guard let names = header else {
                header = try Self.header(cells, file: file, line: lineNumber)
                continue
            }
            guard cells.count == names.count else {
                throw FeatureRowsCSVError(file: file, line: lineNumber,
                                          problem: "the line has \(cells.count) cells but the header has \(names.count) columns",
                                          fix: "give every line one cell per header column; leave a cell empty for a missing value")
            }
            var values = [Double](repeating: FeatureVector.missing, count: cells.count)
            for (c, cell) in cells.enumerated() {
                let trimmed = cell.trimmingWhitespace()
                if trimmed.isEmpty { continue }
                guard let value = Self.strictNumber(trimmed) else {
                    throw FeatureRowsCSVError(file: file, line: lineNumber, column: c + 1, columnName: names[c],
                                              problem: "\"\(trimmed)\" is not a number",
                                              fix: "write a plain decimal number such as 12.5 or 1e-3, or leave the cell empty for a missing value")
                }
                values[c] = value
            }
            rows.append(FeatureVector(values))
            lineNumbers.append(lineNumber)
        }
        guard let names = header else {
            throw FeatureRowsCSVError(file: file, line: 1, problem: "the file is empty (no header line)",
                                      fix: "start the file with a header line of feature names")
        }
        self.columnNames = names
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    private static func header(_ cells: [Substring], file: String, line: Int) throws -> [String] {
        var seen: [String: Int] = [:]
        return try cells.enumerated().map { c, cell in
            let name = String(cell.trimmingWhitespace())
            guard !name.isEmpty else {
                throw FeatureRowsCSVError(file: file, line: line, column: c + 1, problem: "the header cell is empty",
                                          fix: "name every column after the feature it holds")
            }
            if let first = seen[name] {
                throw FeatureRowsCSVError(file: file, line: line, column: c + 1, columnName: name,
                                          problem: "column name \"\(name)\" repeats column \(first)",
                                          fix: "give every column a unique feature name")
            }
            seen[name] = c + 1
            return name
        }
    }

    /// Splits one line into cells, unquoting `"…"` cells.
    static func split(_ line: Substring, separator: Character, file: String, line lineNumber: Int) throws -> [Substring] {
        var cells: [Substring] = []
        var index = line.startIndex
        while true {
            // Skip blanks before a possible opening quote.
            var probe = index
            while probe < line.endIndex, line[probe] == " " || line[probe] == "\t" { probe = line.index(after: probe) }
            if probe < line.endIndex, line[probe] == "\"" {
                var cell = ""
                var i = line.index(after: probe)
                var closed = false
                while i < line.endIndex {
                    if line[i] == "\"" {
                        let next = line.index(after: i)
                        if next < line.endIndex, line[next] == "\"" {
                            cell.append("\"")
                            i = line.index(after: next)
                            continue
                        }
                        closed = true
                        i = next
                        break
                    }
                    cell.append(line[i])
                    i = line.index(after: i)
                }
                guard closed else {
                    throw FeatureRowsCSVError(file: file, line: lineNumber, column: cells.count + 1,
                                              problem: "a quoted cell is not closed on this line",
                                              fix: "close the quote; cells may not span lines")
                }
                while i < line.endIndex, line[i] == " " || line[i] == "\t" { i = line.index(after: i) }
                cells.append(Substring(cell))
                if i == line.endIndex { return cells }
                guard line[i] == separator else {
                    throw FeatureRowsCSVError(file: file, line: lineNumber, column: cells.count,
                                              problem: "unexpected text after a closing quote",
                                              fix: "put the separator \"\(separator)\" right after the closing quote")
                }
                index = line.index(after: i)
            } else {
                let end = line[index...].firstIndex(of: separator) ?? line.endIndex
                cells.append(line[index..<end])
                if end == line.endIndex { return cells }
                index = line.index(after: end)
            }
        }
    }

    /// A strictly formatted decimal number, or `nil`.
    static func strictNumber(_ text: Substring) -> Double? {
        let bytes = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }  // + -
        var mantissaDigits = digits()
        if i < bytes.count, bytes[i] == 0x2E { i += 1; mantissaDigits += digits() }  // .
        guard mantissaDigits > 0 else { return nil }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {  // e E
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        return Double(text)
    }
}
