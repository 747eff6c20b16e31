import CRdKafka

/// The transactional producer: outputs and input offsets committed atomically.
///
/// Requires `transactional.id` in the producer's configuration. One transaction is open at a time: ``beginTransaction()``,
/// send records, ``sendOffsetsToTransaction(_:consumer:timeout:)``, ``commitTransaction(timeout:)``
/// (or ``abortTransaction(timeout:)``). A consumer with `isolation.level=read_committed` then sees
/// the records of committed transactions only. Starting a producer with the same transactional
/// id fences the older one: its transaction is aborted and it can no longer commit.
extension KafkaProducer {
    /// What a failed transactional call means for the caller.
    public struct TransactionError: Error, CustomStringConvertible, Sendable {
        /// What failed, with librdkafka's reason.
        public let message: String
        /// The call may be retried as it is.
        public let isRetriable: Bool
        /// The transaction must be aborted (its records are not committed); the producer stays usable.
        public let requiresAbort: Bool
        /// The producer is unusable (fenced by a newer instance with the same transactional id, or
        /// a fatal broker error): close it and restart from the committed state.
        public let isFatal: Bool

        /// The message with what it means for the caller.
        public var description: String {
            "Kafka transaction error: \(message)\(isFatal ? " (fatal: another instance with the same transactional.id took over, or the producer failed; restart from the committed state)" : requiresAbort ? " (the transaction must be aborted)" : "")"
        }
    }

    /// Registers the transactional id with the brokers, fencing any older producer that used it
    /// and aborting its open transaction. Call once, before the first transaction.
    public func initTransactions(timeout: Duration = .seconds(30)) throws {
        try check(rd_kafka_init_transactions(client.handle, Int32(timeout.milliseconds)), "initializing transactions")
    }

    /// Starts a transaction: records sent from now on belong to it.
    public func beginTransaction() throws {
        try check(rd_kafka_begin_transaction(client.handle), "beginning a transaction")
    }

    /// Adds input positions (next offsets to read) to the open transaction, for `consumer`'s
    /// group: they are committed if and only if the transaction is.
    public func sendOffsetsToTransaction(_ positions: [KafkaTopicPartition: Int64], consumer: KafkaConsumer, timeout: Duration = .seconds(30)) throws {
        guard !positions.isEmpty else { return }
        guard let metadata = rd_kafka_consumer_group_metadata(consumer.client.handle) else {
            throw TransactionError(message: "the consumer has no group metadata", isRetriable: false, requiresAbort: true, isFatal: false)
        }
        defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
        let list = TopicPartitionList.make(Array(positions.keys), offsets: positions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        try check(rd_kafka_send_offsets_to_transaction(client.handle, list, metadata, Int32(timeout.milliseconds)), "sending \(positions.count) offsets to the transaction")
    }

    /// Commits the open transaction (flushing its records first).
    public func commitTransaction(timeout: Duration = .seconds(30)) throws {
        try check(rd_kafka_commit_transaction(client.handle, Int32(timeout.milliseconds)), "committing the transaction")
    }

    /// Aborts the open transaction: its records are never seen by `read_committed` consumers.
    public func abortTransaction(timeout: Duration = .seconds(30)) throws {
        try check(rd_kafka_abort_transaction(client.handle, Int32(timeout.milliseconds)), "aborting the transaction")
    }

    private func check(_ error: OpaquePointer?, _ action: String) throws {
        guard let error else { return }
        defer { rd_kafka_error_destroy(error) }
        throw TransactionError(
            message: "\(action) failed: \(String(cString: rd_kafka_error_string(error))) (\(String(cString: rd_kafka_error_name(error))))",
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            requiresAbort: rd_kafka_error_txn_requires_abort(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0
        )
    }
}
