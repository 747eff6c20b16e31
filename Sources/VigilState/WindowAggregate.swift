/// The aggregates of one window at one point in event time, as returned by
/// ``SlidingWindow/snapshot(asOf:)``.
///
/// An aggregate that the window does not keep (see ``AggregateKinds``) is `nil`, and so are
/// `min`, `max`, `mean`, `variance` and `last` of an empty window.
public struct WindowAggregate: Hashable, Sendable {
    /// The number of events in the window.
    public var count: Int
    /// The sum of the values, `0` for an empty window; `nil` when not kept.
    public var sum: Double?
    /// The smallest value.
    public var min: Double?
    /// The largest value.
    public var max: Double?
    /// The arithmetic mean.
    public var mean: Double?
    /// The population variance (divided by `count`, not `count - 1`).
    public var variance: Double?
    /// The estimated number of distinct hashes, `0` for an empty window; `nil` when not kept.
    public var distinct: Int?
    /// The value with the latest event time (of equal times, the one added last).
    public var last: LastValue?

    /// Creates an aggregate from its parts.
    public init(
        count: Int,
        sum: Double? = nil,
        min: Double? = nil,
        max: Double? = nil,
        mean: Double? = nil,
        variance: Double? = nil,
        distinct: Int? = nil,
        last: LastValue? = nil
    ) {
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.mean = mean
        self.variance = variance
        self.distinct = distinct
        self.last = last
    }

    /// The population standard deviation, the square root of ``variance``.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }
}
