import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import Testing
import VigilConsole
import VigilKafka
import VigilOps
import VigilRisk

/// The console served by the real admin endpoint, its labels written to a real embedded cluster.
@Suite("Console over HTTP", .serialized)
struct ConsoleServerTests {
    /// Runs `body` against an admin endpoint on loopback with the console mounted.
    func withConsole(token: String? = nil, _ body: (String, CaseStore, EmbeddedKafkaCluster) async throws -> Void) async throws {
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        try cluster.createTopic("marketplace.labels", partitions: 2)
        let store = try CaseStore(path: temporaryPath("cases.sqlite"))
        try store.upsert(snapshot("ring-1", merchants: ["m1", "m2"]))
        let sink = try KafkaLabelSink(configuration: cluster.clientConfiguration(clientID: "console-test"))
        let console = Console(cases: store, sink: sink, configuration: ConsoleConfiguration(token: token))
        let server = AdminServer(address: AdminAddress(host: "127.0.0.1", port: 0), registry: PrometheusCollectorRegistry(), routes: [console])
        let group = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: Logger(label: "test"))
        let task = Task { try await group.run() }
        let port = await server.boundPort
        do {
            try await body("http://127.0.0.1:\(port)/console", store, cluster)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await task.result
            sink.close()
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await task.result
        sink.close()
        cluster.shutdown()
    }

