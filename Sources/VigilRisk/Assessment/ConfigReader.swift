import Yams

/// Reads a YAML mapping key by key, with errors that name the file, the dotted key and a fix,
/// and that reject unknown keys (a misspelt key would otherwise be silently ignored).
struct ConfigReader {
    let file: String
    let path: String
    private let entries: [(key: String, value: Node)]

    /// A reader over `node`, which must be a mapping.
    init(_ node: Node, file: String, path: String) throws(RiskConfigurationError) {
        self.file = file
        self.path = path
        guard let mapping = node.mapping else {
            throw RiskConfigurationError(file: file, key: path.isEmpty ? nil : path, problem: "expected a mapping of keys\(Self.line(node))",
                                         fix: "write `key: value` lines indented under \(path.isEmpty ? "the top level" : "'\(path)'")")
        }
        entries = mapping.map { ($0.key.string ?? "", $0.value) }
    }

    private static func line(_ node: Node) -> String { node.mark.map { " (line \($0.line))" } ?? "" }

    func key(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

    func error(_ name: String, _ problem: String, fix: String) -> RiskConfigurationError {
        RiskConfigurationError(file: file, key: key(name), problem: problem, fix: fix)
    }

    /// Throws for a key not in `known`.
    func rejectUnknown(_ known: [String]) throws(RiskConfigurationError) {
        for (name, node) in entries where !known.contains(name) {
            throw RiskConfigurationError(file: file, key: key(name), problem: "unknown key\(Self.line(node))",
                                         fix: "remove it or correct the spelling; known keys here: \(known.joined(separator: ", "))")
        }
    }

    /// The value node of `name`, `nil` when absent or null.
    func node(_ name: String) -> Node? {
        guard let node = entries.first(where: { $0.key == name })?.value else { return nil }
        return node.null != nil ? nil : node
    }

    /// A nested reader, `nil` when the key is absent.
    func section(_ name: String) throws(RiskConfigurationError) -> ConfigReader? {
        guard let node = node(name) else { return nil }
        return try ConfigReader(node, file: file, path: key(name))
    }

    func int(_ name: String, in range: ClosedRange<Int>, default value: Int) throws(RiskConfigurationError) -> Int {
        guard let node = node(name) else { return value }
        guard let int = node.int, range.contains(int) else {
            throw error(name, "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(node.string ?? "?")\"\(Self.line(node))",
                        fix: "write a whole number such as \(value)")
        }
        return int
    }

    func double(_ name: String, min: Double = -.greatestFiniteMagnitude, default value: Double) throws(RiskConfigurationError) -> Double {
        guard let node = node(name) else { return value }
        guard let double = node.float ?? node.int.map(Double.init), double.isFinite, double >= min else {
            throw error(name, "must be a finite number >= \(NumberText.format(min)), got \"\(node.string ?? "?")\"\(Self.line(node))",
                        fix: "write a number such as \(NumberText.format(value))")
        }
        return double
    }

    func bool(_ name: String, default value: Bool) throws(RiskConfigurationError) -> Bool {
        guard let node = node(name) else { return value }
        guard let bool = node.bool else {
            throw error(name, "must be true or false, got \"\(node.string ?? "?")\"\(Self.line(node))", fix: "write true or false")
        }
        return bool
    }

    func string(_ name: String) throws(RiskConfigurationError) -> String? {
        guard let node = node(name) else { return nil }
        guard let string = node.scalar?.string, !string.isEmpty else {
            throw error(name, "must be a non-empty string\(Self.line(node))", fix: "write a value such as `name: text`, or remove the key")
        }
        return string
    }
}
