import Foundation
import VigilEngine

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
    ///
    /// Relative paths in the file (`engine.topology`, `engine.checkpoint_path`, `risk.config`,
    /// `risk.brands`, `risk.cases`) resolve against the file's folder; in the environment and flags against
    /// the working directory. A configured input file that does not exist is an error naming it,
    /// the key and where the key was set.
    /// - Throws: ``ConfigurationError``.
    public func load(file: String?, overrides: [ConfigurationOverride] = []) throws -> VigilConfiguration {
        try load(section: file.map { file in try reading(file) { try ConfigSection.load(file: file) } }, overrides: overrides)
    }

    /// Loads YAML text as if it were the file `file` (named in errors, anchor of relative paths),
    /// then the environment and overrides.
    public func load(yaml: String, file: String, overrides: [ConfigurationOverride] = []) throws -> VigilConfiguration {
        try load(section: try reading(file) { try ConfigSection.parse(yaml: yaml, file: file) }, overrides: overrides)
    }

    private func load(section: ConfigSection?, overrides: [ConfigurationOverride]) throws -> VigilConfiguration {
        var configuration = VigilConfiguration()
        var sources: [String: ConfigurationSource] = [:]
        if let section { try applyFile(section, to: &configuration, sources: &sources) }
        try applyEnvironment(to: &configuration, sources: &sources)
        for override in overrides {
            try set(override.key, override.value, source: .flag(override.flag), in: &configuration, sources: &sources)
        }
        try checkInputFiles(configuration, sources: sources)
        return configuration
    }

    /// Turns the reader's ``VigilEngine/ConfigError`` into a ``ConfigurationError``.
    private func reading(_ file: String, _ body: () throws -> ConfigSection) throws -> ConfigSection {
        do {
            return try body()
        } catch let error as ConfigError {
            throw ConfigurationError(key: error.path, source: .file(path: error.file ?? file, line: error.line), problem: error.message,
                                     fix: error.hint ?? "correct the file; config/vigil.yml in the repository is a documented example")
        }
    }

    // MARK: File

    private func applyFile(_ root: ConfigSection, to configuration: inout VigilConfiguration, sources: inout [String: ConfigurationSource]) throws {
        let file = root.file ?? ""
        let sectionNames = Set(ConfigurationField.all.map { String($0.key.split(separator: ".")[0]) })
        for name in inFileOrder(root) {
            guard sectionNames.contains(name) else {
                throw unknownKey(name, known: sectionNames.sorted(), source: source(root, name))
            }
            let value = root.values[name] ?? .null
            if value == .null { continue }
            guard value.mapValue != nil else {
                throw ConfigurationError(key: name, source: source(root, name), problem: "must be a mapping, found \(ConfigSection.describe(value))", fix: "write the section's keys indented under '\(name):'")
            }
            let section = try root.section(name)
            for entry in inFileOrder(section) {
                let key = section.key(entry)
                let entryValue = section.values[entry] ?? .null
                let here = source(section, entry)
                if key == ConfigurationField.kafkaProperties {
                    try applyProperties(try reading(file) { try section.section(entry) }, value: entryValue, source: here, to: &configuration, sources: &sources)
                    continue
                }
                guard ConfigurationField.all.contains(where: { $0.key == key }) else {
                    let known = ConfigurationField.all.map(\.key).filter { $0.hasPrefix(name + ".") }
                        + (name == "kafka" ? [ConfigurationField.kafkaProperties] : [])
                    throw unknownKey(key, known: known, source: here)
                }
                guard entryValue.mapValue == nil, entryValue.listValue == nil else {
                    throw ConfigurationError(key: key, source: here, problem: "must be a single value, found \(ConfigSection.describe(entryValue))", fix: "write '\(entry): <value>' on one line")
                }
                try set(key, entryValue == .null ? nil : section.text(entry), source: here, base: file, in: &configuration, sources: &sources)
            }
        }
    }

    private func applyProperties(_ section: ConfigSection, value: ConfigValue, source: ConfigurationSource, to configuration: inout VigilConfiguration, sources: inout [String: ConfigurationSource]) throws {
        for name in inFileOrder(section) {
            let key = section.key(name)
            let value = section.values[name] ?? .null
            guard value.mapValue == nil, value.listValue == nil, value != .null, let text = section.text(name) else {
                throw ConfigurationError(key: key, source: self.source(section, name), problem: "must be a single non-null value, found \(ConfigSection.describe(value))", fix: "write the property's value as librdkafka expects it, e.g. 'linger.ms: 5'")
            }
            try set(key, text, source: self.source(section, name), in: &configuration, sources: &sources)
        }
    }

    private func inFileOrder(_ section: ConfigSection) -> [String] {
        section.values.keys.sorted { (section.line(of: $0) ?? 0, $0) < (section.line(of: $1) ?? 0, $1) }
    }

    private func source(_ section: ConfigSection, _ name: String) -> ConfigurationSource {
        .file(path: section.file ?? "", line: section.line(of: name))
    }

    private func unknownKey(_ key: String, known: [String], source: ConfigurationSource) -> ConfigurationError {
        let hint = ConfigScalar.suggestion(for: key, among: known).map { "did you mean '\($0)'? " } ?? ""
        return ConfigurationError(key: key, source: source, problem: "unknown key", fix: "\(hint)known keys here: \(known.joined(separator: ", "))")
    }

    // MARK: Files that must exist

    /// A configured input file (topology, risk configuration, brand registry) that does not exist
    /// is an error, not a silent fallback to defaults.
    private func checkInputFiles(_ configuration: VigilConfiguration, sources: [String: ConfigurationSource]) throws {
        for field in ConfigurationField.all where field.namesInputFile {
            guard let source = sources[field.key], let path = Self.inputFile(field.key, in: configuration) else { continue }
            var isDirectory: ObjCBool = false
            guard !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue else { continue }
            let problem = isDirectory.boolValue ? "\(path) is a directory, not a file" : "the file \(path) does not exist"
            let anchor = if case .file(let file, _) = source { "relative paths in \(file) start at its folder" } else { "relative paths start at \(FileManager.default.currentDirectoryPath)" }
            throw ConfigurationError(key: field.key, source: source, problem: problem, fix: "correct the path (\(anchor)) or remove the key")
        }
    }

    private static func inputFile(_ key: String, in configuration: VigilConfiguration) -> String? {
        switch key {
        case "engine.topology": configuration.engine.topology
        case "risk.config": configuration.risk.config
        case "risk.brands": configuration.risk.brands
        default: nil
        }
    }

    // MARK: Environment

    private func applyEnvironment(to configuration: inout VigilConfiguration, sources: inout [String: ConfigurationSource]) throws {
        for (variable, key) in Self.aliases.sorted(by: { $0.key < $1.key }) {
            if let value = environment[variable] { try set(key, value, source: .environment(variable: variable), in: &configuration, sources: &sources) }
        }
        for field in ConfigurationField.all {
            if let value = environment[field.environmentVariable] {
                try set(field.key, value, source: .environment(variable: field.environmentVariable), in: &configuration, sources: &sources)
            }
        }
        for (variable, value) in environment.sorted(by: { $0.key < $1.key }) where variable.hasPrefix(Self.kafkaPropertyPrefix) {
            let name = Self.propertyName(fromVariable: variable)
            try set("\(ConfigurationField.kafkaProperties).\(name)", value, source: .environment(variable: variable), in: &configuration, sources: &sources)
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

    private func set(_ key: String, _ value: String?, source: ConfigurationSource, base: String? = nil, in configuration: inout VigilConfiguration, sources: inout [String: ConfigurationSource]) throws {
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
            try field.apply(&configuration, value, base)
            sources[key] = value == nil ? nil : source
        } catch {
            throw ConfigurationError(key: key, source: source, problem: error.problem, fix: error.fix)
        }
    }
}
