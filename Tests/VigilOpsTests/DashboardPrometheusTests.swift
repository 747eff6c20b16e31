import Foundation
import Testing
import Yams
import VigilTestSupport

/// The Grafana dashboard proven against a real Prometheus: `vigil broker`, `vigil run` and
/// `vigil simulate` on loopback, Prometheus scraping the engine's `/metrics`, and every PromQL
/// expression of the dashboards evaluated through `/api/v1/query` while the engine works.
@Suite("Dashboard against a real Prometheus", .serialized)
struct DashboardPrometheusTests {
    @Test("promtool accepts config/prometheus.yml, and every dashboard query parses and returns data while the engine processes a simulated marketplace")
    func everyDashboardQueryReturnsData() async throws {
        let queries = try GrafanaDashboards.queries(under: repositoryRoot.appendingPathComponent("config"))
        #expect(queries.count >= 10, "the dashboards under config/ have queries: \(queries)")
        for query in queries {
            #expect(!query.expression.contains("$"), "\(query): Grafana variables are not resolved by this test; add their substitution")
        }

        let check = try ChildProcess("promtool", executable: try PrometheusServer.tool("promtool"),
                                     arguments: ["check", "config", "config/prometheus.yml"], logDirectory: try workDirectory("promtool"))
        #expect(check.waitForExit(timeout: .seconds(60)) == 0, "promtool check config config/prometheus.yml:\n\(check.tail())")

        let directory = try workDirectory("dashboard")
        let vigil = try vigilExecutable()
        let bootstrapFile = directory.appendingPathComponent("bootstrap")
        let broker = try ChildProcess("broker", executable: vigil, arguments: ["broker", "--partitions", "4", "--bootstrap-file", bootstrapFile.path], logDirectory: directory)
        defer { broker.stop() }
        let bootstrap = try await waitForFile(bootstrapFile, timeout: .seconds(60), process: broker)

        let adminPort = try freeLoopbackPort()
        let engine = try ChildProcess("engine", executable: vigil, arguments: [
            "run", "--config", "config/vigil.yml", "--brokers", bootstrap, "--admin-address", "127.0.0.1:\(adminPort)",
            "--state", directory.appendingPathComponent("state.sqlite").path, "--cases", directory.appendingPathComponent("cases.sqlite").path,
            "--lag-interval", "2",
            // The embedded cluster's coordinator finishes a rebalance after session.timeout.ms − 1 s.
            "--kafka", "session.timeout.ms=6000", "--kafka", "heartbeat.interval.ms=500",
        ], environment: ["VIGIL_ENGINE_CHECKPOINT_INTERVAL": "2s"], logDirectory: directory)
        defer { engine.stop() }

        let prometheusPort = try freeLoopbackPort()
        let prometheus = try PrometheusServer(configuration: try scrapeConfiguration(vigil: adminPort, prometheus: prometheusPort), port: prometheusPort, directory: directory)
        defer { prometheus.process.stop() }
        try await prometheus.waitUntilReady(timeout: .seconds(60))
        try await waitFor("Prometheus scrapes the engine (up{job=\"vigil\"} == 1)", timeout: .seconds(120), logs: [engine, prometheus.process]) {
            try await prometheus.query("up{job=\"vigil\"} == 1").hasData
        }

        // Data flows: the simulator produces a marketplace, the engine scores it.
        let simulator = try ChildProcess("simulate", executable: vigil, arguments: [
            "simulate", "--scenario", "small", "--brokers", bootstrap, "--out", directory.appendingPathComponent("simulation").path,
        ], logDirectory: directory)
        defer { simulator.stop() }
        try await waitFor("Prometheus sees the engine taking records and writing verdicts", timeout: .seconds(180), logs: [simulator, engine]) {
            let taken = try await prometheus.query("sum(vigil_events_in_total) > 0").hasData
            let scored = try await prometheus.query("sum(vigil_verdicts_total) > 0").hasData
            return taken && scored
        }

        // Every query: it must parse at once, and return data within the deadline (rates need two
        // scrapes in their window, quantiles an observation).
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        var failures: [String] = []
        for query in queries {
            while true {
                let answer = try await prometheus.query(query.expression)
                if answer.status != "success" { failures.append("\(query) does not evaluate: \(answer)"); break }
                if answer.hasData { break }
                if ContinuousClock.now >= deadline { failures.append("\(query) returned no data: \(answer)"); break }
                try await Task.sleep(for: .seconds(1))
            }
        }
        #expect(failures.isEmpty, "dashboard queries without data while the engine runs:\n\(failures.joined(separator: "\n"))\n\(engine.tail(1500))")
        #expect(engine.isRunning, "the engine kept running:\n\(engine.tail())")
        #expect(simulator.waitForExit(timeout: .seconds(120)) == 0, "vigil simulate produced every record:\n\(simulator.tail())")
    }

    /// `config/prometheus.yml` pointed at this machine: the `vigil` job scrapes the engine's admin
    /// port, the `prometheus` job this Prometheus, every second.
    func scrapeConfiguration(vigil: Int, prometheus: Int) throws -> String {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("config/prometheus.yml"), encoding: .utf8)
        var configuration = try #require(try Yams.load(yaml: text) as? [String: Any])
        var global = configuration["global"] as? [String: Any] ?? [:]
        global["scrape_interval"] = "1s"
        global["evaluation_interval"] = "1s"
        configuration["global"] = global
        let jobs = try #require(configuration["scrape_configs"] as? [[String: Any]])
        try #require(jobs.contains { $0["job_name"] as? String == "vigil" }, "config/prometheus.yml has a 'vigil' job")
        configuration["scrape_configs"] = jobs.map { job -> [String: Any] in
            var job = job
            let port = job["job_name"] as? String == "vigil" ? vigil : prometheus
            job["static_configs"] = [["targets": ["127.0.0.1:\(port)"]]]
            return job
        }
        return try Yams.dump(object: configuration)
    }

    /// A fresh directory for one run.
    func workDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The first line of `file`, once a process has written it.
    func waitForFile(_ file: URL, timeout: Duration, process: ChildProcess) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), let line = text.split(separator: "\n").first { return String(line) }
            guard process.isRunning else { throw TestSetupError("\(process.name) exited before writing \(file.path):\n\(process.tail())") }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestSetupError("\(file.path) was not written within \(timeout):\n\(process.tail())")
    }

    /// Retries `condition` every second until it holds; fails with the processes' logs at the deadline.
    func waitFor(_ what: String, timeout: Duration, logs: [ChildProcess], _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .seconds(1))
        }
        throw TestSetupError("not within \(timeout): \(what)\n" + logs.map { $0.tail() }.joined(separator: "\n"))
    }
}
