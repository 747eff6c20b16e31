import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real Prometheus (Debian's `prometheus` package, installed by `scripts/install-deps`) on
/// loopback, with its own port and data directory, queried through its HTTP API.
final class PrometheusServer: @unchecked Sendable {
    /// The answer to one `/api/v1/query`.
    struct Answer: CustomStringConvertible {
        /// `success` or `error`.
        var status: String
        /// Prometheus's error (a parse error names the position), when `status` is `error`.
        var error: String?
        /// `vector`, `scalar`, `matrix` or `string`.
        var resultType: String
        /// The values of the result's samples, as Prometheus writes them (`NaN` included).
        var values: [String]

        /// At least one sample with a number (a `NaN` quantile of no observations is no data).
        var hasData: Bool { values.contains { Double($0).map { !$0.isNaN } ?? false } }

        var description: String {
            status == "success" ? "\(resultType) of \(values.count) samples \(values.prefix(5))" : "error: \(error ?? "?")"
        }
    }

    let port: Int
    let process: ChildProcess

    /// Starts Prometheus with `configuration` (YAML) in `directory` (config file, TSDB, log).
    init(configuration: String, port: Int, directory: URL) throws {
        self.port = port
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try configuration.write(to: configFile, atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("prometheus-data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        process = try ChildProcess("prometheus", executable: try Self.tool("prometheus"), arguments: [
            "--config.file=\(configFile.path)",
            "--storage.tsdb.path=\(data.path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ], logDirectory: directory)
    }

    /// A Prometheus tool (`prometheus`, `promtool`) on the `PATH` or in `/usr/bin`.
    static func tool(_ name: String) throws -> URL {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        for directory in path {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw TestSetupError("\(name) is not installed; run scripts/install-deps (it installs Debian's prometheus package), or apt-get install prometheus")
    }

    /// Waits until `/-/ready` answers 200.
    func waitUntilReady(timeout: Duration) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw TestSetupError("prometheus exited:\n\(process.tail())") }
            if let (_, status) = try? await get("/-/ready"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestSetupError("prometheus was not ready within \(timeout):\n\(process.tail())")
    }

    /// Evaluates `expression` now (`/api/v1/query`).
    func query(_ expression: String) async throws -> Answer {
        let (body, _) = try await get("/api/v1/query?query=" + Self.percentEncoded(expression))
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw TestSetupError("prometheus answered \(String(decoding: body, as: UTF8.self)) to \(expression)")
        }
        let data = json["data"] as? [String: Any] ?? [:]
        let resultType = data["resultType"] as? String ?? ""
        var values: [String] = []
        switch data["result"] {
        case let samples as [[String: Any]]:
            values = samples.compactMap { ($0["value"] as? [Any])?.last as? String }
        case let scalar as [Any]:
            values = [scalar.last as? String ?? ""]
        default:
            break
        }
        return Answer(status: json["status"] as? String ?? "", error: json["error"] as? String, resultType: resultType, values: values)
    }

    private func get(_ path: String) async throws -> (Data, Int) {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        let (data, response) = try await URLSession.shared.data(from: url)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// Percent-encodes everything but unreserved characters (a `+` must not become a space).
    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
