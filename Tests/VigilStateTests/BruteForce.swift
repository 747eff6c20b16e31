@testable import VigilState

/// One generated event.
struct TestEvent: Sendable, CustomStringConvertible {
    var timeMs: Int64
    var value: Double
    var distinctID: Int

    var description: String { "(\(timeMs), \(value), #\(distinctID))" }
}

/// Recomputes a window's aggregates from the raw events, with the window's documented bucket
/// semantics: events whose bucket lies in the `bucketCount` buckets ending with `asOf`'s bucket
/// and not before the oldest bucket kept relative to the latest bucket seen.
enum BruteForce {
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && a < 0) ? q - 1 : q
    }

    static func included(_ events: [TestEvent], spec: WindowSpec, asOf: Int64) -> [TestEvent] {
        guard let latest = events.map({ floorDiv($0.timeMs, spec.bucketMs) }).max() else { return [] }
        let n = Int64(spec.bucketCount)
        let asOfEpoch = floorDiv(asOf, spec.bucketMs)
        return events.filter {
            let e = floorDiv($0.timeMs, spec.bucketMs)
            return e > asOfEpoch - n && e <= asOfEpoch && e > latest - n
        }
    }

    struct Expected {
        var count: Int
        var sum: Double
        var min: Double?
        var max: Double?
        var mean: Double?
        var variance: Double?
        var distinct: Int
        var last: LastValue?
    }

    static func aggregate(_ events: [TestEvent]) -> Expected {
        guard !events.isEmpty else {
            return Expected(count: 0, sum: 0, min: nil, max: nil, mean: nil, variance: nil, distinct: 0, last: nil)
        }
        let values = events.map(\.value)
        let n = Double(values.count)
        let sum = values.reduce(0, +)
        let mean = sum / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        var last = events[0]
        for event in events.dropFirst() where event.timeMs >= last.timeMs { last = event }
        return Expected(
            count: values.count, sum: sum, min: values.min(), max: values.max(), mean: mean, variance: variance,
            distinct: Set(events.map(\.distinctID)).count,
            last: LastValue(value: last.value, eventTimeMs: last.timeMs)
        )
    }

    /// Equal within 1e-9 relative (with 1 as the floor of the scale, for values near zero).
    static func close(_ a: Double?, _ b: Double?, relative: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return abs(a - b) <= relative * Swift.max(1, abs(a), abs(b))
        default: return false
        }
    }

    /// Whether a HyperLogLog estimate is within five standard errors of the exact count (and
    /// within 3 for tiny counts, where linear counting is nearly exact), beyond the error that
    /// register collisions among these very hashes account for.
    ///
    /// Two distinct values whose hashes share a register index count once in any sketch of
    /// that precision: no estimator can see them apart. The ids of a generated stream come
    /// from a small fixed universe (0...400 has 24 such pairs at precision 12), and a property
    /// test checks thousands of overlapping window states, so collisions land in the tail of
    /// their Poisson distribution in most runs. Counting them here by brute force keeps the
    /// bound sharp for what the estimator itself can get wrong; a property test makes tens of
    /// thousands of such checks, so the bound must make a false alarm negligible.
    static func distinctWithinBound(_ estimate: Int, hashes: [UInt64], precision: Int) -> Bool {
        let exact = Set(hashes).count
        let occupiedRegisters = Set(hashes.map { $0 >> UInt64(64 - precision) }).count
        let collisions = exact - occupiedRegisters
        let sigma = 1.04 / Double(1 << precision).squareRoot()
        return Double(abs(estimate - exact)) <= Double(collisions) + Swift.max(3, 5 * sigma * Double(exact))
    }
}
