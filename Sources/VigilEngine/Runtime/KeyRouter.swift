import VigilState

/// Picks the lane for a key: `StableHash(key) % laneCount`, stable across processes and runs,
/// so a key's lane depends only on the key and the lane count.
public struct KeyRouter: Sendable {
    /// Number of lanes.
    public let laneCount: Int

    /// Creates a router.
    public init(laneCount: Int) {
        precondition(laneCount >= 1, "at least one lane")
        self.laneCount = laneCount
    }

    /// The lane index for a key.
    @inlinable
    public func lane(for key: String) -> Int {
        Int(StableHash.hash(key) % UInt64(laneCount))
    }
}
