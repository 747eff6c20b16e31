import Foundation
import Testing
@testable import VigilOps
import VigilTestSupport

@Suite("Configuration")
struct ConfigurationTests {
    let file = repositoryRoot.appendingPathComponent("config/vigil.yml").path

    @Test func loadsTheRepositoryFile() throws {
        let configuration = try ConfigurationLoader(environment: [:]).load(file: file)
        #expect(configuration.kafka.group == "vigil")
        #expect(configuration.kafka.brokers == nil)
        #expect(configuration.kafka.properties.isEmpty)
        #expect(configuration.engine.checkpointInterval == .seconds(30))
        #expect(configuration.engine.laneCapacity == 20_000)
        #expect(configuration.engine.pauseAfter == .seconds(1))
        #expect(configuration.engine.alignmentWait == .milliseconds(100))
        #expect(configuration.engine.fetchWait == .milliseconds(10))
        #expect(configuration.engine.linger == .milliseconds(5))
        #expect(configuration.engine.pollBatchSize == 5_000)
        #expect(configuration.engine.assignor == .range)
        #expect(configuration.admin.address == AdminAddress(host: "127.0.0.1", port: 9464))
        #expect(configuration.logging.level == .info)
        #expect(configuration.topics == ContractTopicNames())
    }

    @Test func environmentOverridesTheFile() throws {
        let environment = [
            "VIGIL_KAFKA_BROKERS": "k1:9092,k2:9092",
            "VIGIL_LOG_LEVEL": "debug",
            "VIGIL_ENGINE_LANE_CAPACITY": "500",
            "VIGIL_ENGINE_PAUSE_AFTER": "250ms",
            "VIGIL_ENGINE_CHECKPOINT_INTERVAL": "5m",
            "VIGIL_ADMIN_ADDRESS": "0.0.0.0:9000",
            "VIGIL_TOPICS_VERDICTS": "acme.verdicts",
            "VIGIL_KAFKA_PROPERTY_SASL_PASSWORD": "hunter2",
            "VIGIL_KAFKA_PROPERTY_LOG__LEVEL": "6",
            "VIGIL_EMBEDDED_DEBUG": "all",
        ]
        let configuration = try ConfigurationLoader(environment: environment).load(file: file)
        #expect(configuration.kafka.brokers == "k1:9092,k2:9092")
        #expect(configuration.logging.level == .debug)
        #expect(configuration.engine.laneCapacity == 500)
        #expect(configuration.engine.pauseAfter == .milliseconds(250))
        #expect(configuration.engine.checkpointInterval == .seconds(300))
        #expect(configuration.admin.address == AdminAddress(host: "0.0.0.0", port: 9000))
        #expect(configuration.topics.verdicts == "acme.verdicts")
        #expect(configuration.kafka.properties == ["sasl.password": "hunter2", "log_level": "6"])
        #expect(!configuration.description.contains("hunter2"))
        #expect(configuration.description.contains("sasl.password=******"))
    }

    @Test func flagsOverrideTheEnvironment() throws {
        let loader = ConfigurationLoader(environment: ["VIGIL_KAFKA_BROKERS": "env:9092", "VIGIL_LOGGING_LEVEL": "debug"])
        let configuration = try loader.load(file: file, overrides: [
            ConfigurationOverride(key: "kafka.brokers", value: "flag:9092", flag: "--brokers"),
            ConfigurationOverride(key: "kafka.properties.linger.ms", value: "5", flag: "--kafka"),
        ])
        #expect(configuration.kafka.brokers == "flag:9092")
        #expect(configuration.logging.level == .debug)
        #expect(configuration.kafka.properties["linger.ms"] == "5")
    }

