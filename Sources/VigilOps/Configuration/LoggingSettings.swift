import Logging

extension VigilConfiguration {
    /// The `logging:` section.
    public struct LoggingSettings: Sendable, Equatable {
        /// `level`: trace, debug, info, notice, warning, error or critical. Default `info`.
        public var level = Logger.Level.info

        /// The defaults.
        public init() {}
    }
}
