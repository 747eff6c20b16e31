import Foundation
import Logging

/// Makes sure topics exist with at least the partitions they need, creating the missing ones:
/// through the in-process embedded cluster when it serves the bootstrap list (it has no
/// CreateTopics handler), through the Admin API otherwise.
public struct KafkaTopicProvisioner: Sendable {
    /// The cluster to provision.
    public let configuration: KafkaConfiguration
    /// Where topic creation is logged.
    public let logger: Logger

    /// Creates a provisioner for the cluster of `configuration`.
    public init(configuration: KafkaConfiguration, logger: Logger = Logger(label: "vigil.kafka.topics")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Creates the topics of `specifications` that do not exist; returns every topic's partition
    /// count as the cluster now reports it.
    /// - Throws: ``KafkaError`` naming the topic when one cannot be created, or when an existing
    ///   one has fewer partitions than specified (its state could not follow its input's
    ///   partitions), with how to fix it.
    @discardableResult
    public func ensure(_ specifications: [KafkaTopicSpecification], timeout: Duration = .seconds(30)) throws -> [String: Int32] {
        let admin = try KafkaAdmin(configuration: configuration.with("client.id", "\(configuration.clientID)-topics"), logger: logger)
        var counts = Dictionary(try admin.listTopics(timeout: timeout).map { ($0.name, Int32($0.partitionCount)) }) { first, _ in first }
        let missing = specifications.filter { counts[$0.name] == nil }
        if !missing.isEmpty {
            if let embedded = EmbeddedKafkaCluster.inProcess(servingBootstrap: configuration.bootstrapServers) {
                try embedded.createTopics(missing)
            } else {
                do { try admin.createTopics(missing, timeout: timeout) } catch {
                    let list = missing.map { "'\($0.name)' (\($0.partitions) partitions, \($0.config.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ", ")))" }
                    throw KafkaError(.admin, message: "could not create \(list.joined(separator: "; ")): \(error). Create them on the brokers (vigil broker creates them on the embedded cluster)")
                }
            }
            logger.info("created topics \(missing.map(\.name).joined(separator: ", "))")
            let deadline = ContinuousClock.now.advanced(by: timeout)
            while true {
                counts = Dictionary(try admin.listTopics(timeout: timeout).map { ($0.name, Int32($0.partitionCount)) }) { first, _ in first }
                if missing.allSatisfy({ counts[$0.name] != nil }) { break }
                guard ContinuousClock.now < deadline else {
                    throw KafkaError(.timeout, message: "topics \(missing.map(\.name).joined(separator: ", ")) were created but do not appear in the cluster's metadata after \(timeout)")
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        for specification in specifications {
            guard let count = counts[specification.name], count < specification.partitions else { continue }
            throw KafkaError(.admin, message: "topic '\(specification.name)' has \(count) partitions but needs \(specification.partitions) (one per partition of its input); delete it and let Vigil create it, or add partitions")
        }
        return counts
    }
}
