import VigilState

/// Picks the lane for a key: `StableHash(key) % laneCount`, stable across processes and runs,
/// so a key's lane depends only on the key and the lane count.
///
/// A dedicated key (``Topology/dedicatedLaneKeys``) has a lane of its own instead, numbered after
/// the hashed ones in the order given: a stage whose state is one key (a global graph) then never
/// holds up the hashed keys that would otherwise share its lane.
public struct KeyRouter: Sendable {
    /// Number of hashed lanes.
    public let laneCount: Int
    /// Keys with a lane of their own: `dedicatedKeys[i]` runs on lane `laneCount + i`.
    public let dedicatedKeys: [String]

    /// Creates a router over `laneCount` hashed lanes and one lane per dedicated key.
    public init(laneCount: Int, dedicatedKeys: [String] = []) {
        precondition(laneCount >= 1, "at least one lane")
        self.laneCount = laneCount
        self.dedicatedKeys = dedicatedKeys
    }

    /// The lane index for a key.
    @inlinable
    public func lane(for key: String) -> Int {
        // Usually zero or one dedicated key: a scan of short strings beats a hash lookup.
        for (index, dedicated) in dedicatedKeys.enumerated() where dedicated == key { return laneCount + index }
        return Int(StableHash.hash(key) % UInt64(laneCount))
    }
}
