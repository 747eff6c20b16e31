import Testing
import VigilEngine

/// The one configuration reader: typed values, errors with file, line and key, relative paths.
@Suite struct ConfigSectionTests {
    let yaml = """
        name: demo
        limits:
          lanes: 4
          ratio: 0.25
          enabled: yes
          wait: 250ms
        files:
          model: model/m.json
          absolute: /etc/x
        tags: [a, b]
        """

    @Test func readsTypedValuesFromYAML() throws {
        let root = try ConfigSection.parse(yaml: yaml, file: "conf/app.yml")
        #expect(try root.string("name") == "demo")
        let limits = try root.section("limits")
        #expect(limits.path == "limits" && limits.key("lanes") == "limits.lanes")
        #expect(try limits.int("lanes", in: 1...8, default: 1) == 4)
        #expect(try limits.double("ratio", min: 0, default: 1) == 0.25)
        #expect(try limits.bool("enabled", default: false))
        #expect(try limits.duration("wait") == .milliseconds(250))
        #expect(try limits.int("absent", in: 1...8, default: 3) == 3)
        #expect(try root.strings("tags", default: []) == ["a", "b"])
        #expect(try root.optionalSection("nothing") == nil)
    }

    @Test func pathsResolveAgainstTheFilesFolder() throws {
        let files = try ConfigSection.parse(yaml: yaml, file: "conf/app.yml").section("files")
        #expect(try files.path("model") == "conf/model/m.json")
        #expect(try files.path("absolute") == "/etc/x")
        #expect(ConfigSection.resolve("m.json", relativeTo: nil) == "m.json")
        #expect(ConfigSection.resolve("m.json", relativeTo: "app.yml") == "m.json")
    }

    @Test func errorsNameTheFileTheLineAndTheKey() throws {
        let limits = try ConfigSection.parse(yaml: yaml, file: "conf/app.yml").section("limits")
        let range = try #require(throws: ConfigError.self) { try limits.int("lanes", in: 5...8, default: 5) }
        #expect(range.path == "limits.lanes" && range.file == "conf/app.yml" && range.line == 3)
        #expect(range.description.hasPrefix("conf/app.yml:3: limits.lanes: must be an integer in 5...8"))
        let unknown = try #require(throws: ConfigError.self) { try limits.rejectUnknown(["lanes", "ratio", "enable", "wait"]) }
        #expect(unknown.path == "limits.enabled" && unknown.hint?.contains("did you mean 'enable'") == true)
        #expect(throws: ConfigError.self) { try limits.duration("ratio") }
        #expect(throws: ConfigError.self) { try ConfigSection.parse(yaml: "[1, 2]", file: "x.yml") }
        let invalid = try #require(throws: ConfigError.self) { try ConfigSection.parse(yaml: "a: [", file: "x.yml") }
        #expect(invalid.message.hasPrefix("not valid YAML"))
        let missing = try #require(throws: ConfigError.self) { try ConfigSection.load(file: "/nonexistent/app.yml") }
        #expect(missing.file == "/nonexistent/app.yml")
    }

    @Test func topologySectionsKeepTheirMessages() throws {
        let section = ConfigSection(["n": .string("x")], path: "operators[0].config")
        let error = try #require(throws: ConfigError.self) { try section.number("n", default: 1) }
        #expect(error.description == "operators[0].config.n: must be a number, got \"x\"")
    }

    @Test func inlineValuesReadBackAsYAML() throws {
        let value = ConfigValue.map(["bias": .number(-1.5), "name": .string("a \"b\""), "w": .list([.number(.nan), .bool(true), .null])])
        let reread = try ConfigSection.parse(yaml: "v: \(value.yamlText)", file: "x.yml").values["v"]
        guard case .map(let map)? = reread, case .list(let list)? = map["w"], case .number(let nan) = list[0] else {
            Issue.record("not a map: \(String(describing: reread))")
            return
        }
        #expect(map["bias"] == .number(-1.5) && map["name"] == .string("a \"b\"") && nan.isNaN && list[1] == .bool(true) && list[2] == .null)
    }

    @Test func scalarParsersServeEverySource() {
        #expect(ConfigScalar.int(" 42 ") == 42 && ConfigScalar.int("4x") == nil)
        #expect(ConfigScalar.bool("ON") == true && ConfigScalar.bool("0") == false && ConfigScalar.bool("maybe") == nil)
        #expect(ConfigScalar.duration("5m") == .seconds(300) && ConfigScalar.duration("0s") == nil && ConfigScalar.duration("soon") == nil)
        #expect(ConfigScalar.format(3) == "3" && ConfigScalar.format(0.5) == "0.5")
        #expect(ConfigScalar.suggestion(for: "engine.lane_capacty", among: ["engine.lanes", "engine.lane_capacity"]) == "engine.lane_capacity")
    }
}
