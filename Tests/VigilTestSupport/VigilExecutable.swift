import Foundation

/// The `vigil` executable could not be found; the message says how to build it.
public struct VigilExecutableNotFound: Error, CustomStringConvertible {
    /// What was searched, and the fix.
    public let description: String
}

/// Locates the `vigil` executable built next to the test bundle (`swift build --build-tests`),
/// searching up to four directories up from the bundle, then `.build/debug/vigil`.
/// - Throws: ``VigilExecutableNotFound`` when neither exists.
public func vigilExecutable() throws -> URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("vigil")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    let fallback = repositoryRoot.appendingPathComponent(".build/debug/vigil")
    guard FileManager.default.isExecutableFile(atPath: fallback.path) else {
        throw VigilExecutableNotFound(description: "the vigil executable was not found next to \(testBinary.path) or at \(fallback.path); run `swift build --build-tests` first")
    }
    return fallback
}
