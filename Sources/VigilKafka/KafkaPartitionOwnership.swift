import CRdKafka

extension KafkaAdmin {
    /// Who owns each of `partitions` for `group`, like `kafka-consumer-groups --describe`.
    ///
    /// Asks the group coordinator first (DescribeGroups: the members and their current
    /// assignments). Where the brokers do not support that request (librdkafka's embedded
    /// cluster answers `_UNSUPPORTED_FEATURE`), falls back to the owner stamps that
    /// ``KafkaConsumer/commit(_:)`` writes into the committed offsets' metadata: the member that
    /// committed each partition last. Partitions with no known owner are absent.
    /// - Throws: when neither the coordinator nor the committed offsets can be read.
    public func partitionOwners(group: String, partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) throws -> [KafkaTopicPartition: KafkaPartitionOwner] {
        do {
            let wanted = Set(partitions)
            var owners: [KafkaTopicPartition: KafkaPartitionOwner] = [:]
            for member in try describeGroupMembers(group: group, timeout: timeout) {
                for partition in member.partitions where wanted.contains(partition) { owners[partition] = member.owner }
            }
            return owners
        } catch let error as KafkaError where error.code == RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE.rawValue {
            logger.debug("the brokers cannot describe group '\(group)' (\(error.message)); reading the owners stamped in its commits")
            return try committedOwners(client: offsetReader(group: group), partitions: partitions, timeout: timeout)
        }
    }

    /// One member of a described group and the partitions assigned to it.
    struct DescribedMember {
        var owner: KafkaPartitionOwner
        var partitions: [KafkaTopicPartition]
    }

    /// The group's members and their assignments, from the coordinator (ListGroups and
    /// DescribeGroups through `rd_kafka_list_groups`, each member's assignment bytes decoded as
    /// the consumer protocol's ``ConsumerMemberAssignment``). `rd_kafka_DescribeConsumerGroups`
    /// is not used: in librdkafka 2.0.2, after it ran against the embedded cluster the client
    /// handle can no longer be destroyed.
    /// - Throws: ``KafkaError`` with the coordinator's code, `_UNSUPPORTED_FEATURE` when the
    ///   brokers cannot describe groups.
    func describeGroupMembers(group: String, timeout: Duration) throws -> [DescribedMember] {
        var list: UnsafePointer<rd_kafka_group_list>?
        let err = rd_kafka_list_groups(client.handle, group, &list, Int32(timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            throw KafkaError(.admin, error: err, context: "describing group '\(group)'")
        }
        defer { rd_kafka_group_list_destroy(list) }
        var members: [DescribedMember] = []
        for groupIndex in 0..<Int(list.pointee.group_cnt) {
            let info = list.pointee.groups[groupIndex]
            guard String(cString: info.group) == group else { continue }
            guard info.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                throw KafkaError(.admin, error: info.err, context: "describing group '\(group)'")
            }
            // Only the consumer protocol's assignments are partition lists.
            guard info.protocol_type.map({ String(cString: $0) }) == "consumer" else { continue }
            for memberIndex in 0..<Int(info.member_cnt) {
                let member = info.members[memberIndex]
                let bytes = member.member_assignment.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: Int(member.member_assignment_size))) } ?? []
                let owner = KafkaPartitionOwner(
                    memberID: String(cString: member.member_id),
                    clientID: String(cString: member.client_id),
                    host: String(cString: member.client_host),
                    source: .groupDescription
                )
                members.append(DescribedMember(owner: owner, partitions: try ConsumerMemberAssignment(bytes: bytes).partitions))
            }
        }
        return members
    }
}
