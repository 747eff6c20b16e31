/// A free-form configuration value from a topology or config file (YAML or JSON).
public enum ConfigValue: Sendable, Equatable, Decodable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([ConfigValue])
    case map([String: ConfigValue])
    case null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ConfigValue].self) { self = .list(value) }
        else { self = .map(try container.decode([String: ConfigValue].self)) }
    }

    /// The value as a string (numbers and booleans are rendered).
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value.rounded() == value ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    /// The value as a number, if it is one (or a string holding one).
    public var numberValue: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value)
        default: nil
        }
    }

    /// The value as a list.
    public var listValue: [ConfigValue]? { if case .list(let value) = self { value } else { nil } }

    /// The value as a map.
    public var mapValue: [String: ConfigValue]? { if case .map(let value) = self { value } else { nil } }

    public var description: String {
        switch self {
        case .string(let value): "\"\(value)\""
        case .number, .bool: stringValue!
        case .list(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .map(let values): "{\(values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        case .null: "null"
        }
    }
}

/// A map of configuration values with typed accessors whose errors name the path.
public struct ConfigSection: Sendable {
    /// The values.
    public var values: [String: ConfigValue]
    /// Where this section sits in its file, e.g. `operators[0].config`.
    public var path: String

    /// Creates a section.
    public init(_ values: [String: ConfigValue], path: String) {
        self.values = values
        self.path = path
    }

    /// A required string.
    public func string(_ key: String) throws -> String {
        guard let value = values[key] else { throw ConfigError(path: "\(path).\(key)", message: "is required") }
        guard let string = value.stringValue else { throw ConfigError(path: "\(path).\(key)", message: "must be a string, got \(value)") }
        return string
    }

    /// An optional string with a default.
    public func string(_ key: String, default fallback: String) throws -> String {
        values[key] == nil ? fallback : try string(key)
    }

    /// An optional number with a default.
    public func number(_ key: String, default fallback: Double) throws -> Double {
        guard let value = values[key] else { return fallback }
        guard let number = value.numberValue else { throw ConfigError(path: "\(path).\(key)", message: "must be a number, got \(value)") }
        return number
    }

    /// An optional list of strings with a default.
    public func strings(_ key: String, default fallback: [String]) throws -> [String] {
        guard let value = values[key] else { return fallback }
        guard let list = value.listValue else { throw ConfigError(path: "\(path).\(key)", message: "must be a list, got \(value)") }
        return try list.enumerated().map { index, element in
            guard let string = element.stringValue else { throw ConfigError(path: "\(path).\(key)[\(index)]", message: "must be a string, got \(element)") }
            return string
        }
    }

    /// A nested section (empty when absent).
    public func section(_ key: String) throws -> ConfigSection {
        guard let value = values[key] else { return ConfigSection([:], path: "\(path).\(key)") }
        guard let map = value.mapValue else { throw ConfigError(path: "\(path).\(key)", message: "must be a map, got \(value)") }
        return ConfigSection(map, path: "\(path).\(key)")
    }
}

/// A configuration value was missing or had the wrong shape.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    /// Where the value sits, e.g. `operators[0].config.windows[1]`.
    public var path: String
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?

    /// Creates a config error.
    public init(path: String, message: String, hint: String? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(path): \(message)" + (hint.map { " (hint: \($0))" } ?? "") }
}
