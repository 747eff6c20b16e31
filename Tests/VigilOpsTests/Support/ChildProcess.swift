import Foundation
import VigilTestSupport

/// A process a test starts, with its standard output and error in a log file, stopped (SIGTERM,
/// then SIGKILL after a grace period) by ``stop()`` or when released.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let log: URL
    private let process = Process()

    /// Starts `executable` with `arguments` in the repository root.
    init(_ name: String, executable: URL, arguments: [String], environment: [String: String] = [:], logDirectory: URL) throws {
        self.name = name
        self.log = logDirectory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// Whether it is still running.
    var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` for it to exit by itself; returns its status, `nil` if still running.
    func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.1) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops it: SIGTERM, and SIGKILL if it is still running 10 s later.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if waitForExit(timeout: .seconds(10)) == nil {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The last `characters` of its log, for failure messages.
    func tail(_ characters: Int = 3000) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "--- \(name) (\(log.path)) ---\n" + String(text.suffix(characters))
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick for port 0).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestSetupError("socket() failed: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw TestSetupError("bind(127.0.0.1:0) failed: errno \(errno)") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw TestSetupError("getsockname failed: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A test's environment is not as it needs to be; the message says how to fix it.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

