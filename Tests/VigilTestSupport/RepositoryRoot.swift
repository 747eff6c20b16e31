import Foundation

/// The repository's root directory (the one holding `Package.swift`), for tests that read its
/// configuration files or run its executables.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // VigilTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()
