import Foundation
import Yams
import VigilPrimitives

/// Reads and validates topology files, reporting every problem with file, path and hint.
public struct TopologyLoader: Sendable {
    /// Where decoder and operator names are looked up.
    public var registry: TopologyRegistry
    /// Lane count used when the topology says 0 or nothing. Default: active processor count.
    public var defaultLaneCount: Int

    /// Creates a loader.
    public init(registry: TopologyRegistry, defaultLaneCount: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.registry = registry
        self.defaultLaneCount = max(1, defaultLaneCount)
    }

    /// Loads a topology file.
    public func load(file: String) throws -> Topology {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw TopologyError(issues: [TopologyIssue(file: file, path: "", message: "cannot read the file", hint: "check the path given to --topology")])
        }
        return try load(yaml: text, file: file)
    }

    /// Loads a topology from YAML text; `file` is only used in messages and to resolve relative paths.
    public func load(yaml: String, file: String = "<inline>") throws -> Topology {
        try compile(Self.definition(yaml: yaml, file: file), file: file)
    }

    /// Parses topology YAML without resolving decoders and operators (for tools that only need
    /// its names and topics); `file` is only used in messages.
    public static func definition(yaml: String, file: String = "<inline>") throws -> TopologyDefinition {
        do {
            return try YAMLDecoder().decode(TopologyDefinition.self, from: yaml)
        } catch let error as DecodingError {
            throw TopologyError(issues: [Self.issue(from: error, file: file)])
        } catch {
            throw TopologyError(issues: [TopologyIssue(file: file, path: "", message: "not valid YAML: \(error)", hint: nil)])
        }
    }

    /// Validates a parsed definition and resolves it against the registry.
    public func compile(_ definition: TopologyDefinition, file: String) throws -> Topology {
        var issues: [TopologyIssue] = []
        func report(_ path: String, _ message: String, hint: String? = nil) {
            issues.append(TopologyIssue(file: file, path: path, message: message, hint: hint))
        }
        func duration(_ text: String?, _ path: String, default fallback: Int64) -> Int64 {
            guard let text else { return fallback }
            guard let value = DurationText.milliseconds(text) else {
                report(path, "'\(text)' is not a duration", hint: "write it like 250ms, 30s, 2m, 24h or 7d")
                return fallback
            }
            return value
        }

        let lateness = duration(definition.allowedLateness, "allowed_lateness", default: 120_000)
        let ttl = duration(definition.idleTTL, "idle_ttl", default: 30 * 86_400_000)
        let checkpointInterval = duration(definition.checkpointInterval, "checkpoint_interval", default: 10_000)
        if let lanes = definition.lanes, lanes < 0 { report("lanes", "must be 0 (one per core) or more, got \(lanes)") }
        let dedicated = definition.dedicatedLanes ?? []
        for (index, key) in dedicated.enumerated() where key.isEmpty || dedicated[..<index].contains(key) {
            report("dedicated_lanes[\(index)]", key.isEmpty ? "a dedicated lane needs a key" : "key '\(key)' is listed twice")
        }
        if definition.sources.isEmpty { report("sources", "a topology needs at least one source") }
        if definition.operators.isEmpty { report("operators", "a topology needs at least one operator") }

        var sources: [Topology.Source] = []
        var sourceNames = Set<String>()
        var topics = Set<String>()
        for (index, source) in definition.sources.enumerated() {
            let path = "sources[\(index)]"
            if !sourceNames.insert(source.name).inserted { report("\(path).name", "duplicate source name '\(source.name)'") }
            if source.topic.isEmpty { report("\(path).topic", "missing topic", hint: "name the Kafka topic this source reads") }
            if !topics.insert(source.topic).inserted { report("\(path).topic", "topic '\(source.topic)' is read by two sources") }
            guard let builder = registry.decoder(source.decoder) else {
                report("\(path).decoder", "unknown decoder '\(source.decoder)'", hint: "registered decoders: \(registry.decoderNames.joined(separator: ", "))")
                continue
            }
            do {
                let decoder = try builder(ConfigSection(source.config ?? [:], path: "\(path).config"))
                sources.append(Topology.Source(name: source.name, topic: source.topic, decoder: decoder, tracksLateness: source.trackLateness ?? true))
            } catch {
                report("\(path).config", "\(error)")
            }
        }

        var sinkTopics: [String: String] = [:]
        for (index, sink) in definition.sinks.enumerated() {
            if sinkTopics[sink.name] != nil { report("sinks[\(index)].name", "duplicate sink name '\(sink.name)'") }
            if sink.topic.isEmpty { report("sinks[\(index)].topic", "missing topic") }
            sinkTopics[sink.name] = sink.topic
        }
        if definition.deadLetter?.isEmpty ?? true {
            report("dead_letter", "missing dead-letter topic", hint: "bad input is never dropped: name a topic such as risk.dlq")
        }

        let baseDirectory = (file as NSString).deletingLastPathComponent
        var operators: [Topology.Operator] = []
        var operatorNames = Set<String>()
        for (index, declaration) in definition.operators.enumerated() {
            let path = "operators[\(index)]"
            if !operatorNames.insert(declaration.name).inserted { report("\(path).name", "duplicate operator name '\(declaration.name)'") }
            if declaration.sources.isEmpty { report("\(path).sources", "an operator needs at least one source") }
            for (sourceIndex, source) in declaration.sources.enumerated() where !sourceNames.contains(source) {
                report("\(path).sources[\(sourceIndex)]", "unknown source '\(source)'", hint: "declared sources: \(sourceNames.sorted().joined(separator: ", "))")
            }
            for (sinkIndex, sink) in (declaration.sinks ?? []).enumerated() where sinkTopics[sink] == nil {
                report("\(path).sinks[\(sinkIndex)]", "unknown sink '\(sink)'", hint: "declared sinks: \(sinkTopics.keys.sorted().joined(separator: ", "))")
            }
            guard let builder = registry.operatorBuilder(declaration.type) else {
                report("\(path).type", "unknown operator '\(declaration.type)'", hint: "registered operators: \(registry.operatorTypes.joined(separator: ", "))")
                continue
            }
            do {
                let context = OperatorBuildContext(
                    declaration: declaration,
                    config: ConfigSection(declaration.config ?? [:], path: "\(path).config"),
                    allowedLatenessMs: lateness,
                    baseDirectory: baseDirectory
                )
                operators.append(Topology.Operator(name: declaration.name, sources: Set(declaration.sources), factory: try builder(context)))
            } catch let error as ConfigError {
                report(error.path, error.message, hint: error.hint)
            } catch {
                report("\(path).config", "\(error)")
            }
        }

        guard issues.isEmpty else { throw TopologyError(issues: issues) }
        let lanes = (definition.lanes ?? 0) == 0 ? defaultLaneCount : definition.lanes!
        return Topology(
            name: definition.name, laneCount: lanes, allowedLatenessMs: lateness, idleTTLMs: ttl,
            checkpointIntervalMs: checkpointInterval, sources: sources, operators: operators,
            sinkTopics: sinkTopics, deadLetterTopic: definition.deadLetter!, lateTopic: definition.lateOutput,
            dedicatedLaneKeys: dedicated
        )
    }

    private static func issue(from error: DecodingError, file: String) -> TopologyIssue {
        func render(_ path: [CodingKey]) -> String {
            path.reduce(into: "") { result, key in
                if let index = key.intValue { result += "[\(index)]" } else { result += result.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = render(context.codingPath)
            return TopologyIssue(file: file, path: parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)", message: "is required", hint: nil)
        case .typeMismatch(let type, let context):
            return TopologyIssue(file: file, path: render(context.codingPath), message: "expected \(type)", hint: context.debugDescription)
        case .valueNotFound(let type, let context):
            return TopologyIssue(file: file, path: render(context.codingPath), message: "expected \(type), found nothing", hint: nil)
        case .dataCorrupted(let context):
            return TopologyIssue(file: file, path: render(context.codingPath), message: context.debugDescription, hint: nil)
        @unknown default:
            return TopologyIssue(file: file, path: "", message: "\(error)", hint: nil)
        }
    }
}
