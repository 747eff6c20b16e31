import Foundation

/// The consumer that holds (or last held) a partition for a group: what
/// `kafka-consumer-groups --describe` shows as CONSUMER-ID, HOST and CLIENT-ID.
public struct KafkaPartitionOwner: Sendable, Equatable {
    /// Where the ownership was learnt.
    public enum Source: String, Sendable, Equatable {
        /// The group coordinator's member list and assignments (DescribeGroups): the
        /// current owner.
        case groupDescription = "group"
        /// The owner stamp that ``KafkaConsumer/commit(_:)`` writes into each committed offset's
        /// metadata: the member that committed last, used when the brokers cannot describe groups
        /// (librdkafka's embedded cluster).
        case lastCommit = "last-commit"
    }

    /// The group member id the coordinator gave the consumer (empty for a consumer that was
    /// assigned partitions directly, without group membership).
    public var memberID: String
    /// The consumer's `client.id`.
    public var clientID: String
    /// The host the consumer runs on.
    public var host: String
    /// Where this was learnt.
    public var source: Source

    /// Creates an owner.
    public init(memberID: String, clientID: String, host: String, source: Source) {
        self.memberID = memberID
        self.clientID = clientID
        self.host = host
        self.source = source
    }

    /// The prefix of an owner stamp in offset-commit metadata.
    static let stampPrefix = "vigil.owner/1"

    /// The stamp written into offset-commit metadata: the prefix, client id, host and member id,
    /// separated by tabs (none of them contains a tab).
    var commitStamp: String {
        [Self.stampPrefix, clientID, host, memberID].map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t")
    }

    /// Reads a stamp written by ``commitStamp``; `nil` for metadata of any other form (another
    /// client's commit, or none).
    init?(commitStamp metadata: String) {
        let fields = metadata.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, fields[0] == Self.stampPrefix else { return nil }
        self.init(memberID: fields[3], clientID: fields[1], host: fields[2], source: .lastCommit)
    }

    /// This machine's host name, as a stamp records it (read once).
    static let localHost = ProcessInfo.processInfo.hostName
}
