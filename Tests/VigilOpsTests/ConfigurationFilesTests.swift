import Foundation
import Testing
import VigilEngine
@testable import VigilOps
import VigilTestSupport

/// Paths inside a configuration file, configured files that are missing, the engine
/// configuration built from settings, topic renames and `name=value` flags.
@Suite("Configuration files")
struct ConfigurationFilesTests {
    /// A fresh folder with `files` (relative path → contents) in it.
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-config-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func pathsInTheRepositoryFileStartAtItsFolderWhereverVigilRuns() throws {
        let file = repositoryRoot.appendingPathComponent("config/vigil.yml").path
        let configuration = try ConfigurationLoader(environment: [:]).load(file: file)
        let root = repositoryRoot.standardizedFileURL.path
        #expect(URL(fileURLWithPath: configuration.risk.config ?? "").standardizedFileURL.path == root + "/config/risk.yml")
        #expect(URL(fileURLWithPath: configuration.engine.topology).standardizedFileURL.path == root + "/topologies/counterfeit.yml")
        #expect(URL(fileURLWithPath: configuration.engine.checkpointPath).standardizedFileURL.path == root + "/.vigil/state.sqlite")
        #expect(URL(fileURLWithPath: configuration.risk.cases).standardizedFileURL.path == root + "/.vigil/cases.sqlite")
    }

    @Test func relativePathsResolveAgainstTheConfigurationFile() throws {
        let root = try folder(["etc/vigil.yml": "engine:\n  topology: flows/t.yml\n  checkpoint_path: /var/lib/vigil/state.sqlite\nrisk:\n  config: risk.yml\n  brands: ../brands.json\n  cases: cases/leads.sqlite\n",
                               "etc/flows/t.yml": "name: t\n", "etc/risk.yml": "", "brands.json": "[]"])
        let configuration = try ConfigurationLoader(environment: [:]).load(file: root.appendingPathComponent("etc/vigil.yml").path)
        #expect(configuration.engine.topology == root.appendingPathComponent("etc/flows/t.yml").path)
        #expect(configuration.engine.checkpointPath == "/var/lib/vigil/state.sqlite", "absolute paths stay")
        #expect(configuration.risk.config == root.appendingPathComponent("etc/risk.yml").path)
        #expect(configuration.risk.brands == root.appendingPathComponent("etc/../brands.json").path)
        #expect(configuration.risk.cases == root.appendingPathComponent("etc/cases/leads.sqlite").path)
        let flagged = try ConfigurationLoader(environment: [:]).load(file: root.appendingPathComponent("etc/vigil.yml").path,
                                                                     overrides: [ConfigurationOverride(key: "risk.cases", value: "here.sqlite", flag: "--cases")])
        #expect(flagged.risk.cases == "here.sqlite", "a flag's path starts at the working directory")
        #expect(try ConfigurationLoader(environment: [:]).load(file: nil).risk.cases == VigilConfiguration.RiskSettings.defaultCases)
    }

    @Test func environmentAndFlagPathsStartAtTheWorkingDirectory() throws {
        let root = try folder(["etc/vigil.yml": "engine:\n  lanes: 2\n"])
        let loader = ConfigurationLoader(environment: ["VIGIL_ENGINE_CHECKPOINT_PATH": "state/x.sqlite"])
        let configuration = try loader.load(file: root.appendingPathComponent("etc/vigil.yml").path)
        #expect(configuration.engine.checkpointPath == "state/x.sqlite")
    }

