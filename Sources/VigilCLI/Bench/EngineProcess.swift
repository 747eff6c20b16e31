import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `vigil run` started as a child process for a benchmark: the engine under test runs in its
/// own process, as users run it, while the benchmark produces and consumes from another.
///
/// Its standard output and error go to `log`; its admin endpoint is at `adminPort`.
// @unchecked: the Process is started once and then only queried; metrics() and the /proc reads are thread-safe.
final class EngineProcess: @unchecked Sendable {
    /// What went wrong with the child process.
    struct Failure: Error, CustomStringConvertible {
        /// What happened and where to look.
        let description: String
    }

    private let process = Process()
    /// The admin endpoint port (`/metrics`, `/ready`).
    let adminPort: Int
    /// Where the child's output is written.
    let log: URL

    /// Starts `executable run <arguments>` in `directory`, with its admin endpoint on `adminPort`
    /// and `environment` added to (or replacing variables of) this process's environment.
    init(executable: URL, arguments: [String], directory: URL, adminPort: Int, log: URL, environment: [String: String] = [:]) throws {
        self.adminPort = adminPort
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = executable
        process.arguments = ["run"] + arguments + ["--admin-address", "127.0.0.1:\(adminPort)"]
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// The child's process id.
    var pid: Int32 { process.processIdentifier }

    /// Whether the child is still running.
    var isRunning: Bool { process.isRunning }

    /// Whether `/ready` answers 200 now (partitions assigned and restored).
    func isReady() -> Bool {
        Self.get(port: adminPort, path: "/ready")?.status == 200
    }

    /// Waits until `/ready` answers 200 (partitions assigned and restored).
    /// - Throws: ``Failure`` when the child exits first or `timeout` passes.
    func waitUntilReady(timeout: Duration) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw Failure(description: "vigil run exited with status \(process.terminationStatus) before it was ready; see \(log.path)")
            }
            if isReady() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure(description: "vigil run was not ready within \(timeout); see \(log.path)")
    }

    /// The child's Prometheus metrics text, or nil when the endpoint does not answer.
    func metrics() -> String? {
        guard let answer = Self.get(port: adminPort, path: "/metrics"), answer.status == 200 else { return nil }
        return answer.body
    }

    /// CPU time (user + system) the child has used so far, from `/proc/<pid>/stat`.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Peak resident memory of the child in bytes (`VmHWM`), while it runs.
    func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Stops the child gracefully (SIGTERM) and waits up to `timeout`, then kills it.
    /// - Returns: the exit status.
    @discardableResult
    func stop(timeout: Duration = .seconds(60)) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A synchronous GET on loopback, or nil when nothing answers within a second.
    private static func get(port: Int, path: String) -> (status: Int, body: String)? {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
        var request = URLRequest(url: url)
        request.timeoutInterval = 1
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                box.set((http.statusCode, String(decoding: data ?? Data(), as: UTF8.self)))
            }
            box.signal()
        }
        task.resume()
        box.wait()
        return box.value
    }

    /// Hands a URLSession answer from its callback thread to the waiting caller.
    private final class ResultBox: @unchecked Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var stored: (Int, String)?
        func set(_ value: (Int, String)) { lock.withLock { stored = value } }
        func signal() { semaphore.signal() }
        func wait() { semaphore.wait() }
        var value: (status: Int, body: String)? { lock.withLock { stored.map { (status: $0.0, body: $0.1) } } }
    }
}

extension EngineProcess {
    /// The value of a Prometheus sample line whose name (with labels) starts with `prefix`,
    /// summed over every matching series.
    static func sample(_ prefix: String, in metrics: String) -> Double? {
        var total: Double?
        for line in metrics.split(separator: "\n") where !line.hasPrefix("#") && line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard rest.first == " " || rest.first == "{" else { continue }
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }) { total = (total ?? 0) + value }
        }
        return total
    }

    /// A free TCP port on loopback (bound and released).
    static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