    func csrf(in page: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test("on loopback the console is open, sends a script-forbidding CSP, and a review needs the CSRF token")
    func openOnLoopback() async throws {
        try await withConsole { base, store, cluster in
            let client = HTTPClient()
            let leads = try await client.get(base + "/")
            #expect(leads.status == 200)
            #expect(leads.body.contains("data-ring=\"ring-1\""))
            #expect(leads.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            let page = try await client.get(base + "/merchant?id=m1")
            let token = try csrf(in: page.body)

            let forged = try await client.post(base + "/review", form: [("merchant", "m1"), ("action", "confirm_counterfeit")])
            #expect(forged.status == 403, "no CSRF token")
            let wrong = try await client.post(base + "/review", form: [("csrf", String(repeating: "0", count: 64)), ("merchant", "m1"), ("action", "confirm_counterfeit")])
            #expect(wrong.status == 403, "wrong CSRF token")
            let crossSite = try await client.post(base + "/review", form: [("csrf", token), ("merchant", "m1"), ("action", "confirm_counterfeit")],
                                                  headers: ["Origin": "http://evil.example"])
            #expect(crossSite.status == 403, "another origin")
            let opaque = try await client.post(base + "/review", form: [("csrf", token), ("merchant", "m1"), ("action", "confirm_counterfeit")],
                                               headers: ["Origin": "null"])
            #expect(opaque.status == 403, "an opaque origin (sandboxed frame)")
            let crossSiteFetch = try await client.post(base + "/review", form: [("csrf", token), ("merchant", "m1"), ("action", "confirm_counterfeit")],
                                                       headers: ["Sec-Fetch-Site": "cross-site"])
            #expect(crossSiteFetch.status == 403, "the browser says the request is cross-site")
            #expect(try store.labels(of: "m1").isEmpty, "nothing recorded for refused posts")

            let origin = "http://" + base.dropFirst("http://".count).prefix { $0 != "/" }
            let done = try await client.post(base + "/review", form: [("csrf", token), ("merchant", "m1"), ("action", "confirm_counterfeit"), ("note", "seen <fake>")],
                                             headers: ["Origin": origin, "Sec-Fetch-Site": "same-origin"])
            #expect(done.status == 303)
            let labels = try store.labels(of: "m1")
            #expect(labels.count == 1)
            let label = try #require(labels.first)
            #expect(label.source == .manualReview && label.outcome == .counterfeit && label.note == "seen <fake>")
            #expect(done.header("Location")?.contains(FormFields.encode(label.labelID)) == true)

            let messages = try readTopic("marketplace.labels", configuration: cluster.consumerConfiguration(clientID: "check")) { !$0.isEmpty }
            let message = try #require(messages.first)
            #expect(message.keyString == "m1")
            let decoded = try ContractDecoder().decodeLabel(try #require(message.value), key: message.key)
            #expect(decoded == label, "the topic holds the contract label the case store recorded")
        }
    }

    @Test("uphold appeal writes an appeal/genuine label; mark genuine a manual_review/genuine one")
    func actionLabels() async throws {
        try await withConsole { base, store, _ in
            let client = HTTPClient()
            let token = try csrf(in: try await client.get(base + "/merchant?id=m2").body)
            for action in ["uphold_appeal", "mark_genuine"] {
                #expect(try await client.post(base + "/review", form: [("csrf", token), ("merchant", "m2"), ("action", action)]).status == 303)
            }
            let labels = try store.labels(of: "m2")
            #expect(Set(labels.map { "\($0.source.rawValue)/\($0.outcome.rawValue)" }) == ["appeal/genuine", "manual_review/genuine"])
            #expect(labels.contains { $0.upholdsAppeal })
        }
    }

    @Test("with a token, pages need it (bearer header or the login's session cookie)")
    func tokenRequired() async throws {
        try await withConsole(token: "s3cret-token") { base, _, _ in
            let client = HTTPClient()
            let anonymous = try await client.get(base + "/")
            #expect(anonymous.status == 401)
            #expect(!anonymous.body.contains("ring-1"))
            #expect(try await client.get(base + "/", headers: ["Authorization": "Bearer wrong"]).status == 401)
            #expect(try await client.get(base + "/", headers: ["Authorization": "Bearer s3cret-token"]).body.contains("ring-1"))
            #expect(try await client.post(base + "/login", form: [("token", "wrong")]).status == 401)
            let login = try await client.post(base + "/login", form: [("token", "s3cret-token")])
            #expect(login.status == 303)
            let cookie = try #require(login.header("Set-Cookie"))
            #expect(!cookie.contains("s3cret-token"), "the cookie holds a session id, not the token")
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let session = String(cookie.prefix { $0 != ";" })
            #expect(try await client.get(base + "/lead?id=ring-1", headers: ["Cookie": session]).status == 200)
        }
    }

    @Test("beyond loopback without a token the console refuses to start, naming how to fix it")
    func refusesWithoutToken() throws {
        let store = try CaseStore(path: temporaryPath("cases.sqlite"))
        let cluster = try EmbeddedKafkaCluster(brokers: 1)
        let sink = try KafkaLabelSink(configuration: cluster.clientConfiguration(clientID: "console-test"))
        defer { sink.close(); cluster.shutdown() }
        let open = Console(cases: store, sink: sink)
        #expect(throws: ConsoleError.tokenRequired(address: "0.0.0.0:9464")) { try open.validate(address: AdminAddress(host: "0.0.0.0", port: 9464)) }
        #expect(throws: Never.self) { try open.validate(address: AdminAddress(host: "127.0.0.1", port: 9464)) }
        let guarded = Console(cases: store, sink: sink, configuration: ConsoleConfiguration(token: "t"))
        #expect(throws: Never.self) { try guarded.validate(address: AdminAddress(host: "0.0.0.0", port: 9464)) }
        #expect(ConsoleError.tokenRequired(address: "0.0.0.0:9464").description.contains("admin.token_file"))
    }

    @Test("admin.token_file wins over admin.token, and an empty file is an error")
    func tokenFromFile() throws {
        let path = temporaryPath("token")
        try "  file-token \n".write(toFile: path, atomically: true, encoding: .utf8)
        var settings = VigilConfiguration.AdminSettings()
        settings.token = "env-token"
        #expect(try settings.resolvedToken() == "env-token")
        settings.tokenFile = path
        #expect(try settings.resolvedToken() == "file-token")
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: AdminTokenError.self) { try settings.resolvedToken() }
        let loaded = try ConfigurationLoader(environment: ["VIGIL_ADMIN_TOKEN": "from-env"]).load(file: nil)
        #expect(loaded.admin.token == "from-env")
        #expect(!loaded.description.contains("from-env"), "the token is never in the logged configuration")
    }
}
