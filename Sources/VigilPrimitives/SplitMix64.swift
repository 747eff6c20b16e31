/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, seeded random number generator.
///
/// The same seed gives the same sequence in every process, run, platform and Swift version,
/// which is what makes simulated data sets, test inputs and benchmark workloads reproducible.
/// It passes BigCrush and needs 8 bytes of state. Not cryptographic.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var current: UInt64

    /// The generator's whole state: the next output is a function of it alone.
    @inlinable
    public var state: UInt64 { current }

    /// Creates a generator whose whole sequence is fixed by `seed`.
    @inlinable
    public init(seed: UInt64) { current = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        current &+= 0x9e37_79b9_7f4a_7c15
        var z = current
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    @inlinable
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// `next() % bound` for a positive `bound` (the modulo bias is negligible for small bounds,
    /// and the sequence is what benchmarks and tests rely on).
    @inlinable
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "SplitMix64.below needs a positive bound")
        return Int(next() % UInt64(bound))
    }
}
