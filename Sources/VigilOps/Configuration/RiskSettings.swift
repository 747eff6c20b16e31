extension VigilConfiguration {
    /// The `risk:` section.
    public struct RiskSettings: Sendable, Equatable {
        /// `config`: the risk scoring configuration file. Default `nil`: the risk operator's built-in defaults.
        public var config: String?
        /// `brands`: the brand registry file (contract: brand registry). Default `nil`: start with
        /// an empty registry and learn brands from `marketplace.brands`.
        public var brands: String?
        /// `feature_log`: whether the merchant stage writes its point-in-time feature rows to
        /// `vigil.feature-log` (for `vigil train`). Default `true`.
        public var featureLog = true
        /// `cases`: the case store (SQLite) for leads, verdicts and labels. Default
        /// ``defaultCases``, next to the state checkpoints' `.vigil/state.sqlite`.
        public var cases = RiskSettings.defaultCases

        /// The case store's default file: `.vigil/cases.sqlite`. The one place it is written;
        /// `vigil run` and `vigil leads` use it (`vigil demo` keeps its case store in its work directory).
        public static let defaultCases = ".vigil/cases.sqlite"

        /// The defaults.
        public init() {}
    }
}
