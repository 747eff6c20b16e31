import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import Testing
@testable import VigilOps

@Suite("Admin server")
struct AdminServerTests {
    /// Runs an admin server on port 0 inside a service group for the duration of `body`.
    static func withServer(readiness: @escaping ReadinessCheck = { .ready }, _ body: (Int) async throws -> Void) async throws {
        let registry = MetricsBootstrap.bootstrap()
        let server = AdminServer(address: AdminAddress(host: "127.0.0.1", port: 0), registry: registry, readiness: readiness)
        let group = ServiceGroup(services: [server], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = await server.boundPort
            #expect(port > 0)
            do {
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func metricsExposeCountersGaugesAndTimersAsWellFormedText() async throws {
        MetricsBootstrap.bootstrap()
        Counter(label: "vigil_test_admin_events_total", dimensions: [("topic", "t1")]).increment(by: 3)
        Gauge(label: "vigil_test_admin_depth", dimensions: [("lane", "2")]).record(42)
        Metrics.Timer(label: "vigil_test_admin_latency_seconds", preferredDisplayUnit: .seconds).recordMilliseconds(30)
        try await Self.withServer { port in
            let answer = try await HTTP.get(port, "/metrics")
            #expect(answer.status == 200)
            #expect(answer.contentType?.hasPrefix("text/plain") == true)
            let exposition = try PrometheusExposition(answer.body)
            #expect(exposition.types["vigil_test_admin_events_total"] == "counter")
            #expect(exposition.types["vigil_test_admin_depth"] == "gauge")
            #expect(exposition.types["vigil_test_admin_latency_seconds"] == "histogram")
            #expect(exposition.value("vigil_test_admin_events_total", ["topic": "t1"]) == 3)
            #expect(exposition.value("vigil_test_admin_depth", ["lane": "2"]) == 42)
            #expect(exposition.value("vigil_test_admin_latency_seconds_count") == 1)
            #expect(exposition.value("vigil_test_admin_latency_seconds_bucket", ["le": "0.025"]) == 0)
            #expect(exposition.value("vigil_test_admin_latency_seconds_bucket", ["le": "0.05"]) == 1)
            let sum = try #require(exposition.value("vigil_test_admin_latency_seconds_sum"))
            #expect(abs(sum - 0.03) < 1e-6)
        }
    }

    @Test func healthIsOkWhileAlive() async throws {
        try await Self.withServer { port in
            let answer = try await HTTP.get(port, "/health")
            #expect(answer.status == 200)
            #expect(answer.body == "ok\n")
        }
    }

    @Test func readyFollowsTheReadinessCheck() async throws {
        let ready = Atomic<Bool>(false)
        try await Self.withServer(readiness: { ready.load(ordering: .relaxed) ? .ready : .notReady("no partitions assigned yet") }) { port in
            let before = try await HTTP.get(port, "/ready")
            #expect(before.status == 503)
            let json = try JSONSerialization.jsonObject(with: Data(before.body.utf8)) as? [String: Any]
            #expect(json?["ready"] as? Bool == false)
            #expect(json?["reason"] as? String == "no partitions assigned yet")
            ready.store(true, ordering: .relaxed)
            let after = try await HTTP.get(port, "/ready")
            #expect(after.status == 200)
        }
    }

    @Test func addressesParseAndRejectWithReasons() throws {
        #expect(try AdminAddress(parsing: "0.0.0.0:9464") == AdminAddress(host: "0.0.0.0", port: 9464))
        #expect(try AdminAddress(parsing: "[::1]:0") == AdminAddress(host: "::1", port: 0))
        #expect(throws: AdminAddress.ParseError.self) { try AdminAddress(parsing: "localhost") }
        #expect(throws: AdminAddress.ParseError.self) { try AdminAddress(parsing: "host:99999") }
        #expect(throws: AdminAddress.ParseError.self) { try AdminAddress(parsing: "::1:80") }
    }
}
