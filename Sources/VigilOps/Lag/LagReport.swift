import VigilKafka

/// A group's lag per partition with the member owning it, printed like
/// `kafka-consumer-groups.sh --describe` (CONSUMER-ID, HOST, CLIENT-ID).
///
/// Owners come from the group coordinator (DescribeGroups); where the brokers cannot
/// describe groups (the embedded cluster), from the owner stamp of each partition's last commit
/// (see ``VigilKafka/KafkaAdmin/partitionOwners(group:partitions:timeout:)``).
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
        /// The member owning the partition, `nil` when none is known (no member holds it, or it
        /// was never committed with an owner stamp).
        public var owner: KafkaPartitionOwner?
    }

    /// The consumer group.
    public var group: String
    /// Rows sorted by topic and partition.
    public var rows: [Row]

    /// Builds a report from ``VigilKafka/KafkaAdmin/lag(group:topics:timeout:)``'s answer and,
    /// optionally, the partitions' owners.
    public init(group: String, lags: [KafkaPartitionLag], owners: [KafkaTopicPartition: KafkaPartitionOwner] = [:]) {
        self.group = group
        self.rows = lags
            .map { Row(topic: $0.partition.topic, partition: $0.partition.partition, committed: $0.committed, endOffset: $0.endOffset, lag: $0.lag, owner: owners[$0.partition]) }
            .sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }

    /// Asks `source` for the group's lag on `topics` and the owner of each partition. Blocks
    /// while the brokers answer.
    public init(group: String, topics: [String], source: some LagSource) throws {
        let lags = try source.consumerLag(group: group, topics: topics)
        self.init(group: group, lags: lags, owners: try source.consumerOwners(group: group, partitions: lags.map(\.partition)))
    }

    /// Total lag over all rows.
    public var totalLag: Int64 { rows.reduce(0) { $0 + $1.lag } }

    /// The table: a `GROUP` line, then aligned columns
    /// `TOPIC PARTITION COMMITTED END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID` (`-` where unknown),
    /// then, when owners came from commit stamps, a note saying so.
    public func render() -> String {
        let header = ["TOPIC", "PARTITION", "COMMITTED", "END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"]
        let lines = rows.map { row in
            [row.topic, String(row.partition), row.committed.map(String.init) ?? "-", String(row.endOffset), String(row.lag),
             row.owner.map { $0.memberID.isEmpty ? "-" : $0.memberID } ?? "-", row.owner?.host ?? "-", row.owner?.clientID ?? "-"]
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
        if rows.contains(where: { $0.owner?.source == .lastCommit }) {
            out += "\nThese brokers cannot describe consumer groups: CONSUMER-ID, HOST and CLIENT-ID name the member that committed the partition last.\n"
        }
        return out
    }
}

import Foundation
