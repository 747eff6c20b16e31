import CRdKafka

extension KafkaAdmin {
    /// Who owns each of `partitions` for `group`, like `kafka-consumer-groups --describe`.
    ///
    /// Asks the group coordinator first (`DescribeConsumerGroups`: the members and their current
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

    /// The group's members and their assignments, from the coordinator (`DescribeConsumerGroups`).
    /// - Throws: ``KafkaError`` with the coordinator's code, `_UNSUPPORTED_FEATURE` when the
    ///   brokers cannot describe groups.
    func describeGroupMembers(group: String, timeout: Duration) throws -> [DescribedMember] {
        let queue = rd_kafka_queue_new(client.handle)
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 512)
        _ = rd_kafka_AdminOptions_set_request_timeout(options, Int32(timeout.milliseconds), &errstr, errstr.count)
        group.withCString { name in
            var names: [UnsafePointer<CChar>?] = [name]
            names.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_DescribeConsumerGroups(client.handle, buffer.baseAddress, 1, options, queue)
            }
        }
        guard let event = rd_kafka_queue_poll(queue, Int32(timeout.milliseconds) + 1000) else {
            throw KafkaError(.timeout, message: "describing group '\(group)' got no answer within \(timeout); are the brokers reachable?")
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        if eventError != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(.admin, code: eventError.rawValue, message: "DescribeConsumerGroups of '\(group)' failed: \(String(cString: rd_kafka_event_error_string(event)))")
        }
        guard let result = rd_kafka_event_DescribeConsumerGroups_result(event) else { return [] }
        var count = 0
        guard let groups = rd_kafka_DescribeConsumerGroups_result_groups(result, &count), count > 0, let description = groups[0] else { return [] }
        if let error = rd_kafka_ConsumerGroupDescription_error(description) {
            throw KafkaError(.admin, code: rd_kafka_error_code(error).rawValue,
                             message: "describing group '\(group)' failed: \(String(cString: rd_kafka_error_string(error)))")
        }
        return (0..<rd_kafka_ConsumerGroupDescription_member_count(description)).compactMap { index in
            guard let member = rd_kafka_ConsumerGroupDescription_member(description, index) else { return nil }
            let owner = KafkaPartitionOwner(
                memberID: String(cString: rd_kafka_MemberDescription_consumer_id(member)),
                clientID: String(cString: rd_kafka_MemberDescription_client_id(member)),
                host: String(cString: rd_kafka_MemberDescription_host(member)),
                source: .groupDescription
            )
            let assigned = rd_kafka_MemberDescription_assignment(member).flatMap { rd_kafka_MemberAssignment_partitions($0) }
            return DescribedMember(owner: owner, partitions: assigned.map { TopicPartitionList.read($0).map(\.partition) } ?? [])
        }
    }
}
