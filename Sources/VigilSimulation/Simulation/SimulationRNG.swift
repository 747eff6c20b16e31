import Foundation
import VigilPrimitives
import VigilRisk

/// The simulator's own deterministic random number generator: ``SplitMix64`` with the
/// simulator's helpers (ranges, forks, distributions).
///
/// Never the system generator: the same seed gives the same integer sequence in every
/// process, run, platform and Swift version, which is what makes simulated data sets
/// reproducible byte for byte. (The few helpers that use `log`/`exp`/`cos` rely on the
/// platform's libm, which is deterministic per platform.) Not cryptographic.
///
/// SplitMix64 (Steele, Lea and Flood, 2014) passes BigCrush, needs 8 bytes of state and
/// forks cheaply: ``fork(_:)`` derives an independent stream per merchant, so one merchant's
/// events do not depend on how many random numbers another merchant drew.
public struct SimulationRNG: RandomNumberGenerator, Sendable, Hashable {
    private var base: SplitMix64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { base = SplitMix64(seed: seed) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { base.next() }

    /// An independent generator for sub-stream `stream` (e.g. a merchant's index), derived
    /// from this generator's seed only: forking does not advance `self`.
    public func fork(_ stream: UInt64) -> SimulationRNG {
        var mixer = SimulationRNG(seed: base.state ^ (stream &* 0xd1b5_4a32_d192_ed03))
        return SimulationRNG(seed: mixer.next())
    }

    /// A uniform integer in `range` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform 64-bit integer in `range`.
    public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        return range.lowerBound + Int64(next().multipliedFullWidth(by: span).high)
    }

    /// A uniform `Double` in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double { base.unit() }

    /// A uniform `Double` in `range`.
    public mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ elements: C) -> C.Element {
        precondition(!elements.isEmpty, "SimulationRNG.pick needs a non-empty collection")
        let offset = int(in: 0...(elements.count - 1))
        return elements[elements.index(elements.startIndex, offsetBy: offset)]
    }

    /// An exponential waiting time with the given mean (for Poisson arrivals).
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - unit())
    }

    /// A Poisson-distributed count with the given mean (Knuth's method; fine for small means).
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var count = 0
        var product = unit()
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// A standard normal deviate (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(unit(), 0x1.0p-53)
        let u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// 16 lowercase hex digits of fresh random bits (identifiers, hashes).
    public mutating func hex64() -> String { FNV1a64.hex(next()) }
}
