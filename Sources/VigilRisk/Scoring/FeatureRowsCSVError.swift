/// A feature-rows CSV could not be read: which file, which line and column,
/// what is wrong, and how to fix it.
///
/// `description` reads e.g.
/// `rows.csv: line 4, column 3 ("store_age_days"): "12,5" is not a number. Fix: …`.
public struct FeatureRowsCSVError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The CSV file (as given by the caller).
    public var file: String
    /// The 1-based line in the file (the header is line 1); `nil` for whole-file problems.
    public var line: Int?
    /// The 1-based column; `nil` when the problem is the whole line.
    public var column: Int?
    /// The header name of ``column``, when known.
    public var columnName: String?
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error; see the properties for the meaning of each argument.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                problem: String, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.problem = problem
        self.fix = fix
    }

    /// `file: line L, column C ("name"): problem. Fix: fix`
    public var description: String {
        var location = file
        if let line { location += ": line \(line)" }
        if let column {
            location += ", column \(column)"
            if let columnName { location += " (\"\(columnName)\")" }
        }
        return "\(location): \(problem). Fix: \(fix)"
    }
}
