import VigilKafka

/// A group's lag per partition, printed like `kafka-consumer-groups.sh --describe`.
///
/// The OWNER column (Kafka's CONSUMER-ID/HOST/CLIENT-ID) is always `-`: the admin API that lists
/// a group's members and their assignments (`DescribeConsumerGroups`) is not bound in
/// `VigilKafka`, so ownership is not known from the admin view.
public struct LagReport: Sendable, Equatable {
    /// One partition's line.
    public struct Row: Sendable, Equatable {
        /// Topic name.
        public var topic: String
        /// Partition number.
        public var partition: Int32
        /// The group's committed position, `nil` if it never committed.
        public var committed: Int64?
        /// The partition's end offset (high watermark).
        public var endOffset: Int64
        /// Records not yet committed (see ``VigilKafka/KafkaPartitionLag/lag``).
        public var lag: Int64
        /// The member owning the partition, or `-` when unknown (always, for now).
        public var owner: String
    }

    /// The consumer group.
    public var group: String
    /// Rows sorted by topic and partition.
    public var rows: [Row]

    /// Builds a report from ``VigilKafka/KafkaAdmin/lag(group:topics:timeout:)``'s answer.
    public init(group: String, lags: [KafkaPartitionLag]) {
        self.group = group
        self.rows = lags
            .map { Row(topic: $0.partition.topic, partition: $0.partition.partition, committed: $0.committed, endOffset: $0.endOffset, lag: $0.lag, owner: "-") }
            .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Asks `source` for the group's lag on `topics`. Blocks while the brokers answer.
    public init(group: String, topics: [String], source: some LagSource) throws {
        self.init(group: group, lags: try source.consumerLag(group: group, topics: topics))
    }

    /// Total lag over all rows.
    public var totalLag: Int64 { rows.reduce(0) { $0 + $1.lag } }

    /// The table: a `GROUP` line, then aligned columns `TOPIC PARTITION COMMITTED END-OFFSET LAG OWNER`
    /// (`-` for a partition the group never committed), then a note on OWNER.
    public func render() -> String {
        let header = ["TOPIC", "PARTITION", "COMMITTED", "END-OFFSET", "LAG", "OWNER"]
        let lines = rows.map { row in
            [row.topic, String(row.partition), row.committed.map(String.init) ?? "-", String(row.endOffset), String(row.lag), row.owner]
        }
        let widths = header.indices.map { column in
            ([header] + lines).map { $0[column].count }.max() ?? 0
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated()
                .map { index, cell in index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        var out = "GROUP \(group)  TOTAL LAG \(totalLag)\n\n"
        out += format(header) + "\n"
        for line in lines { out += format(line) + "\n" }
        out += "\nOWNER is '-': group membership (DescribeConsumerGroups) is not available through VigilKafka's admin client.\n"
        return out
    }
}

import Foundation
