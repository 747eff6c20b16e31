import Logging
import VigilEngine

/// One settable leaf of ``VigilConfiguration``: its dotted key and how text becomes its value.
///
/// The same conversion serves the file, the environment and the flags (values are text in all
/// three; the parsers are ``VigilEngine/ConfigScalar``'s). Each default lives once, on the
/// settings type (``VigilConfiguration/EngineSettings`` and its siblings); `nil` text (YAML
/// `null`, an empty variable) restores it.
struct ConfigurationField: Sendable {
    /// What went wrong converting a value, before the key and source are known.
    struct Problem: Error {
        var problem: String
        var fix: String
    }

    /// Dotted key, e.g. `engine.lane_capacity`.
    let key: String
    /// Whether the value names a file that must exist when it is configured.
    var namesInputFile = false
    /// Sets the field from text; `base` is the configuration file the text came from (relative
    /// paths resolve against its folder), `nil` for the environment and flags.
    let apply: @Sendable (inout VigilConfiguration, _ text: String?, _ base: String?) throws(Problem) -> Void

    /// The environment variable for the key: `VIGIL_` + the key upper-cased, dots as underscores.
    var environmentVariable: String {
        "VIGIL_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// A value restored to its default when `text` is `nil` (or empty, if `emptyRestoresDefault`),
    /// else converted by `convert`.
    private static func field<Value>(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Value> & Sendable, namesInputFile: Bool = false,
                                     emptyRestoresDefault: Bool = false,
                                     _ convert: @escaping @Sendable (String, String?) throws(Problem) -> Value) -> Self {
        Self(key: key, namesInputFile: namesInputFile) { (config, text, base) throws(Problem) in
            guard let text, !(emptyRestoresDefault && text.isEmpty) else { config[keyPath: path] = VigilConfiguration()[keyPath: path]; return }
            config[keyPath: path] = try convert(text, base)
        }
    }

    static func string(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String> & Sendable) -> Self {
        field(key, path) { (text, _) throws(Problem) in
            guard !text.isEmpty else { throw Problem(problem: "must not be empty", fix: "give a value or remove the key to use the default '\(VigilConfiguration()[keyPath: path])'") }
            return text
        }
    }

    static func optionalString(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String?> & Sendable) -> Self {
        Self(key: key) { (config, text, _) throws(Problem) in
            config[keyPath: path] = (text?.isEmpty ?? true) ? nil : text
        }
    }

    /// A file path: relative paths in a configuration file resolve against the file's folder.
    static func path(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String> & Sendable, inputFile: Bool) -> Self {
        field(key, path, namesInputFile: inputFile) { (text, base) throws(Problem) in
            guard !text.isEmpty else { throw Problem(problem: "must not be empty", fix: "give a path or remove the key to use the default '\(VigilConfiguration()[keyPath: path])'") }
            return ConfigSection.resolve(text, relativeTo: base)
        }
    }

    /// An optional file path (unset when empty), resolved like ``path(_:_:inputFile:)``.
    static func optionalPath(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String?> & Sendable) -> Self {
        Self(key: key, namesInputFile: true) { (config, text, base) throws(Problem) in
            config[keyPath: path] = (text?.isEmpty ?? true) ? nil : text.map { ConfigSection.resolve($0, relativeTo: base) }
        }
    }

    static func integer(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Int> & Sendable, minimum: Int) -> Self {
        field(key, path) { (text, _) throws(Problem) in
            guard let value = ConfigScalar.int(text) else {
                throw Problem(problem: "'\(text)' is not an integer", fix: "write a whole number >= \(minimum), e.g. \(max(minimum, 4))")
            }
            guard value >= minimum else {
                throw Problem(problem: "\(value) is below the minimum \(minimum)", fix: "write a whole number >= \(minimum)")
            }
            return value
        }
    }

    static func bool(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Bool> & Sendable) -> Self {
        field(key, path, emptyRestoresDefault: true) { (text, _) throws(Problem) in
            guard let value = ConfigScalar.bool(text) else { throw Problem(problem: "'\(text)' is not a boolean", fix: "write true or false") }
            return value
        }
    }

    static func duration(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Duration> & Sendable) -> Self {
        field(key, path, emptyRestoresDefault: true) { (text, _) throws(Problem) in try parseDuration(text) }
    }

    /// A duration whose absence means "decided elsewhere" (the topology's checkpoint interval).
    static func optionalDuration(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Duration?> & Sendable) -> Self {
        Self(key: key) { (config, text, _) throws(Problem) in
            guard let text, !text.isEmpty else { config[keyPath: path] = nil; return }
            config[keyPath: path] = try parseDuration(text)
        }
    }

    private static func parseDuration(_ text: String) throws(Problem) -> Duration {
        guard let duration = ConfigScalar.duration(text) else {
            throw Problem(problem: "'\(text)' is not a positive duration", fix: ConfigScalar.durationHint)
        }
        return duration
    }

    static func address(_ key: String, _ path: WritableKeyPath<VigilConfiguration, AdminAddress> & Sendable) -> Self {
        field(key, path) { (text, _) throws(Problem) in
            do {
                return try AdminAddress(parsing: text)
            } catch {
                throw Problem(problem: "\(error)", fix: "write host:port, e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464")
            }
        }
    }

    /// How the consumer group divides the partitions (``VigilEngine/PartitionAssignor``).
    static func assignor(_ key: String, _ path: WritableKeyPath<VigilConfiguration, PartitionAssignor> & Sendable) -> Self {
        field(key, path, emptyRestoresDefault: true) { (text, _) throws(Problem) in
            guard let assignor = PartitionAssignor(rawValue: text.lowercased()) else {
                throw Problem(problem: "'\(text)' is not an assignor", fix: "use one of: \(PartitionAssignor.allCases.map(\.rawValue).joined(separator: ", ")) (range is the default)")
            }
            return assignor
        }
    }

    static func logLevel(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Logger.Level> & Sendable) -> Self {
        field(key, path) { (text, _) throws(Problem) in
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw Problem(problem: "'\(text)' is not a log level", fix: "use one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return level
        }
    }

    /// One of the raw values of `Choice` (e.g. `at_least_once`).
    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Choice> & Sendable) -> Self where Choice.RawValue == String {
        field(key, path) { (text, _) throws(Problem) in
            guard let choice = Choice(rawValue: text) else {
                throw Problem(problem: "'\(text)' is not one of the choices", fix: "use one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return choice
        }
    }

    /// Every leaf key except the free-form `kafka.properties` map.
    static let all: [ConfigurationField] = [
        .optionalString("kafka.brokers", \.kafka.brokers),
        .optionalString("kafka.group", \.kafka.group),
        .string("kafka.client_id", \.kafka.clientID),
        .path("engine.topology", \.engine.topology, inputFile: true),
        .integer("engine.lanes", \.engine.lanes, minimum: 0),
        .integer("engine.lane_capacity", \.engine.laneCapacity, minimum: 1),
        .duration("engine.pause_after", \.engine.pauseAfter),
        .duration("engine.alignment_wait", \.engine.alignmentWait),
        .duration("engine.fetch_wait", \.engine.fetchWait),
        .duration("engine.linger", \.engine.linger),
        .integer("engine.poll_batch_size", \.engine.pollBatchSize, minimum: 1),
        .path("engine.checkpoint_path", \.engine.checkpointPath, inputFile: false),
        .optionalDuration("engine.checkpoint_interval", \.engine.checkpointInterval),
        .assignor("engine.assignor", \.engine.assignor),
        .bool("engine.changelog", \.engine.changelog),
        .integer("engine.standby_replicas", \.engine.standbyReplicas, minimum: 0),
        .choice("engine.processing_guarantee", \.engine.processingGuarantee),
        .optionalString("engine.transactional_id", \.engine.transactionalID),
        .duration("engine.changelog_restore_timeout", \.engine.changelogRestoreTimeout),
        .address("admin.address", \.admin.address),
        .bool("admin.console", \.admin.console),
        .optionalString("admin.token", \.admin.token),
        .optionalString("admin.token_file", \.admin.tokenFile),
        .logLevel("logging.level", \.logging.level),
        .optionalPath("risk.config", \.risk.config),
        .optionalPath("risk.brands", \.risk.brands),
        .bool("risk.feature_log", \.risk.featureLog),
        .path("risk.cases", \.risk.cases, inputFile: false),
        .string("topics.listings", \.topics.listings),
        .string("topics.reviews", \.topics.reviews),
        .string("topics.payments", \.topics.payments),
        .string("topics.logistics", \.topics.logistics),
        .string("topics.labels", \.topics.labels),
        .string("topics.brands", \.topics.brands),
        .string("topics.verdicts", \.topics.verdicts),
        .string("topics.leads", \.topics.leads),
        .string("topics.dlq", \.topics.dlq),
    ]

    /// The free-form map of librdkafka properties.
    static let kafkaProperties = "kafka.properties"
}
