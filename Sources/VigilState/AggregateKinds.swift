/// Which aggregates a window keeps. Memory is spent only on the kinds in the set.
///
/// The event count is always kept (8 bytes per bucket) because every other aggregate needs it
/// to tell an empty bucket from a full one. Per bucket the kinds cost:
///
/// | kinds                 | bytes per bucket                                   |
/// |-----------------------|----------------------------------------------------|
/// | `count` (always)      | 8 (+ 8 for the bucket's epoch tag)                 |
/// | `sum`                 | 8 (shared with `mean` when `variance` is not kept) |
/// | `min`, `max`          | 8 each                                             |
/// | `mean`                | 8 when kept with `variance`, else shares `sum`     |
/// | `variance`            | 16 (running mean and M2)                           |
/// | `last`                | 16 (value and its event time)                      |
/// | `distinct`            | a ``HyperLogLog`` sketch: 0 while empty, a few bytes per hash while sparse, `2^precision` bytes when dense |
public struct AggregateKinds: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The raw bit mask.
    public let rawValue: UInt16

    /// Creates a set from its raw bit mask.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The number of events. Always kept, whether or not it is in the set.
    public static let count = AggregateKinds(rawValue: 1 << 0)
    /// The sum of the values.
    public static let sum = AggregateKinds(rawValue: 1 << 1)
    /// The smallest value.
    public static let min = AggregateKinds(rawValue: 1 << 2)
    /// The largest value.
    public static let max = AggregateKinds(rawValue: 1 << 3)
    /// The arithmetic mean of the values.
    public static let mean = AggregateKinds(rawValue: 1 << 4)
    /// The population variance of the values (numerically stable: Welford per bucket, Chan's
    /// parallel formula across buckets).
    public static let variance = AggregateKinds(rawValue: 1 << 5)
    /// The estimated number of distinct hashes, by a ``HyperLogLog`` sketch per bucket.
    public static let distinct = AggregateKinds(rawValue: 1 << 6)
    /// The value with the latest event time.
    public static let last = AggregateKinds(rawValue: 1 << 7)

    /// Every aggregate.
    public static let all: AggregateKinds = [.count, .sum, .min, .max, .mean, .variance, .distinct, .last]

    /// The bits that name an aggregate; others are rejected when decoding.
    static let knownBits: UInt16 = all.rawValue

    /// The kinds' names joined by `+`, e.g. `count+sum+distinct`.
    public var description: String {
        let names: [(AggregateKinds, String)] = [
            (.count, "count"), (.sum, "sum"), (.min, "min"), (.max, "max"),
            (.mean, "mean"), (.variance, "variance"), (.distinct, "distinct"), (.last, "last"),
        ]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "[]" : present.joined(separator: "+")
    }
}
