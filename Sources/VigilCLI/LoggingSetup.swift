import Logging

/// How every `vigil` command sets up swift-log: one line per event on standard error.
enum LoggingSetup {
    /// Bootstraps logging once for the process at `level` (default: warnings and above).
    static func bootstrap(level: Logger.Level = .warning) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
