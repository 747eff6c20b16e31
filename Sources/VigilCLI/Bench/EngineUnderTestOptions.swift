import ArgumentParser
import Foundation

/// The options of benchmarks that run `vigil run` in a child process: its configuration, the
/// scratch directory and extra arguments (`vigil bench topology`, `vigil bench latency`,
/// `vigil bench restore`).
struct EngineUnderTestOptions: ParsableArguments {
    /// Configuration file for vigil run. Default `config/vigil.yml`.
    @Option(help: "Configuration file for vigil run.")
    var config: String = "config/vigil.yml"

    /// Scratch directory; default a new one under the system's temporary directory.
    @Option(help: "Scratch directory (default: a new one under the system's temporary directory).")
    var directory: String?

    /// Extra arguments passed to vigil run, in order.
    @Option(name: .customLong("engine-arg"), parsing: .unconditionalSingleValue,
            help: "An extra argument for vigil run (repeatable), e.g. --engine-arg --kafka --engine-arg fetch.wait.max.ms=50.")
    var engineArguments: [String] = []

    func validate() throws {
        guard FileManager.default.fileExists(atPath: config) else {
            throw ValidationError("configuration \(config) not found; run from the repository root or pass --config")
        }
    }
}
