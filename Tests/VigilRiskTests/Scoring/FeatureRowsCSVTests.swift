import Foundation
import Testing
@testable import VigilRisk

@Suite("Feature rows CSV")
struct FeatureRowsCSVTests {
    @Test("empty cells are missing; quotes, CRLF, BOM and blank lines are accepted")
    func parses() throws {
        let csv = try FeatureRowsCSV(text: "\u{FEFF}a, \"b\" ,c\r\n1,,-2.5e3\r\n\r\n\"4\", 5 ,\r\n", file: "x.csv")
        #expect(csv.columnNames == ["a", "b", "c"])
        #expect(csv.rows.count == 2)
        #expect(csv.lineNumbers == [2, 4])
        #expect(csv.rows[0][0] == 1 && csv.rows[0].isMissing(at: 1) && csv.rows[0][2] == -2500)
        #expect(csv.rows[1][0] == 4 && csv.rows[1][1] == 5 && csv.rows[1].isMissing(at: 2))
    }

    @Test("bad cells are reported by line, column and column name", arguments: [
        ("a,b\n1,2\n3,x\n", 3, 2, "b"),
        ("a,b\n1,nan\n", 2, 2, "b"),
        ("a,b\n1,inf\n", 2, 2, "b"),
        ("a,b\n1,2\n1,2\n1.2.3,4\n", 4, 1, "a"),
        ("a,b\n1,0x10\n", 2, 2, "b"),
        ("a,b\n1e,2\n", 2, 1, "a"),
        ("a,b\n1,\"2,5\"\n", 2, 2, "b"),
    ])
    func badCell(text: String, line: Int, column: Int, name: String) {
        #expect {
            _ = try FeatureRowsCSV(text: text, file: "rows.csv")
        } throws: { error in
            guard let error = error as? FeatureRowsCSVError else { return false }
            return error.file == "rows.csv" && error.line == line && error.column == column && error.columnName == name
                && error.description.contains("line \(line), column \(column) (\"\(name)\")")
        }
    }

    @Test("structural problems name the line", arguments: [
        ("a,b\n1,2,3\n", 2),
        ("a,b\n1\n", 2),
        ("a,a\n1,2\n", 1),
        ("a,,c\n1,2,3\n", 1),
        ("a,b\n1,\"2\n", 2),
        ("", 1),
    ])
    func structural(text: String, line: Int) {
        #expect {
            _ = try FeatureRowsCSV(text: text, file: "rows.csv")
        } throws: { error in
            (error as? FeatureRowsCSVError)?.line == line
        }
    }

    @Test("unreadable file is reported with its path")
    func unreadable() {
        #expect {
            _ = try FeatureRowsCSV(contentsOf: "/nonexistent/rows.csv")
        } throws: { error in
            (error as? FeatureRowsCSVError)?.file == "/nonexistent/rows.csv"
        }
    }
}

@Suite("Feature mapping by name")
struct FeatureMappingTests {
    @Test("reorders, ignores unknown sources, marks absent targets missing")
    func maps() {
        let mapping = FeatureMapping(from: ["x", "b", "a"], to: ["a", "b", "c"])
        #expect(mapping.unknownSourceNames == ["x"])
        #expect(mapping.missingTargetNames == ["c"])
        #expect(!mapping.isIdentity)
        let out = mapping.map(FeatureVector([9, 2, 1]))
        #expect(out[0] == 1 && out[1] == 2 && out.isMissing(at: 2))
        #expect(FeatureMapping(from: ["a"], to: ["a"]).isIdentity)
    }
}