    @Test func unknownKeyIsNamedWithFileAndLine() throws {
        let yaml = "kafka:\n  group: g\nengine:\n  lane_capacty: 5\n"
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(yaml: yaml, file: "custom.yml")
        }
        #expect(error.key == "engine.lane_capacty")
        #expect(error.source == .file(path: "custom.yml", line: 4))
        #expect(error.description.contains("custom.yml:4"))
        #expect(error.description.contains("did you mean 'engine.lane_capacity'"))
    }

    @Test func unknownSectionIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(yaml: "metrics:\n  port: 1\n", file: "custom.yml")
        }
        #expect(error.key == "metrics")
    }

    @Test func wrongTypeIsNamed() throws {
        let loader = ConfigurationLoader(environment: [:])
        let notInteger = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "engine:\n  lanes: many\n", file: "custom.yml")
        }
        #expect(notInteger.key == "engine.lanes")
        #expect(notInteger.description.contains("custom.yml:2"))
        let list = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "kafka:\n  brokers: [a, b]\n", file: "custom.yml")
        }
        #expect(list.key == "kafka.brokers")
        #expect(list.problem.contains("a list"))
        let section = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "admin: 9464\n", file: "custom.yml")
        }
        #expect(section.key == "admin")
    }

    @Test func badDurationAndAddressAreNamed() throws {
        let loader = ConfigurationLoader(environment: [:])
        let duration = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "engine:\n  checkpoint_interval: 5 minutes\n", file: "custom.yml")
        }
        #expect(duration.key == "engine.checkpoint_interval")
        #expect(duration.description.contains("custom.yml:2"))
        #expect(duration.fix.contains("30s"))
        let address = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "admin:\n  address: localhost\n", file: "custom.yml")
        }
        #expect(address.key == "admin.address")
        let environment = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: ["VIGIL_ENGINE_CHECKPOINT_INTERVAL": "soon"]).load(file: file)
        }
        #expect(environment.source == .environment(variable: "VIGIL_ENGINE_CHECKPOINT_INTERVAL"))
        let flag = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(file: file, overrides: [ConfigurationOverride(key: "admin.address", value: "nope", flag: "--admin-address")])
        }
        #expect(flag.description.contains("flag --admin-address"))
    }

    @Test func theAssignorIsNamedOnceAndReachesTheEngine() throws {
        let loader = ConfigurationLoader(environment: [:])
        let file = try loader.load(yaml: "engine:\n  assignor: cooperative-sticky\n", file: "c.yml")
        #expect(file.engine.assignor == .cooperativeSticky)
        #expect(file.description.contains("engine.assignor=cooperative-sticky"))
        let engine = file.engineConfiguration(topologyName: "t", bootstrapServers: "b:9092")
        #expect(engine.assignor == .cooperativeSticky)
        #expect(engine.consumerKafka.properties["partition.assignment.strategy"] == "cooperative-sticky")
        #expect(VigilConfiguration().engineConfiguration(topologyName: "t", bootstrapServers: "b:9092").consumerKafka.properties["partition.assignment.strategy"] == "range,roundrobin")

        let variable = try ConfigurationLoader(environment: ["VIGIL_ENGINE_ASSIGNOR": "range"]).load(yaml: "engine:\n  assignor: cooperative-sticky\n", file: "c.yml")
        #expect(variable.engine.assignor == .range)
        let flag = try loader.load(yaml: "engine:\n  lanes: 0\n", file: "c.yml", overrides: [ConfigurationOverride(key: "engine.assignor", value: "Cooperative-Sticky", flag: "--assignor")])
        #expect(flag.engine.assignor == .cooperativeSticky)

        let wrong = try #require(throws: ConfigurationError.self) {
            try loader.load(yaml: "engine:\n  assignor: sticky\n", file: "custom.yml")
        }
        #expect(wrong.key == "engine.assignor")
        #expect(wrong.description.contains("custom.yml:2"))
        #expect(wrong.problem.contains("'sticky' is not an assignor"))
        #expect(wrong.fix.contains("range, cooperative-sticky"))
    }

    @Test func missingFileIsNamed() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:]).load(file: "/nonexistent/vigil.yml")
        }
        #expect(error.source == .file(path: "/nonexistent/vigil.yml", line: nil))
    }

    @Test func propertyVariableNames() {
        #expect(ConfigurationLoader.propertyName(fromVariable: "VIGIL_KAFKA_PROPERTY_SECURITY_PROTOCOL") == "security.protocol")
        #expect(ConfigurationLoader.propertyName(fromVariable: "VIGIL_KAFKA_PROPERTY_LOG__LEVEL") == "log_level")
    }
}
