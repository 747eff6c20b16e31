import CRdKafka
import Logging
import Synchronization

/// librdkafka's rebalance callback, forwarded to the consumer's ``KafkaRebalanceListener``.
private func rebalanceCallback(_ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?) {
    guard let rk, let partitions, let opaque else { return }
    let context = Unmanaged<KafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    context.rebalance?(rk, err, partitions)
}

/// A consumer-group member: subscribe, poll in batches, commit exactly the offsets you mark done.
///
/// Threading: ``poll(maxMessages:timeout:)`` blocks and must be called from one dedicated
/// thread (never Swift concurrency's cooperative pool). The rebalance listener runs on that
/// thread, inside `poll`, before ownership changes. ``commit(_:)``, ``pause(_:)``, ``resume(_:)``
/// and the offset queries may be called from any thread.
///
/// Memory: librdkafka prefetches at most `queued.max.messages.kbytes` (default here 32 MiB)
/// per consumer; nothing else buffers, so a slow caller never grows memory.
///
/// Defaults, each overridable through ``KafkaConfiguration/properties``:
/// `enable.auto.commit=false`, `enable.auto.offset.store=false`, `auto.offset.reset=earliest`,
/// `partition.assignment.strategy=range,roundrobin`.
///
/// Cooperative rebalancing (`partition.assignment.strategy=cooperative-sticky`): the listener is
/// told only of the partitions that move, and the others stay assigned. A member that gave
/// partitions up is handed the rest of its assignment, then rejoins the group so the revoked
/// partitions can go to their new owner; until the assignment that follows, ``commit(_:)`` refuses
/// (``isRejoiningCooperatively``), because librdkafka 2.0.2 takes the illegal-generation answer
/// to a commit sent while it rejoins as a lost assignment and revokes every partition (librdkafka
/// issue #4059, fixed in 2.10.0). The same happens to a commit in flight when a rebalance that
/// another member started reaches this one, which the client cannot see coming: such a
/// rebalance revokes everything, as an eager one would (``lostAssignments`` counts them).
///
/// `@unchecked Sendable`: the native handle and queue are thread-safe; Swift state sits behind `Mutex`es.
public final class KafkaConsumer: @unchecked Sendable {
    /// Consumer defaults applied unless the configuration sets the property.
    public static let defaultProperties: [String: String] = [
        "enable.auto.commit": "false",
        "enable.auto.offset.store": "false",
        "auto.offset.reset": "earliest",
        "queued.max.messages.kbytes": "32768",
        "partition.assignment.strategy": "range,roundrobin",
    ]

    let client: KafkaClient
    private let queue: OpaquePointer
    private let logger: Logger
    private let topicNames = Mutex<[UInt: String]>([:])
    private let open = RunFlag(true)
    private let assignment = Mutex<Set<KafkaTopicPartition>>([])
    /// Partition → the offset at which librdkafka last reported its end (with `enable.partition.eof`).
    private let endsReached = Mutex<[KafkaTopicPartition: Int64]>([:])
    /// Bumped on every revoke, so `poll` knows when to drop records of partitions it no longer owns.
    private let revocations = Atomic<Int>(0)
    /// Where this member is in a cooperative rebalance it gave partitions up in.
    private enum CooperativePhase {
        /// Not rejoining: commits carry the current generation.
        case settled
        /// Partitions were revoked; librdkafka hands over the rest of the new assignment next,
        /// then rejoins.
        case revoked
        /// Rejoining the group, until the assignment of the rebalance that follows.
        case rejoining
    }
    private let phase = Mutex(CooperativePhase.settled)
    private let lost = Atomic<Int>(0)
    /// The consumer group id.
    public let groupID: String
    /// The client id reported to the brokers (`client.id`).
    public let clientID: String

    /// How many times a fetch position was no longer in its partition's log and was reset
    /// (`auto.offset.reset`): the records in between were deleted by retention before this
    /// consumer read them, so they are lost to it. 0 in a healthy deployment.
    public var outOfRangeResets: Int { client.context.outOfRangeResets.load(ordering: .relaxed) }

