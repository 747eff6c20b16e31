/// A free-form configuration value from a topology or config file (YAML or JSON).
public enum ConfigValue: Sendable, Equatable, Decodable, CustomStringConvertible {
    /// A string.
    case string(String)
    /// A number (integers too).
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A sequence.
    case list([ConfigValue])
    /// A mapping with string keys.
    case map([String: ConfigValue])
    /// An explicit null (`~`, `null`).
    case null

    /// Decodes any YAML or JSON value; a value of another shape throws a `DecodingError`.
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

    /// The value as it would be written in YAML flow style, for error messages.
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
