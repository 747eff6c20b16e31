extension ListingEvent {
    /// `action` of a listing event.
    public enum ListingAction: String, Sendable, Hashable, CaseIterable, Codable {
        /// A new listing.
        case create
        /// A change to an existing listing.
        case update
        /// The listing was taken down.
        case delist
    }
}