    /// Whether this member gave up partitions in a cooperative rebalance and is rejoining the
    /// group for its next assignment; ``commit(_:)`` refuses meanwhile.
    public var isRejoiningCooperatively: Bool { phase.withLock { $0 == .rejoining } }

    /// How many times the group took this member's partitions away as lost (all of them at once,
    /// without a chance to commit them: the member's generation had become invalid). 0 in a
    /// healthy group; see the cooperative notes on ``KafkaConsumer``.
    public var lostAssignments: Int { lost.load(ordering: .relaxed) }

    /// Creates a consumer in a group, validating the configuration now.
    /// - Parameters:
    ///   - configuration: Brokers and librdkafka properties.
    ///   - groupID: The consumer group (`group.id`).
    ///   - listener: Told of partition assignments and revocations before they take effect.
    ///   - logger: Receives librdkafka's log lines.
    public init(configuration: KafkaConfiguration, groupID: String, listener: some KafkaRebalanceListener = NoRebalanceListener(), logger: Logger = Logger(label: "vigil.kafka.consumer")) throws {
        var defaults = Self.defaultProperties
        defaults["group.id"] = groupID
        var configuration = configuration
        configuration.properties["group.id"] = configuration.properties["group.id"] ?? groupID
        let conf = try configuration.makeNativeConfiguration(defaults: defaults)
        let client = try KafkaClient(type: RD_KAFKA_CONSUMER, conf: conf, logger: logger) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rebalanceCallback)
        }
        self.client = client
        self.logger = logger
        self.groupID = groupID
        self.clientID = configuration.clientID
        rd_kafka_poll_set_consumer(client.handle)
        self.queue = rd_kafka_queue_get_consumer(client.handle)
        client.context.rebalance = { [unowned self] rk, err, list in
            self.handleRebalance(rk: rk, err: err, list: list, listener: listener)
        }
    }

    deinit {
        close()
        rd_kafka_queue_destroy(queue)
        client.destroy()
    }

    /// Subscribes to topics; partitions arrive through the rebalance listener as the group assigns them.
    public func subscribe(topics: [String]) throws {
        let list = TopicPartitionList.make(topics.map { KafkaTopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let err = rd_kafka_subscribe(client.handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(.subscribe, error: err, context: "could not subscribe to \(topics.joined(separator: ", "))")
        }
    }

    /// Takes partitions directly, without group membership (no rebalances; commits still go to the
    /// group's offsets). Partitions without a start offset resume from the committed position.
    public func assign(_ partitions: [KafkaTopicPartition], startOffsets: [KafkaTopicPartition: Int64] = [:]) throws {
        var offsets = startOffsets
        for partition in partitions where offsets[partition] == nil { offsets[partition] = -1000 } // RD_KAFKA_OFFSET_STORED
        let list = TopicPartitionList.make(partitions, offsets: offsets)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let err = rd_kafka_assign(client.handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(.subscribe, error: err, context: "could not assign \(partitions.count) partitions")
        }
        assignment.withLock { $0 = Set(partitions) }
    }

    /// The offset at which `partition`'s end was last reached by ``poll(maxMessages:timeout:)``,
    /// `nil` before. Needs `enable.partition.eof=true`. Under `isolation.level=read_committed` the
    /// end is the last stable offset: transaction markers and aborted records are never
    /// delivered, so reading up to the high watermark could wait forever.
    public func endReached(_ partition: KafkaTopicPartition) -> Int64? {
        endsReached.withLock { $0[partition] }
    }

    /// Topics known to the cluster, with their partition counts.
    public func topics(timeout: Duration = .seconds(10)) throws -> [KafkaTopicMetadata] {
        try clusterTopics(client: client, timeout: timeout)
    }

    /// The id of the Kafka cluster the consumer is connected to (from the brokers' metadata), or
    /// `nil` when the brokers do not report one within `timeout`.
    ///
    /// A checkpoint records it, so that state saved against one cluster is never applied to
    /// another whose topics merely have the same names.
    public func clusterID(timeout: Duration = .seconds(10)) -> String? {
        guard let raw = rd_kafka_clusterid(client.handle, Int32(timeout.milliseconds)) else { return nil }
        defer { rd_kafka_mem_free(client.handle, raw) }
        return String(cString: raw)
    }

    /// Partitions this consumer currently owns.
    public var assignedPartitions: Set<KafkaTopicPartition> { assignment.withLock { $0 } }

    /// Waits up to `timeout` for a first record and returns it with the records already fetched
    /// behind it, at most `maxMessages` (possibly none). It returns as soon as one record is
    /// there: it never waits to fill a batch.
    /// Rebalance notifications are delivered during this call. Per-partition order is preserved.
    ///
    /// Records of a partition revoked during this call are dropped: the listener has already been
    /// told the partition is gone, and its next owner reads them from the committed position.
    public func poll(maxMessages: Int = 5000, timeout: Duration = .milliseconds(100)) -> [KafkaConsumerMessage] {
        guard open.isSet else { return [] }
        let revocationsBefore = revocations.load(ordering: .acquiring)
        var buffer = [UnsafeMutablePointer<rd_kafka_message_t>?](repeating: nil, count: maxMessages)
        // What is already there, without waiting. A batch call with a timeout would wait for a
        // full batch or the whole timeout, so a steady trickle of records would wait up to
        // `timeout` each: instead wait for the first record only, then take what followed it.
        var count = rd_kafka_consume_batch_queue(queue, 0, &buffer, maxMessages)
        if count == 0, maxMessages > 0, let first = rd_kafka_consume_queue(queue, Int32(timeout.milliseconds)) {
            buffer[0] = first
            count = 1
            if maxMessages > 1 {
                let more = buffer.withUnsafeMutableBufferPointer { rd_kafka_consume_batch_queue(queue, 0, $0.baseAddress! + 1, maxMessages - 1) }
                if more > 0 { count += more }
            }
        }
        guard count > 0 else { return [] }
        var result: [KafkaConsumerMessage] = []
        result.reserveCapacity(count)
        var names = topicNames.withLock { $0 }
        var learnedName = false
        for index in 0..<count {
            guard let raw = buffer[index] else { continue }
            defer { rd_kafka_message_destroy(raw) }
            let message = raw.pointee
            let topicKey = UInt(bitPattern: message.rkt)
            let topic: String
            if let known = names[topicKey] {
                topic = known
            } else {
                topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                names[topicKey] = topic
                learnedName = true
            }
            if message.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                if message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                    let partition = KafkaTopicPartition(topic: topic, partition: message.partition)
                    endsReached.withLock { $0[partition] = message.offset }
                } else {
                    let error = KafkaError(.consume, error: message.err, context: "consuming \(topic)[\(message.partition)]")
                    logger.warning("\(error)")
                }
                continue
            }
            result.append(Self.convert(raw, topic: topic))
        }
        if learnedName { topicNames.withLock { $0 = names } }
        if revocations.load(ordering: .acquiring) != revocationsBefore {
            let owned = assignedPartitions
            result.removeAll { !owned.contains($0.topicPartition) }
        }
        return result
    }

    /// Commits the given positions for the group and waits for the broker's answer.
    ///
    /// A position is the offset of the *next* record to read, i.e. the last processed offset + 1.
    /// Only the partitions named are committed.
    ///
    /// Each committed offset carries an owner stamp in its metadata (client id, host, member id;
    /// see ``KafkaPartitionOwner``), so `vigil lag` can name the member that committed last where
    /// the brokers cannot describe the group.
    ///
    /// - Throws: ``KafkaError`` when the brokers refuse the commit, or at once while the member is
    ///   rejoining after a cooperative revoke (``isRejoiningCooperatively``): commit again after
    ///   the next assignment.
    public func commit(_ positions: [KafkaTopicPartition: Int64]) throws {
        guard !positions.isEmpty else { return }
        if isRejoiningCooperatively {
            throw KafkaError(.consume, error: RD_KAFKA_RESP_ERR__STATE, context: "commit of \(positions.count) partition positions for group \(groupID) deferred: this member gave partitions up in a cooperative rebalance and is rejoining, and librdkafka 2.0.2 would take the broker's illegal-generation answer to a commit sent now as a lost assignment and revoke every partition (librdkafka issue #4059, fixed in 2.10.0). Commit again after the next assignment")
        }
        let list = TopicPartitionList.make(Array(positions.keys), offsets: positions, metadata: ownerStamp)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let err = rd_kafka_commit(client.handle, list, 0)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw KafkaError(.consume, error: err, context: "commit of \(positions.count) partition positions for group \(groupID) failed")
        }
        for element in TopicPartitionList.read(list) where element.error != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(.consume, error: element.error, context: "commit of \(element.partition) at \(element.offset) failed")
        }
    }

    /// The group member id the coordinator gave this consumer; empty before it joined (or when
    /// partitions were assigned directly).
    public var memberID: String {
        guard let raw = rd_kafka_memberid(client.handle) else { return "" }
        defer { rd_kafka_mem_free(client.handle, raw) }
        return String(cString: raw)
    }

    /// What this consumer writes into the metadata of the offsets it commits.
    private var ownerStamp: String {
        KafkaPartitionOwner(memberID: memberID, clientID: clientID, host: KafkaPartitionOwner.localHost, source: .lastCommit).commitStamp
    }

    /// The group's committed positions for partitions (`-1001` = none committed yet).
    public func committed(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) throws -> [KafkaTopicPartition: Int64] {
        try committedPositions(client: client, partitions: partitions, timeout: timeout)
    }

    /// Stops fetching from these partitions until ``resume(_:)``.
    ///
    /// librdkafka discards the records it had already prefetched for them (a version barrier)
    /// and, on resume, fetches again from the position after the last record ``poll`` returned:
    /// nothing is skipped, but the prefetch is read twice. For short bursts, stop calling
    /// ``poll`` instead: the prefetch is bounded by `queued.max.messages.kbytes`.
    public func pause(_ partitions: [KafkaTopicPartition]) throws {
        try changeFlow(partitions, pause: true)
    }

    /// Resumes fetching from partitions paused with ``pause(_:)``.
    public func resume(_ partitions: [KafkaTopicPartition]) throws {
        try changeFlow(partitions, pause: false)
    }

    /// Low and high watermark offsets of a partition, asked of its leader.
    public func watermarks(_ partition: KafkaTopicPartition, timeout: Duration = .seconds(10)) throws -> KafkaWatermarks {
        try queryWatermarks(client: client, partition: partition, timeout: timeout)
    }

    /// Watermarks from librdkafka's local cache (updated by every fetch response; no network call).
    /// `nil` until the partition has been fetched from.
    public func cachedWatermarks(_ partition: KafkaTopicPartition) -> KafkaWatermarks? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return KafkaWatermarks(low: low, high: high)
    }

    /// Leaves the group at once (so its partitions move to other members without waiting for the
    /// session timeout), calling the listener's revoke first. Safe to call more than once.
    /// Blocks: call it from the polling thread or another non-cooperative thread.
    public func close() {
        guard open.clear() else { return }
        let err = rd_kafka_consumer_close(client.handle)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("\(KafkaError(.consume, error: err, context: "closing consumer of group \(groupID)"))")
        }
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { !open.isSet }

    private func changeFlow(_ partitions: [KafkaTopicPartition], pause: Bool) throws {
        guard !partitions.isEmpty else { return }
        let list = TopicPartitionList.make(partitions)
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let err = pause ? rd_kafka_pause_partitions(client.handle, list) : rd_kafka_resume_partitions(client.handle, list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(.consume, error: err, context: "\(pause ? "pausing" : "resuming") \(partitions.count) partitions failed")
        }
    }

    private func handleRebalance(rk: OpaquePointer, err: rd_kafka_resp_err_t, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, listener: some KafkaRebalanceListener) {
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        let partitions = TopicPartitionList.read(list).map(\.partition)
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            let starts = listener.consumer(self, willAssign: partitions)
            let count = Int(list.pointee.cnt)
            for index in 0..<count {
                let element = list.pointee.elems[index]
                let tp = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
                if let start = starts[tp] { list.pointee.elems[index].offset = start }
            }
            assignment.withLock { $0.formUnion(partitions) }
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, list) { logAndDestroy(error, "incremental assign") }
                // An assignment right after a revoke completes that rebalance, and librdkafka then
                // rejoins to hand the revoked partitions over; any other ends the rebalance.
                phase.withLock { $0 = $0 == .revoked ? .rejoining : .settled }
            } else {
                let result = rd_kafka_assign(rk, list)
                if result != RD_KAFKA_RESP_ERR_NO_ERROR { logger.error("\(KafkaError(.consume, error: result, context: "assign"))") }
            }
            logger.info("assigned \(partitions.count) partitions", metadata: ["partitions": "\(partitions.sorted())"])
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let wasLost = rd_kafka_assignment_lost(rk) != 0
            if wasLost {
                lost.add(1, ordering: .relaxed)
                logger.warning("group \(groupID) took all \(partitions.count) partitions of this member away as lost (its generation became invalid: a session timeout, or, with cooperative-sticky, a commit in flight while the group rebalanced, librdkafka issue #4059). What was processed since their last commit cannot be committed now and may be read again by their next owner; they are assigned again once the group has rebalanced")
            }
            listener.consumer(self, willRevoke: partitions)
            assignment.withLock { $0.subtract(partitions) }
            revocations.add(1, ordering: .releasing)
            if cooperative {
                // After a normal revoke librdkafka delivers the rest of the assignment, then rejoins;
                // after a lost one it rejoins at once. No commit from then to the next assignment.
                phase.withLock { $0 = wasLost ? .rejoining : .revoked }
                if let error = rd_kafka_incremental_unassign(rk, list) { logAndDestroy(error, "incremental unassign") }
            } else {
                _ = rd_kafka_assign(rk, nil)
            }
            logger.info("revoked \(partitions.count) partitions", metadata: ["partitions": "\(partitions.sorted())"])
        default:
            logger.error("\(KafkaError(.consume, error: err, context: "rebalance failed"))")
            assignment.withLock { $0.removeAll() }
            revocations.add(1, ordering: .releasing)
            _ = rd_kafka_assign(rk, nil)
        }
    }

    private func logAndDestroy(_ error: OpaquePointer, _ action: String) {
        logger.error("\(action) failed: \(String(cString: rd_kafka_error_string(error)))")
        rd_kafka_error_destroy(error)
    }

    private static func convert(_ raw: UnsafeMutablePointer<rd_kafka_message_t>, topic: String) -> KafkaConsumerMessage {
        let message = raw.pointee
        let key: [UInt8]? = message.key.map { Array(UnsafeRawBufferPointer(start: $0, count: message.key_len)) }
        let value: [UInt8]? = message.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: message.len)) }
        var headers: [KafkaHeader] = []
        var nativeHeaders: OpaquePointer?
        if rd_kafka_message_headers(raw, &nativeHeaders) == RD_KAFKA_RESP_ERR_NO_ERROR, let nativeHeaders {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(nativeHeaders, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(raw, &timestampType)
        return KafkaConsumerMessage(
            topic: topic,
            partition: message.partition,
            offset: message.offset,
            key: key,
            value: value,
            headers: headers,
            timestamp: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }
}