    @Test func aConfiguredFileThatIsMissingIsAnErrorNamingTheFileAndTheKey() throws {
        let root = try folder(["etc/vigil.yml": "engine:\n  lanes: 2\nrisk:\n  config: missing-risk.yml\n"])
        let file = root.appendingPathComponent("etc/vigil.yml").path
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader(environment: [:]).load(file: file) }
        #expect(error.key == "risk.config")
        #expect(error.source == .file(path: file, line: 4))
        #expect(error.problem.contains(root.appendingPathComponent("etc/missing-risk.yml").path))
        #expect(error.fix.contains("start at its folder"))
        let flag = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(file: nil, overrides: [ConfigurationOverride(key: "engine.topology", value: "/nonexistent/t.yml", flag: "--topology")])
        }
        #expect(flag.key == "engine.topology")
        #expect(flag.description.contains("flag --topology") && flag.description.contains("/nonexistent/t.yml"))
        let variable = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["VIGIL_RISK_BRANDS": "/nonexistent/brands.json"]).load(file: nil)
        }
        #expect(variable.source == .environment(variable: "VIGIL_RISK_BRANDS"))
    }

    @Test func anUnsetFileIsNoError() throws {
        let configuration = try ConfigurationLoader(environment: ["VIGIL_RISK_CONFIG": ""]).load(yaml: "risk:\n  config: null\n", file: "/nowhere/vigil.yml")
        #expect(configuration.risk.config == nil)
        #expect(configuration.engine.topology == "topologies/counterfeit.yml", "the default is not checked; the topology loader names it if missing")
    }

    @Test("the documented defaults: brokers on this machine, changelogs on without standby replicas, as the engine's")
    func theDocumentedDefaults() {
        let defaults = VigilConfiguration()
        #expect(defaults.kafka.clientConfiguration().bootstrapServers == "localhost:9092")
        #expect(defaults.engine.changelog == true && defaults.engine.standbyReplicas == 0)
        #expect(defaults.engineConfiguration(topologyName: "t", bootstrapServers: "b:9092").changelog == ChangelogConfiguration())
    }

    @Test func theEngineConfigurationIsBuiltFromTheSettingsInOnePlace() throws {
        var settings = try ConfigurationLoader(environment: [:]).load(yaml: "engine:\n  lane_capacity: 300\n  checkpoint_interval: 2s\nkafka:\n  properties: {linger.ms: 5}\n", file: "c.yml")
        var engine = settings.engineConfiguration(topologyName: "vigil", bootstrapServers: "b:9092", assignment: .all, consumerProperties: ["x": "y"])
        #expect(engine.kafka.bootstrapServers == "b:9092" && engine.kafka.clientID == "vigil-vigil" && engine.kafka.properties == ["linger.ms": "5"])
        #expect(engine.groupID == "vigil" && engine.assignment == .all && engine.consumerProperties == ["x": "y"])
        #expect(engine.laneCapacity == 300 && engine.checkpointInterval == .seconds(2))
        #expect(engine.pauseAfter == EngineConfiguration.Defaults.pauseAfter && engine.alignmentWait == EngineConfiguration.Defaults.alignmentWait)
        settings.kafka.clientID = "fraud"
        settings.kafka.group = "g"
        engine = settings.engineConfiguration(topologyName: "vigil", bootstrapServers: "b:9092")
        #expect(engine.kafka.clientID == "fraud" && engine.groupID == "g")
    }

    @Test func defaultsAreTheEnginesAndAnEmptyVariableRestoresThem() throws {
        let defaults = VigilConfiguration().engine
        #expect(defaults.laneCapacity == EngineConfiguration.Defaults.laneCapacity)
        #expect(defaults.pauseAfter == EngineConfiguration.Defaults.pauseAfter)
        #expect(defaults.alignmentWait == EngineConfiguration.Defaults.alignmentWait)
        let restored = try ConfigurationLoader(environment: ["VIGIL_ENGINE_PAUSE_AFTER": ""]).load(yaml: "engine:\n  pause_after: 5s\n", file: "c.yml")
        #expect(restored.engine.pauseAfter == EngineConfiguration.Defaults.pauseAfter)
    }

    @Test func topicSettingsRenameTheContractTopics() throws {
        let settings = try ConfigurationLoader(environment: ["VIGIL_TOPICS_DLQ": "acme.dlq"]).load(yaml: "topics:\n  listings: acme.listings\n  verdicts: risk.verdicts\n", file: "c.yml")
        #expect(settings.topics.renames == ["marketplace.listings": "acme.listings", "risk.dlq": "acme.dlq"])
        #expect(ContractTopicNames().renames.isEmpty)
        #expect(settings.topics.all.count == 9)
    }

    @Test func keyValueOptionsAreParsedOnce() throws {
        let pairs = try KeyValueOption.pairs(["linger.ms=5", "sasl.jaas=a=b", "empty="], flag: "--kafka")
        #expect(pairs.map(\.name) == ["linger.ms", "sasl.jaas", "empty"])
        #expect(pairs.map(\.value) == ["5", "a=b", ""])
        #expect(try KeyValueOption.dictionary(["a=1", "a=2"], flag: "--kafka") == ["a": "2"])
        let malformed = try #require(throws: KeyValueOption.Malformed.self) { try KeyValueOption.pairs(["linger.ms"], flag: "--kafka") }
        #expect(malformed.description.contains("--kafka 'linger.ms' must look like name=value"))
        #expect(throws: KeyValueOption.Malformed.self) { try KeyValueOption.pairs(["=5"], flag: "--kafka-property") }
    }
}
