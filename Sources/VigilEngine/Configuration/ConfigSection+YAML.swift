import Foundation
import Yams

extension ConfigSection {
    /// Reads a configuration file: YAML whose top level is a mapping (an empty file is an empty
    /// section). Relative paths in it resolve against its folder (see ``path(_:)``).
    /// - Throws: ``ConfigError`` naming the file when it cannot be read or is not a YAML mapping.
    public static func load(file: String) throws -> ConfigSection {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigError(path: "", message: "cannot read the file", hint: "check the path and its permissions (relative paths start at \(FileManager.default.currentDirectoryPath))", file: file)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: "", message: "the file is not UTF-8 text", hint: "save it as UTF-8 YAML", file: file)
        }
        return try parse(yaml: text, file: file)
    }

    /// Parses configuration text as if it were `file` (named in errors, anchor of relative paths).
    public static func parse(yaml text: String, file: String) throws -> ConfigSection {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigError(path: "", message: "not valid YAML: \(error)", hint: "fix the YAML syntax near the reported line", file: file)
        }
        guard let root, root.null == nil else { return ConfigSection([:], path: "", file: file) }
        guard case .mapping = root else {
            throw ConfigError(path: "", message: "the top level must be a mapping of keys, found \(describe(convert(root)))", hint: "write `key: value` lines at the top level", file: file, line: root.mark?.line)
        }
        var source = Source()
        let values = convert(root, path: "", source: &source).mapValue ?? [:]
        return ConfigSection(values, path: "", file: file, lines: source.lines, texts: source.texts)
    }

    /// `a single value`, `a mapping`, `a list` or `null`, for messages about shapes.
    public static func describe(_ value: ConfigValue) -> String {
        switch value {
        case .null: "null"
        case .map: "a mapping"
        case .list: "a list"
        default: "a single value"
        }
    }

    /// Where the values of a file came from: each key's line and each scalar's text as written.
    private struct Source {
        var lines: [String: Int] = [:]
        var texts: [String: String] = [:]
    }

    private static func convert(_ node: Node) -> ConfigValue {
        var source = Source()
        return convert(node, path: "", source: &source)
    }

    /// The value of a node by the tag YAML resolved for it (null, bool, int, float, else a
    /// string); mapping keys are recorded with their lines, scalars with their text.
    private static func convert(_ node: Node, path: String, source: inout Source) -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            source.texts[path] = scalar.string
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(ConfigValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .number(Double($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(ConfigValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(sequence.enumerated().map { convert($1, path: "\(path)[\($0)]", source: &source) })
        case .mapping(let mapping):
            var map: [String: ConfigValue] = [:]
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "\(keyNode)"
                let key = path.isEmpty ? name : "\(path).\(name)"
                if let line = keyNode.mark?.line { source.lines[key] = line }
                map[name] = convert(value, path: key, source: &source)
            }
            return .map(map)
        }
    }
}

extension ConfigValue {
    /// The value as flow-style YAML (`{bias: 0, features: [...]}`), which reads back as the same
    /// value; for handing an inline section to a reader of YAML text.
    public var yamlText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value):
            value.isNaN ? ".nan" : value.isInfinite ? (value < 0 ? "-.inf" : ".inf") : ConfigScalar.format(value)
        case .string(let value): Self.quoted(value)
        case .list(let values): "[" + values.map(\.yamlText).joined(separator: ", ") + "]"
        case .map(let values): "{" + values.sorted { $0.key < $1.key }.map { "\(Self.quoted($0.key)): \($0.value.yamlText)" }.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
