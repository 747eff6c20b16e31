extension VigilConfiguration {
    /// The `admin:` section.
    public struct AdminSettings: Sendable, Equatable {
        /// `address`: where `/metrics`, `/health` and `/ready` are served. Default `127.0.0.1:9464`.
        public var address = AdminAddress.default

        /// The defaults.
        public init() {}
    }
}
