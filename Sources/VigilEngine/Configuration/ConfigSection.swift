import Foundation

/// Vigil's one configuration reader: a map of values with typed accessors whose errors name the
/// file, the line and the dotted key, and say how to fix the value.
///
/// Topology files (operator and decoder `config:` sections), the risk configuration
/// (`config/risk.yml`) and the service configuration (`config/vigil.yml`, through
/// `ConfigurationLoader`, which layers environment variables and flags on top with the same
/// ``ConfigScalar`` parsers) are all read with it. A section read from a file
/// (``parse(yaml:file:)``) knows the file and each key's line, and resolves relative paths
/// against the file's folder (``path(_:)``), as Prometheus does.
public struct ConfigSection: Sendable {
    /// The values.
    public var values: [String: ConfigValue]
    /// Where this section sits, e.g. `operators[0].config` or `thresholds` (empty at a file's top level).
    public var path: String
    /// The file it was read from, if any.
    public var file: String?
    /// Line of every key of the file, by dotted key (shared by the file's sections).
    public var lines: [String: Int]
    /// Every scalar of the file as written, by dotted key (`0123` stays `0123`, `yes` stays `yes`).
    public var texts: [String: String]

    /// Creates a section.
    public init(_ values: [String: ConfigValue], path: String, file: String? = nil, lines: [String: Int] = [:], texts: [String: String] = [:]) {
        self.values = values
        self.path = path
        self.file = file
        self.lines = lines
        self.texts = texts
    }

    /// The dotted key of `name` in this section.
    public func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// The line of `name` in the file, when known.
    public func line(of name: String) -> Int? { lines[key(name)] }

    /// The text of the scalar `name` as written in the file; else its value as text (``ConfigValue/stringValue``).
    public func text(_ name: String) -> String? { texts[key(name)] ?? values[name]?.stringValue }

    /// An error about `name`, located in the file.
    public func error(_ name: String, _ message: String, hint: String? = nil) -> ConfigError {
        ConfigError(path: key(name), message: message, hint: hint, file: file, line: line(of: name))
    }

    /// The value of `name`; `nil` when absent or null.
    public func value(_ name: String) -> ConfigValue? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    // MARK: Strings

    /// A required string.
    public func string(_ key: String) throws -> String {
        guard let value = values[key] else { throw error(key, "is required") }
        guard let string = value.stringValue else { throw error(key, "must be a string, got \(value)") }
        return string
    }

    /// An optional string with a default.
    public func string(_ key: String, default fallback: String) throws -> String {
        values[key] == nil ? fallback : try string(key)
    }

    /// An optional non-empty string: `nil` when absent or null.
    public func optionalString(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.stringValue, !string.isEmpty else {
            throw error(key, "must be a non-empty string, got \(value)", hint: "write a value such as `\(key): text`, or remove the key")
        }
        return string
    }

    /// An optional list of strings with a default.
    public func strings(_ key: String, default fallback: [String]) throws -> [String] {
        guard let value = values[key] else { return fallback }
        guard let list = value.listValue else { throw error(key, "must be a list, got \(value)") }
        return try list.enumerated().map { index, element in
            guard let string = element.stringValue else { throw error("\(key)[\(index)]", "must be a string, got \(element)") }
            return string
        }
    }

    /// An optional path: as written when absolute, else relative to the folder of the file this
    /// section was read from (relative to the working directory when it has no file).
    public func path(_ key: String) throws -> String? {
        try optionalString(key).map { Self.resolve($0, relativeTo: file) }
    }

    /// `path` as is when absolute (or when there is no file), else relative to the folder of `file`.
    public static func resolve(_ path: String, relativeTo file: String?) -> String {
        guard let file, !path.hasPrefix("/") else { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    // MARK: Numbers, booleans, durations

    /// An optional number with a default.
    public func number(_ key: String, default fallback: Double) throws -> Double {
        guard let value = values[key] else { return fallback }
        guard let number = value.numberValue else { throw error(key, "must be a number, got \(value)") }
        return number
    }

    /// An optional whole number in `range`, with a default.
    public func int(_ key: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let value = value(key) else { return fallback }
        guard let number = value.numberValue, number.rounded() == number, abs(number) < 1e15, range.contains(Int(number)) else {
            throw error(key, "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(value.stringValue ?? "\(value)")\"", hint: "write a whole number such as \(fallback)")
        }
        return Int(number)
    }

    /// An optional finite number `>= minimum`, with a default.
    public func double(_ key: String, min minimum: Double = -.greatestFiniteMagnitude, default fallback: Double) throws -> Double {
        guard let value = value(key) else { return fallback }
        guard let number = value.numberValue, number.isFinite, number >= minimum else {
            throw error(key, "must be a finite number >= \(ConfigScalar.format(minimum)), got \"\(value.stringValue ?? "\(value)")\"", hint: "write a number such as \(ConfigScalar.format(fallback))")
        }
        return number
    }

    /// An optional boolean with a default.
    public func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = value(key) else { return fallback }
        if case .bool(let bool) = value { return bool }
        guard case .string(let text) = value, let bool = ConfigScalar.bool(text) else {
            throw error(key, "must be true or false, got \"\(value.stringValue ?? "\(value)")\"", hint: "write true or false")
        }
        return bool
    }

    /// An optional positive duration (`250ms`, `30s`, `5m`, `1h`, `7d`); `nil` when absent.
    public func duration(_ key: String) throws -> Duration? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue, let duration = ConfigScalar.duration(text) else {
            throw error(key, "\(value) is not a positive duration", hint: ConfigScalar.durationHint)
        }
        return duration
    }

    // MARK: Structure

    /// A nested section (empty when absent).
    public func section(_ key: String) throws -> ConfigSection {
        try optionalSection(key) ?? ConfigSection([:], path: self.key(key), file: file, lines: lines, texts: texts)
    }

    /// A nested section, `nil` when absent or null.
    public func optionalSection(_ key: String) throws -> ConfigSection? {
        guard let value = value(key) else { return nil }
        guard let map = value.mapValue else {
            throw error(key, "expected a mapping of keys, got \(value)", hint: "write `key: value` lines indented under '\(key)'")
        }
        return ConfigSection(map, path: self.key(key), file: file, lines: lines, texts: texts)
    }

    /// Throws for the first key (in file order when known) that is not in `known`, suggesting
    /// the closest known one.
    public func rejectUnknown(_ known: [String]) throws {
        let unknown = values.keys.filter { !known.contains($0) }.sorted { (line(of: $0) ?? 0, $0) < (line(of: $1) ?? 0, $1) }
        guard let name = unknown.first else { return }
        let suggestion = ConfigScalar.suggestion(for: name, among: known).map { "did you mean '\($0)'? " } ?? ""
        throw error(name, "unknown key", hint: "\(suggestion)remove it or correct the spelling; known keys here: \(known.joined(separator: ", "))")
    }
}
