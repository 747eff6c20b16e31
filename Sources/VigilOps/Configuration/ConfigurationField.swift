import Logging
import VigilEngine

/// One settable leaf of ``VigilConfiguration``: its dotted key and how text becomes its value.
struct ConfigurationField: Sendable {
    /// What went wrong converting a value, before the key and source are known.
    struct Problem: Error {
        var problem: String
        var fix: String
    }

    /// Dotted key, e.g. `engine.lane_capacity`.
    let key: String
    /// Sets the field from text; `nil` text (YAML `null`, empty variable) restores the default.
    let apply: @Sendable (inout VigilConfiguration, String?) throws(Problem) -> Void

    /// The environment variable for the key: `VIGIL_` + the key upper-cased, dots as underscores.
    var environmentVariable: String {
        "VIGIL_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    static func string(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            let defaults = VigilConfiguration()
            guard let text else { config[keyPath: path] = defaults[keyPath: path]; return }
            guard !text.isEmpty else { throw Problem(problem: "must not be empty", fix: "give a value or remove the key to use the default '\(defaults[keyPath: path])'") }
            config[keyPath: path] = text
        }
    }

    static func optionalString(_ key: String, _ path: WritableKeyPath<VigilConfiguration, String?> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            config[keyPath: path] = (text?.isEmpty ?? true) ? nil : text
        }
    }

    static func integer(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Int> & Sendable, minimum: Int) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            guard let text else { config[keyPath: path] = VigilConfiguration()[keyPath: path]; return }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw Problem(problem: "'\(text)' is not an integer", fix: "write a whole number >= \(minimum), e.g. \(max(minimum, 4))")
            }
            guard value >= minimum else {
                throw Problem(problem: "\(value) is below the minimum \(minimum)", fix: "write a whole number >= \(minimum)")
            }
            config[keyPath: path] = value
        }
    }

    static func bool(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Bool> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            guard let text, !text.isEmpty else { config[keyPath: path] = VigilConfiguration()[keyPath: path]; return }
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "on", "1": config[keyPath: path] = true
            case "false", "no", "off", "0": config[keyPath: path] = false
            default: throw Problem(problem: "'\(text)' is not a boolean", fix: "write true or false")
            }
        }
    }

    static func duration(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Duration?> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            guard let text, !text.isEmpty else { config[keyPath: path] = nil; return }
            guard let milliseconds = DurationParser.milliseconds(text), milliseconds > 0 else {
                throw Problem(problem: "'\(text)' is not a positive duration", fix: "write a whole number with a unit: 250ms, 30s, 5m, 1h or 7d")
            }
            config[keyPath: path] = .milliseconds(milliseconds)
        }
    }

    static func address(_ key: String, _ path: WritableKeyPath<VigilConfiguration, AdminAddress> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            guard let text else { config[keyPath: path] = VigilConfiguration()[keyPath: path]; return }
            do {
                config[keyPath: path] = try AdminAddress(parsing: text)
            } catch {
                throw Problem(problem: "\(error)", fix: "write host:port, e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464")
            }
        }
    }

    static func logLevel(_ key: String, _ path: WritableKeyPath<VigilConfiguration, Logger.Level> & Sendable) -> Self {
        Self(key: key) { (config, text) throws(Problem) in
            guard let text else { config[keyPath: path] = VigilConfiguration()[keyPath: path]; return }
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw Problem(problem: "'\(text)' is not a log level", fix: "use one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config[keyPath: path] = level
        }
    }

    /// Every leaf key except the free-form `kafka.properties` map.
    static let all: [ConfigurationField] = [
        .optionalString("kafka.brokers", \.kafka.brokers),
        .optionalString("kafka.group", \.kafka.group),
        .string("kafka.client_id", \.kafka.clientID),
        .string("engine.topology", \.engine.topology),
        .integer("engine.lanes", \.engine.lanes, minimum: 0),
        .integer("engine.lane_capacity", \.engine.laneCapacity, minimum: 1),
        .duration("engine.pause_after", \.engine.pauseAfter),
        .duration("engine.alignment_wait", \.engine.alignmentWait),
        .string("engine.checkpoint_path", \.engine.checkpointPath),
        .duration("engine.checkpoint_interval", \.engine.checkpointInterval),
        .address("admin.address", \.admin.address),
        .bool("admin.console", \.admin.console),
        .optionalString("admin.token", \.admin.token),
        .optionalString("admin.token_file", \.admin.tokenFile),
        .logLevel("logging.level", \.logging.level),
        .optionalString("risk.config", \.risk.config),
        .optionalString("risk.brands", \.risk.brands),
        .bool("risk.feature_log", \.risk.featureLog),
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

import Foundation
