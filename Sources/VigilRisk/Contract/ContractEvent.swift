/// What every input event of the contract has: `event_id`, `merchant_id` and `ts`.
public protocol ContractEvent: Sendable, Hashable {
    /// The kind of event, i.e. which topic it comes from.
    static var kind: EventKind { get }
    /// `event_id`: globally unique, 1...128 Unicode scalars; a redelivery repeats it.
    var eventID: String { get }
    /// `merchant_id`: 1...64 Unicode scalars; equals the Kafka key.
    var merchantID: String { get }
    /// `ts`: event time in Unix epoch milliseconds.
    var ts: Int64 { get }
}
