extension ListingEvent {
    /// `seller`: the storefront as it was when the listing event was made.
    public struct SellerSnapshot: Sendable, Hashable {
        /// `store_age_days` (the contract sets no range).
        public var storeAgeDays: Int
        /// `template`: the storefront template.
        public var template: StoreTemplate
        /// `verified_id`: whether the merchant's identity is verified.
        public var verifiedID: Bool
        /// `device_id` the listing was made from.
        public var deviceID: String
        /// `ip` the listing was made from.
        public var ip: String
        /// `wifi_bssid`, or `nil` when the message says `null`.
        public var wifiBSSID: String?

        /// Creates a seller snapshot.
        public init(storeAgeDays: Int, template: StoreTemplate, verifiedID: Bool, deviceID: String, ip: String, wifiBSSID: String?) {
            self.storeAgeDays = storeAgeDays
            self.template = template
            self.verifiedID = verifiedID
            self.deviceID = deviceID
            self.ip = ip
            self.wifiBSSID = wifiBSSID
        }
    }

    /// `seller.template`.
    public enum StoreTemplate: String, Sendable, Hashable, CaseIterable, Codable {
        /// The marketplace's default storefront.
        case basic
        /// A customised storefront.
        case custom
    }
}

