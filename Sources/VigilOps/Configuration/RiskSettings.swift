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

        /// The defaults.
        public init() {}
    }
}
