import Foundation
import Yams

/// Loads a ``VigilConfiguration``: defaults, then the YAML file, then environment variables,
/// then command-line overrides; validates everything and fails on the first problem with a
/// ``ConfigurationError`` naming the key and the file (or variable, or flag).
///
/// Environment variables: `VIGIL_` followed by the key upper-cased with dots as underscores:
/// `kafka.brokers` is `VIGIL_KAFKA_BROKERS`, `engine.checkpoint_interval` is
/// `VIGIL_ENGINE_CHECKPOINT_INTERVAL`, `logging.level` is `VIGIL_LOGGING_LEVEL` (short alias
/// `VIGIL_LOG_LEVEL`; the long form wins if both are set). A librdkafka property is
/// `VIGIL_KAFKA_PROPERTY_` + its name upper-cased with `.` written `_` and `_` written `__`:
/// `sasl.password` is `VIGIL_KAFKA_PROPERTY_SASL_PASSWORD`. An empty variable restores the
/// default. Other `VIGIL_*` variables are ignored (some belong to other tools).
public struct ConfigurationLoader: Sendable {
    /// The environment consulted. Default: the process environment.
    public var environment: [String: String]

    /// Environment variable prefix of librdkafka properties.
    public static let kafkaPropertyPrefix = "VIGIL_KAFKA_PROPERTY_"
    /// Short aliases accepted besides the regular names.
    public static let aliases = ["VIGIL_LOG_LEVEL": "logging.level"]

