import VigilRisk

/// How many records a simulation produced, per topic, and how many were late or duplicated.
public struct SimulationSummary: Sendable, Hashable, Codable {
    /// Records per topic (duplicates included).
    public var recordsPerTopic: [String: Int] = [:]
    /// Every record, duplicates included.
    public var records = 0
    /// Distinct `event_id`s.
    public var distinctEvents = 0
    /// Records delivered after a record of the same merchant with a later event time.
    public var outOfOrder = 0
    /// Largest such lateness, ms.
    public var maxOutOfOrder: Int64 = 0
    /// Merchants in the simulation.
    public var merchants: Int

    /// Counts `records` (in delivery order) of a simulation of `merchants` merchants.
    public init<S: Sequence>(records: S, merchants: Int) where S.Element == SimulatedRecord {
        self.merchants = merchants
        var tally = Tally()
        for record in records { tally.add(record, to: &self) }
        distinctEvents = tally.ids.count
    }

    /// Counts records as they stream by into a summary, keeping only event ids and each
    /// merchant's latest event time (not the records).
    public struct Tally: Sendable {
        var ids = Set<[UInt8]>()
        var latest: [String: Int64] = [:]

        /// An empty tally.
        public init() {}

        /// Counts `record` into `summary`.
        public mutating func add(_ record: SimulatedRecord, to summary: inout SimulationSummary) {
            summary.records += 1
            summary.recordsPerTopic[record.topic, default: 0] += 1
            ids.insert(Self.eventID(record.value))
            summary.distinctEvents = ids.count
            let seen = latest[record.key] ?? .min
            if record.eventTime < seen {
                summary.outOfOrder += 1
                summary.maxOutOfOrder = max(summary.maxOutOfOrder, seen - record.eventTime)
            } else {
                latest[record.key] = record.eventTime
            }
        }

        /// The bytes of the `event_id` value: the simulator writes it first, as `{"event_id":"…"`.
        private static func eventID(_ value: [UInt8]) -> [UInt8] {
            let start = 13  // {"event_id":"
            guard value.count > start, let end = value[start...].firstIndex(of: UInt8(ascii: "\"")) else { return value }
            return Array(value[start..<end])
        }
    }
}
