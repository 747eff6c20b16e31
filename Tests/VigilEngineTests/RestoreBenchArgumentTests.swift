import Foundation
import Testing
import VigilTestSupport

/// `vigil bench restore` refuses, before any work, sizes whose changelog partitions would not fit
/// the embedded cluster (about 5 MiB per partition, no compaction).
@Suite("vigil bench restore arguments")
struct RestoreBenchArgumentTests {
    /// Runs `vigil bench restore <arguments>` from the repository root (stopped after 30 s);
    /// returns its exit status and standard error.
    func run(_ arguments: [String]) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = try vigilExecutable()
        process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        process.arguments = ["bench", "restore"] + arguments
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        // A refusal is immediate; a command that accepted the arguments would run a long benchmark.
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if process.isRunning { process.terminate() } }
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("too many merchants for the partitions: refused, naming the partitions needed")
    func tooFewPartitions() throws {
        let (status, error) = try run(["--merchants", "100000", "--partitions", "64"])
        #expect(status == 64, "a usage error (EX_USAGE): \(error)")
        #expect(error.contains("use --partitions 329 or more"), "\(error)")
    }

    @Test("fewer than 100 merchants: refused")
    func tooFewMerchants() throws {
        let (status, error) = try run(["--merchants", "10"])
        #expect(status == 64, "\(error)")
        #expect(error.contains("--merchants must be at least 100"), "\(error)")
    }
}
