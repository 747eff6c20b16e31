/// What changed in the tracker since the last ``RingTracker/takeChanges()``.
public struct RingChanges: Sendable, Hashable {
    /// Ids of live rings whose members, links or member risks changed, sorted.
    public let updated: [String]
    /// Ids that no longer name a ring, sorted: absorbed by a larger ring in a
    /// merge, or dissolved when a common identifier was withdrawn.
    public let retired: [String]
    /// Merchants whose ring features may have changed, sorted: members of updated rings,
    /// merchants whose own links or risk changed, and members of retired rings.
    public let merchants: [String]

    /// Creates a change set.
    public init(updated: [String], retired: [String], merchants: [String] = []) {
        self.updated = updated
        self.retired = retired
        self.merchants = merchants
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { updated.isEmpty && retired.isEmpty && merchants.isEmpty }
}
