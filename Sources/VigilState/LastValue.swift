/// A value together with the event time it was observed at.
public struct LastValue: Hashable, Sendable {
    /// The observed value.
    public var value: Double
    /// The event time of the observation, Unix epoch milliseconds.
    public var eventTimeMs: Int64

    /// Creates an observation.
    public init(value: Double, eventTimeMs: Int64) {
        self.value = value
        self.eventTimeMs = eventTimeMs
    }
}