    /// Creates a loader.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Loads `file` (or only defaults when `nil`), then applies the environment and `overrides`.
    /// - Throws: ``ConfigurationError``.
    public func load(file: String?, overrides: [ConfigurationOverride] = []) throws -> VigilConfiguration {
        var configuration = VigilConfiguration()
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ConfigurationError(key: "", source: .file(path: file, line: nil), problem: "cannot read the configuration file", fix: "check the path given to --config (relative paths start at \(FileManager.default.currentDirectoryPath))")
            }
            try applyYAML(String(decoding: data, as: UTF8.self), file: file, to: &configuration)
        }
        try applyEnvironment(to: &configuration)
        for override in overrides {
            try set(override.key, override.value, source: .flag(override.flag), in: &configuration)
        }
        return configuration
    }

    /// Loads YAML text as if it were the file `file` (named in errors), then the environment and overrides.
    public func load(yaml: String, file: String, overrides: [ConfigurationOverride] = []) throws -> VigilConfiguration {
        var configuration = VigilConfiguration()
        try applyYAML(yaml, file: file, to: &configuration)
        try applyEnvironment(to: &configuration)
        for override in overrides {
            try set(override.key, override.value, source: .flag(override.flag), in: &configuration)
        }
        return configuration
    }

    // MARK: File

    private func applyYAML(_ text: String, file: String, to configuration: inout VigilConfiguration) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "", source: .file(path: file, line: nil), problem: "is not valid YAML (\(error))", fix: "correct the YAML syntax; config/vigil.yml in the repository is a documented example")
        }
        guard let root, root.null == nil else { return }
        guard case .mapping(let sections) = root else {
            throw ConfigurationError(key: "", source: source(file, root), problem: "the top level must be a mapping of sections", fix: "start with sections such as 'kafka:' and 'engine:'")
        }
        let sectionNames = Set(ConfigurationField.all.map { String($0.key.split(separator: ".")[0]) })
        for (keyNode, value) in sections {
            let section = keyNode.string ?? "\(keyNode)"
            guard sectionNames.contains(section) else {
                throw unknownKey(section, known: sectionNames.sorted(), source: source(file, keyNode))
            }
            if value.null != nil { continue }
            guard case .mapping(let entries) = value else {
                throw ConfigurationError(key: section, source: source(file, value), problem: "must be a mapping, found \(kind(of: value))", fix: "write the section's keys indented under '\(section):'")
            }
            for (entryKey, entryValue) in entries {
                let key = "\(section).\(entryKey.string ?? "\(entryKey)")"
                let here = source(file, entryKey)
                if key == ConfigurationField.kafkaProperties {
                    try applyProperties(entryValue, file: file, to: &configuration)
                    continue
                }
                guard ConfigurationField.all.contains(where: { $0.key == key }) else {
                    let known = ConfigurationField.all.map(\.key).filter { $0.hasPrefix(section + ".") }
                        + (section == "kafka" ? [ConfigurationField.kafkaProperties] : [])
                    throw unknownKey(key, known: known, source: here)
                }
                guard case .scalar = entryValue else {
                    throw ConfigurationError(key: key, source: here, problem: "must be a single value, found \(kind(of: entryValue))", fix: "write '\(entryKey.string ?? key): <value>' on one line")
                }
                try set(key, entryValue.null != nil ? nil : entryValue.string, source: here, in: &configuration)
            }
        }
    }

    private func applyProperties(_ node: Node, file: String, to configuration: inout VigilConfiguration) throws {
        if node.null != nil { return }
        guard case .mapping(let entries) = node else {
            throw ConfigurationError(key: ConfigurationField.kafkaProperties, source: source(file, node), problem: "must be a mapping of librdkafka property names to values, found \(kind(of: node))", fix: "write e.g. 'properties: {security.protocol: SASL_SSL}'")
        }
        for (name, value) in entries {
            let key = "\(ConfigurationField.kafkaProperties).\(name.string ?? "\(name)")"
            guard case .scalar = value, value.null == nil, let text = value.string else {
                throw ConfigurationError(key: key, source: source(file, name), problem: "must be a single non-null value, found \(kind(of: value))", fix: "write the property's value as librdkafka expects it, e.g. 'linger.ms: 5'")
            }
            try set(key, text, source: source(file, name), in: &configuration)
        }
    }

    private func source(_ file: String, _ node: Node) -> ConfigurationSource {
        .file(path: file, line: node.mark.map { $0.line })
    }

    private func kind(of node: Node) -> String {
        switch node {
        case .scalar: node.null != nil ? "null" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    private func unknownKey(_ key: String, known: [String], source: ConfigurationSource) -> ConfigurationError {
        let last = key.split(separator: ".").last.map(String.init) ?? key
        let suggestion = known.min { editDistance($0.split(separator: ".").last.map(String.init) ?? $0, last) < editDistance($1.split(separator: ".").last.map(String.init) ?? $1, last) }
        let hint = suggestion.map { "did you mean '\($0)'? " } ?? ""
        return ConfigurationError(key: key, source: source, problem: "unknown key", fix: "\(hint)known keys here: \(known.joined(separator: ", "))")
    }

    // MARK: Environment

    private func applyEnvironment(to configuration: inout VigilConfiguration) throws {
        for (variable, key) in Self.aliases.sorted(by: { $0.key < $1.key }) {
            if let value = environment[variable] { try set(key, value, source: .environment(variable: variable), in: &configuration) }
        }
        for field in ConfigurationField.all {
            if let value = environment[field.environmentVariable] {
                try set(field.key, value, source: .environment(variable: field.environmentVariable), in: &configuration)
            }
        }
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix(Self.kafkaPropertyPrefix) {
            let name = Self.propertyName(fromVariable: variable)
            try set("\(ConfigurationField.kafkaProperties).\(name)", value, source: .environment(variable: variable), in: &configuration)
        }
    }

    /// `VIGIL_KAFKA_PROPERTY_SASL_PASSWORD` → `sasl.password`; `__` stands for `_`.
    public static func propertyName(fromVariable variable: String) -> String {
        String(variable.dropFirst(kafkaPropertyPrefix.count))
            .lowercased()
            .replacingOccurrences(of: "__", with: "\u{0}")
            .replacingOccurrences(of: "_", with: ".")
            .replacingOccurrences(of: "\u{0}", with: "_")
    }

    // MARK: Setting one key

    private func set(_ key: String, _ value: String?, source: ConfigurationSource, in configuration: inout VigilConfiguration) throws {
        let propertyPrefix = ConfigurationField.kafkaProperties + "."
        if key.hasPrefix(propertyPrefix) {
            let name = String(key.dropFirst(propertyPrefix.count))
            guard !name.isEmpty else {
                throw ConfigurationError(key: key, source: source, problem: "the librdkafka property name is empty", fix: "name a property, e.g. kafka.properties.linger.ms")
            }
            if let value, !value.isEmpty { configuration.kafka.properties[name] = value } else { configuration.kafka.properties[name] = nil }
            return
        }
        guard let field = ConfigurationField.all.first(where: { $0.key == key }) else {
            throw unknownKey(key, known: ConfigurationField.all.map(\.key), source: source)
        }
        do {
            try field.apply(&configuration, value)
        } catch {
            throw ConfigurationError(key: key, source: source, problem: error.problem, fix: error.fix)
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
