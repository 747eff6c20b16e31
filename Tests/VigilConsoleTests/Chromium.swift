import Foundation
#if canImport(Glibc)
import Glibc
#endif
import VigilPrimitives
import VigilTestSupport

/// Headless Chromium (Debian package `chromium`, installed by `scripts/install-deps`): loads
/// pages, dumps the rendered DOM, takes screenshots, and drives a page over the DevTools
/// protocol (on a pipe, `--remote-debugging-pipe`) to click.
struct Chromium {
    let executable: String
    let profile = temporaryPath("chromium-profile")

    /// Finds the binary.
    init() throws {
        guard let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw TestFailure("headless Chromium is not installed; run scripts/install-deps (apt-get install chromium)")
        }
        executable = found
    }

    var commonArguments: [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(profile)"]
    }

    /// The DOM of `url` after Chromium loaded and rendered it (`--dump-dom`).
    func dumpDOM(_ url: String) throws -> String {
        try run(commonArguments + ["--dump-dom", url])
    }

    /// Saves a PNG screenshot of `url` at `width`×`height` to `path`.
    func screenshot(_ url: String, to path: String, width: Int = 1400, height: Int = 1100) throws {
        try? FileManager.default.removeItem(atPath: path)
        _ = try run(commonArguments + ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(path)", url])
        guard FileManager.default.fileExists(atPath: path) else { throw TestFailure("chromium wrote no screenshot to \(path)") }
    }

    private func run(_ arguments: [String]) throws -> String {
        let (status, output) = try runCapturingOutput(URL(fileURLWithPath: executable), arguments)
        guard status == 0 else { throw TestFailure("chromium \(arguments.last ?? "") exited with \(status)") }
        return output
    }
}

/// One headless Chromium driven over the DevTools protocol on a pipe: Chromium reads commands on
/// its fd 3 and writes answers and events on its fd 4, each a JSON object ended by a NUL byte.
final class DevToolsSession {
    private var pid: pid_t = 0
    private let commands: Int32
    private let answers: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    private var sessionID: String?

    /// Starts a Chromium of its own (its own profile, so other Chromium runs can go on meanwhile).
    init() throws {
        let chromium = try Chromium()
        var toChromium: [Int32] = [0, 0], fromChromium: [Int32] = [0, 0]
        guard pipe(&toChromium) == 0, pipe(&fromChromium) == 0 else { throw TestFailure("pipe() failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChromium[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromChromium[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [chromium.executable] + chromium.commonArguments + ["--remote-debugging-pipe", "about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, chromium.executable, &actions, nil, &argv, environ)
        close(toChromium[0])
        close(fromChromium[1])
        commands = toChromium[1]
        answers = fromChromium[0]
        guard spawned == 0 else { throw TestFailure("could not start chromium: errno \(spawned)") }
        let target = try call("Target.createTarget", ["url": "about:blank"], inPage: false)
        let targetID = try (target["targetId"] as? String).orThrow("no targetId in \(target)")
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inPage: false)
        sessionID = try (attached["sessionId"] as? String).orThrow("no sessionId in \(attached)")
    }

    deinit {
        _ = try? call("Browser.close", [:], inPage: false)
        close(commands)
        close(answers)
        var status: Int32 = 0
        kill(pid, SIGTERM)
        waitpid(pid, &status, 0)
    }

    /// Sends one command and returns its `result` (events in between are skipped).
    @discardableResult
    func call(_ method: String, _ params: [String: Any], inPage: Bool = true, timeout: Duration = .seconds(20)) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if inPage, let sessionID { message["sessionId"] = sessionID }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        let written = bytes.withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw TestFailure("could not write \(method) to chromium") }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            let reply = try readMessage(until: deadline, method: method)
            guard reply["id"] as? Int == id else { continue }
            if let error = reply["error"] { throw TestFailure("\(method) failed: \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    /// Evaluates `expression` in the page and returns its value.
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Navigates to `url` and waits until the document has loaded.
    func open(_ url: String) throws {
        try call("Page.navigate", ["url": url])
        try wait("document.readyState === 'complete' && location.href !== 'about:blank'")
    }

    /// Polls `condition` (a JavaScript expression) until it is true.
    func wait(_ condition: String, timeout: Duration = .seconds(20)) throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if (try? evaluate(condition)) as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestFailure("timed out waiting for \(condition)")
    }

    private func readMessage(until deadline: ContinuousClock.Instant, method: String) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let json = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]) ?? [:]
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw TestFailure("chromium did not answer \(method) in time") }
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: max(remaining.wholeMilliseconds, 1)))
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(answers, &chunk, chunk.count)
            guard count > 0 else { throw TestFailure("chromium closed the DevTools pipe during \(method)") }
            buffer += chunk[..<count]
        }
    }
}

extension Optional {
    func orThrow(_ message: @autoclosure () -> String) throws -> Wrapped {
        guard let self else { throw TestFailure(message()) }
        return self
    }
}
