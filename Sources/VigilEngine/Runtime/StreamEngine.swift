import Dispatch
import Foundation
import Logging
import Synchronization
import VigilKafka
import VigilState

/// Runs a ``Topology``: consumes its sources, routes records to keyed lanes, produces outputs,
/// and commits an input offset only when every output it caused (and every earlier offset) is
/// acknowledged by Kafka.
///
/// With a ``CheckpointStorage`` the engine commits only at checkpoints, the same position it saved
/// with the state, so a restart restores state that agrees exactly with the input it replays
/// (outputs after the checkpoint are produced again, with the same content). Without one it
/// commits every ``EngineConfiguration/commitInterval``.
///
/// Threads: ``run()`` blocks its caller, which becomes the consumer thread (decoding, routing,
/// commits, checkpoints and rebalance handling happen there); each lane is a serial
/// `DispatchQueue`; delivery reports arrive on the producer's poller thread. Nothing blocks
/// Swift concurrency's cooperative pool.
public final class StreamEngine: @unchecked Sendable {
    /// The topology being run.
    public let topology: Topology
    /// The engine's metrics.
    public let metrics = EngineMetrics()

    private let configuration: EngineConfiguration
    private let checkpoints: (any CheckpointStorage)?
    private let logger: Logger
    private let lanes: [Lane]
    private let laneDrained = DrainSignal()
    private let router: KeyRouter
    private let producer: KafkaProducer
    private let operatorsByName: [String: Topology.Operator]
    private let operatorsBySource: [String: [Topology.Operator]]
    /// Output metric handles per topic the engine writes to, resolved once.
    private let outputMetrics: [String: OutputMetrics]
    private let lateness: [String: Bool]
    private let stopRequested = Atomic<Bool>(false)
    private let statusBox = Mutex(EngineStatus())

    // Touched only on the consumer thread (the run loop and the rebalance callbacks inside poll).
    private var consumer: KafkaConsumer?
    private var progress: [KafkaTopicPartition: PartitionProgress] = [:]
    private var maxEventTime: [KafkaTopicPartition: Int64] = [:]
    private var lastCommitted: [KafkaTopicPartition: Int64] = [:]
    private var paused = false
    /// When the lanes last went over capacity (nil while they are not).
    private var fullSince: ContinuousClock.Instant?
    private var restoredShards = Set<Int32>()
    /// Decoded records waiting for their turn in event-time order (see ``InputAligner``).
    private var aligner: InputAligner<PendingRecord>
    /// The owned input partitions, by partition number (the shards the aligner orders).
    private var inputsByShard: [Int32: [KafkaTopicPartition]] = [:]
    /// The same, limited to the sources that are aligned by event time.
    private var alignedInputsByShard: [Int32: [KafkaTopicPartition]] = [:]
    /// Whether some shard has two or more inputs to put in event-time order.
    private var alignmentNeeded = false

    /// Creates an engine; connects the producer now (so bad Kafka configuration fails here).
    /// - Parameters:
    ///   - topology: A validated topology.
    ///   - configuration: Kafka settings and runtime limits.
    ///   - checkpoints: Where partition state is saved; `nil` runs without state checkpoints.
    public init(topology: Topology, configuration: EngineConfiguration, checkpoints: (any CheckpointStorage)?, logger: Logger = Logger(label: "vigil.engine")) throws {
        self.topology = topology
        self.configuration = configuration
        self.checkpoints = checkpoints
        self.logger = logger
        let laneDrained = self.laneDrained
        self.lanes = (0..<topology.laneCount).map { Lane(index: $0, drained: laneDrained) }
        self.router = KeyRouter(laneCount: topology.laneCount)
        self.producer = try KafkaProducer(configuration: configuration.kafka, logger: Logger(label: "vigil.kafka.producer"))
        self.operatorsByName = Dictionary(uniqueKeysWithValues: topology.operators.map { ($0.name, $0) })
        self.operatorsBySource = Dictionary(uniqueKeysWithValues: topology.sources.map { source in
            (source.name, topology.operators.filter { $0.sources.contains(source.name) })
        })
        let outputTopics = Set(topology.sinkTopics.values).union([topology.deadLetterTopic]).union(topology.lateTopic.map { [$0] } ?? [])
        let metrics = self.metrics
        self.outputMetrics = Dictionary(uniqueKeysWithValues: outputTopics.map { ($0, metrics.outputMetrics(topic: $0)) })
        metrics.prepareInputs(topology.inputTopics)
        self.lateness = Dictionary(uniqueKeysWithValues: topology.sources.map { ($0.topic, $0.tracksLateness) })
        self.aligner = InputAligner(maximumWait: configuration.alignmentWait, capacity: configuration.laneCapacity)
    }

    /// A snapshot of what the engine is doing.
    public var status: EngineStatus { statusBox.withLock { $0 } }

    /// Asks ``run()`` to stop gracefully: stop fetching, drain the lanes, flush, checkpoint, commit,
    /// leave the group. Safe from any thread, any number of times.
    public func stop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Runs until ``stop()`` is called; blocks the calling thread, which must not be part of
    /// Swift concurrency's cooperative pool.
    /// - Throws: ``EngineError`` when an output cannot be delivered (nothing past it is committed)
    ///   or the consumer cannot subscribe.
    public func run() throws {
        var properties = configuration.kafka.properties
        properties.merge(configuration.consumerProperties) { $1 }
        let consumerConfiguration = KafkaConfiguration(bootstrapServers: configuration.kafka.bootstrapServers, clientID: configuration.kafka.clientID, properties: properties)
        let consumer = try KafkaConsumer(
            configuration: consumerConfiguration,
            groupID: configuration.groupID ?? topology.name,
            listener: EngineRebalanceListener(engine: self),
            logger: Logger(label: "vigil.kafka.consumer")
        )
        self.consumer = consumer
        switch configuration.assignment {
        case .group:
            try consumer.subscribe(topics: topology.inputTopics)
        case .all:
            let known = try consumer.topics()
            var partitions: [KafkaTopicPartition] = []
            for topic in topology.inputTopics {
                guard let metadata = known.first(where: { $0.name == topic }) else {
                    throw EngineError("input topic '\(topic)' does not exist; create it before starting the engine")
                }
                partitions += (0..<Int32(metadata.partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
            }
            let starts = partitionsAssigned(partitions)
            try consumer.assign(partitions, startOffsets: starts)
        }
        statusBox.withLock { $0.running = true }
        logger.info("running topology '\(topology.name)' with \(lanes.count) lanes on \(topology.inputTopics.joined(separator: ", "))")

        var nextCommit = ContinuousClock.now
        var nextCheckpoint = ContinuousClock.now.advanced(by: checkpointInterval)
        var nextGauges = ContinuousClock.now
        var failure: EngineError?
        while !stopRequested.load(ordering: .acquiring) {
            if applyBackpressure() == .hold {
                // Take nothing until a lane makes room; librdkafka's prefetch stays bounded.
                laneDrained.wait(timeout: .milliseconds(5))
            } else {
                let batch = consumer.poll(maxMessages: configuration.pollBatchSize, timeout: .milliseconds(paused || aligner.count > 0 ? 10 : 100))
                if !batch.isEmpty { ingest(batch) }
                releaseAligned(consumer)
            }
            let now = ContinuousClock.now
            if checkpoints == nil, now >= nextCommit {
                commitDone()
                nextCommit = now.advanced(by: configuration.commitInterval)
            }
            if now >= nextCheckpoint {
                // Without a store there is nothing to save: commits follow acknowledgements
                // (commitDone), and only idle keys need evicting.
                checkpoints == nil ? evictIdleKeys(Array(progress.keys)) : checkpoint(Array(progress.keys))
                nextCheckpoint = ContinuousClock.now.advanced(by: checkpointInterval)
            }
            if now >= nextGauges {
                updateGauges()
                nextGauges = now.advanced(by: .seconds(1))
            }
            if let reason = progress.values.lazy.compactMap(\.failure).first {
                failure = EngineError("stopping: \(reason). Nothing past it was committed; fix the output topic or brokers and restart to resume.")
                break
            }
        }
        updateGauges()
        shutdown(consumer, failed: failure != nil)
        if let failure { throw failure }
    }

    private var checkpointInterval: Duration {
        configuration.checkpointInterval ?? .milliseconds(topology.checkpointIntervalMs)
    }

    // MARK: Dispatch

    /// Decodes a polled batch and hands it on: straight to the lanes when there is nothing to
    /// align, else to the aligner for release in event-time order.
    private func ingest(_ batch: [KafkaConsumerMessage]) {
        let ingestNanos = DispatchTime.now().uptimeNanoseconds
        let decoded = decode(batch)
        var runStart = 0
        while runStart < batch.count {
            // Polled batches come in runs of one partition: count them per run, not per record.
            let topic = batch[runStart].topic
            var runEnd = runStart + 1
            while runEnd < batch.count, batch[runEnd].topic == topic { runEnd += 1 }
            metrics.recordIn(topic: topic, count: runEnd - runStart)
            runStart = runEnd
        }
        statusBox.withLock { $0.recordsIn += batch.count }
        var pending: [InputAligner<PendingRecord>.Entry] = []
        pending.reserveCapacity(batch.count)
        for index in batch.indices {
            let eventTime: Int64
            if case .success(let (_, payload)) = decoded[index] { eventTime = payload.eventTime } else { eventTime = .min }
            pending.append(.init(partition: batch[index].topicPartition, eventTime: eventTime, item: PendingRecord(message: batch[index], decoded: decoded[index], ingestNanos: ingestNanos)))
        }
        if aligner.count == 0, !alignmentNeeded {
            // No shard reads two aligned inputs: event-time order is partition order.
            route(pending)
        } else {
            aligner.append(contentsOf: pending) { $0.item.message.offset }
        }
    }

    /// Hands the records the aligner releases to the lanes (or the dead-letter topic), in order.
    private func releaseAligned(_ consumer: KafkaConsumer) {
        guard aligner.count > 0 else { return }
        var released: [InputAligner<PendingRecord>.Entry] = []
        released.reserveCapacity(aligner.count)
        aligner.release(inputs: alignedInputsByShard, highWatermark: { consumer.cachedWatermarks($0)?.high }, now: .now) { released.append($0) }
        route(released)
    }

    /// Registers records with their partition's progress and queues them to their lanes (or
    /// the dead-letter topic), in order. A partition's bookkeeping is looked up once per run of
    /// its records.
    private func route(_ records: [InputAligner<PendingRecord>.Entry]) {
        guard !records.isEmpty else { return }
        var perLane = [[LaneItem]](repeating: [], count: lanes.count)
        var lateCount = 0
        var deadLetterCount = 0
        var runStart = 0
        while runStart < records.count {
            let partition = records[runStart].partition
            var runEnd = runStart + 1
            while runEnd < records.count, records[runEnd].partition == partition { runEnd += 1 }
            let tracker = progressFor(partition)
            let tracksLateness = lateness[partition.topic] ?? true
            var partitionMax = maxEventTime[partition]
            for index in runStart..<runEnd {
                let message = records[index].item.message
                tracker.register(message.offset)
                switch records[index].item.decoded {
                case .failure(let reason):
                    deadLetterCount += 1
                    sendToDeadLetter(message, reason: reason, tracker: tracker)
                case .success(let (source, payload)):
                    var watermark = Int64.min
                    if tracksLateness {
                        watermark = partitionMax.map { $0 &- topology.allowedLatenessMs } ?? .min
                        partitionMax = max(partitionMax ?? .min, payload.eventTime)
                    }
                    let record = SourceRecord(
                        source: source, key: payload.key, eventTime: payload.eventTime, payload: payload.value,
                        origin: RecordOrigin(partition: partition, offset: message.offset), watermark: watermark
                    )
                    if record.isLate { lateCount += 1 }
                    perLane[router.lane(for: payload.key)].append(LaneItem(record: record, raw: message, tracker: tracker, ingestNanos: records[index].item.ingestNanos))
                }
            }
            if tracksLateness { maxEventTime[partition] = partitionMax }
            runStart = runEnd
        }
        if lateCount > 0 || deadLetterCount > 0 {
            statusBox.withLock {
                $0.lateRecords += lateCount
                $0.deadLetters += deadLetterCount
            }
        }
        for (index, items) in perLane.enumerated() where !items.isEmpty {
            let lane = lanes[index]
            lane.pending.add(items.count, ordering: .relaxed)
            lane.queue.async { self.process(items, on: lane) }
        }
    }

    /// A polled record, decoded, waiting in the aligner.
    fileprivate struct PendingRecord {
        var message: KafkaConsumerMessage
        var decoded: Decoded
        var ingestNanos: UInt64
    }

    fileprivate enum Decoded {
        case success((String, DecodedPayload))
        case failure(String)
    }

    /// Decodes a batch, in parallel when it is large enough to be worth it.
    private func decode(_ batch: [KafkaConsumerMessage]) -> [Decoded] {
        let chunkSize = 256
        guard batch.count > chunkSize * 2 else { return batch.map(decodeOne) }
        var results = [Decoded](repeating: .failure(""), count: batch.count)
        let chunks = (batch.count + chunkSize - 1) / chunkSize
        results.withUnsafeMutableBufferPointer { buffer in
            let output = UnsafeSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * chunkSize
                for index in start..<min(start + chunkSize, batch.count) {
                    output.buffer[index] = self.decodeOne(batch[index])
                }
            }
        }
        return results
    }

    private func decodeOne(_ message: KafkaConsumerMessage) -> Decoded {
        guard let source = topology.source(forTopic: message.topic) else {
            return .failure("no source of topology '\(topology.name)' reads topic '\(message.topic)'")
        }
        do {
            return .success((source.name, try source.decoder.decode(message)))
        } catch {
            return .failure(String(describing: error))
        }
    }

    private func progressFor(_ partition: KafkaTopicPartition) -> PartitionProgress {
        if let existing = progress[partition] { return existing }
        let created = PartitionProgress()
        progress[partition] = created
        return created
    }

    // MARK: Lanes

    /// Runs on a lane's queue.
    private func process(_ items: [LaneItem], on lane: Lane) {
        // Reused for every record of the batch (their storage is allocated once).
        var messages: [(KafkaProducerMessage, Bool)] = []
        var context = ProcessingContext(operatorName: "")
        for item in items {
            let record = item.record
            let partition = record.origin.partition
            let offset = record.origin.offset
            messages.removeAll(keepingCapacity: true)
            if record.isLate {
                metrics.recordLate(topic: partition.topic)
                if let lateTopic = topology.lateTopic {
                    var headers = item.raw.headers
                    headers.append(KafkaHeader(key: "late.watermark", string: String(record.watermark)))
                    headers.append(KafkaHeader(key: "late.event_time", string: String(record.eventTime)))
                    messages.append((KafkaProducerMessage(topic: lateTopic, key: item.raw.key, value: item.raw.value, headers: headers), false))
                }
            }
            for op in operatorsBySource[record.source] ?? [] {
                let processor = lane.processor(op, shard: partition.partition)
                context.reset(operatorName: op.name)
                do {
                    try processor.process(record, context: &context)
                    for output in context.outputs {
                        guard let topic = topology.sinkTopics[output.sink] else {
                            messages.append((deadLetter(item.raw, reason: "operator '\(op.name)' emitted to unknown sink '\(output.sink)'"), true))
                            continue
                        }
                        messages.append((KafkaProducerMessage(topic: topic, key: output.key, value: output.value, headers: output.headers), false))
                    }
                } catch {
                    messages.append((deadLetter(item.raw, reason: "operator '\(op.name)' rejected the record: \(error)"), true))
                }
            }
            // The tracker travels with the record: it was created on the consumer thread before
            // dispatch and is dropped only after the lanes drained.
            item.tracker.processed(offset, outputs: messages.count)
            for (message, isDeadLetter) in messages {
                send(message, for: offset, tracker: item.tracker, ingestNanos: item.ingestNanos, eventTime: record.eventTime)
                if isDeadLetter { metrics.recordDeadLetter(topic: partition.topic) }
            }
        }
        lane.pending.subtract(items.count, ordering: .relaxed)
        lane.drained.notify()
    }

    private func send(_ message: KafkaProducerMessage, for offset: Int64, tracker: PartitionProgress, ingestNanos: UInt64, eventTime: Int64) {
        let handles = outputMetrics[message.topic] ?? metrics.outputMetrics(topic: message.topic)
        do {
            try producer.send(message, handler: OutputDelivery(offset: offset, tracker: tracker, metrics: handles, ingestNanos: ingestNanos, eventTime: eventTime))
        } catch {
            tracker.failed(offset, reason: String(describing: error))
        }
    }

    // MARK: Dead letters

    private func deadLetter(_ message: KafkaConsumerMessage, reason: String) -> KafkaProducerMessage {
        var headers = message.headers
        headers.append(KafkaHeader(key: "dlq.reason", string: reason))
        headers.append(KafkaHeader(key: "dlq.topic", string: message.topic))
        headers.append(KafkaHeader(key: "dlq.partition", string: String(message.partition)))
        headers.append(KafkaHeader(key: "dlq.offset", string: String(message.offset)))
        return KafkaProducerMessage(topic: topology.deadLetterTopic, key: message.key, value: message.value, headers: headers)
    }

    /// Consumer thread: a record that could not be decoded goes to the dead-letter topic, tracked like any output.
    private func sendToDeadLetter(_ message: KafkaConsumerMessage, reason: String, tracker: PartitionProgress) {
        logger.debug("dead letter \(message.topicPartition)@\(message.offset): \(reason)")
        tracker.processed(message.offset, outputs: 1)
        metrics.recordDeadLetter(topic: message.topic)
        send(deadLetter(message, reason: reason), for: message.offset, tracker: tracker, ingestNanos: DispatchTime.now().uptimeNanoseconds, eventTime: Int64(Date().timeIntervalSince1970 * 1000))
    }

    // MARK: Commits, checkpoints, backpressure

    private func commitDone() {
        guard let consumer else { return }
        var positions: [KafkaTopicPartition: Int64] = [:]
        for (partition, tracker) in progress {
            if let position = tracker.committablePosition, position != lastCommitted[partition] {
                positions[partition] = position
            }
        }
        guard !positions.isEmpty else { return }
        do {
            try consumer.commit(positions)
            lastCommitted.merge(positions) { $1 }
            metrics.commits.increment()
        } catch {
            logger.debug("commit deferred: \(error)")
        }
    }

    /// The checkpoint store's namespace for this topology's shards.
    private var checkpointNamespace: String { "topology:\(topology.name)" }

    /// Saves the state of the shards of `partitions` as of exactly the records dispatched so far,
    /// after every output of those records is acknowledged; then commits the same positions.
    private func checkpoint(_ partitions: [KafkaTopicPartition]) {
        let start = ContinuousClock.now
        let shards = Set(partitions.map(\.partition)).sorted()
        guard !shards.isEmpty else { return }
        var members: [Int32: [(KafkaTopicPartition, Int64)]] = [:]
        for (partition, tracker) in progress where shards.contains(partition.partition) {
            if let target = tracker.dispatchedPosition { members[partition.partition, default: []].append((partition, target)) }
        }
        let active = shards.filter { members[$0] != nil }
        guard !active.isEmpty else { return }
        // A barrier: each lane's snapshot runs after every record already queued to it. Without
        // a store the barrier is still needed (the commit below must follow those records), the
        // snapshot is not.
        let store = checkpoints
        let snapshots = lanes.map { lane in
            lane.queue.sync { store == nil ? active.map { _ in [:] } : active.map { lane.snapshot($0) } }
        }
        evictIdleKeys(partitions)
        do {
            try producer.flush(timeout: configuration.shutdownTimeout)
        } catch {
            logger.warning("checkpoint postponed: \(error)")
            return
        }
        var saved: [PartitionCheckpoint] = []
        var positions: [KafkaTopicPartition: Int64] = [:]
        for (index, shard) in active.enumerated() {
            let targets = members[shard]!
            if let lagging = targets.first(where: { progress[$0.0]?.committablePosition != $0.1 }) {
                logger.warning("checkpoint of shard \(shard) skipped: outputs before \(lagging.0)@\(lagging.1) are not all acknowledged")
                continue
            }
            var operators: [String: [String: [UInt8]]] = [:]
            for laneSnapshots in snapshots {
                for (name, keys) in laneSnapshots[index] {
                    for (key, state) in keys { operators[name, default: [:]][key] = state }
                }
            }
            var shardPositions: [KafkaTopicPartition: Int64] = [:]
            var shardMax: [KafkaTopicPartition: Int64] = [:]
            for (partition, target) in targets {
                shardPositions[partition] = target
                shardMax[partition] = maxEventTime[partition]
            }
            let state = PartitionState(positions: shardPositions, maxEventTimes: shardMax, operators: operators)
            saved.append(PartitionCheckpoint(topic: checkpointNamespace, partition: shard, nextOffset: 0, state: PartitionStateCodec.encode(state)))
            positions.merge(shardPositions) { $1 }
        }
        if let checkpoints, !saved.isEmpty {
            do {
                try checkpoints.save(saved)
                statusBox.withLock { $0.checkpoints += 1 }
            } catch {
                logger.error("checkpoint failed: \(error)")
                return
            }
        }
        if let consumer, !positions.isEmpty {
            do {
                try consumer.commit(positions)
                lastCommitted.merge(positions) { $1 }
                metrics.commits.increment()
            } catch {
                logger.debug("commit after checkpoint deferred: \(error)")
            }
        }
        let elapsed = (ContinuousClock.now - start).components
        metrics.checkpointDuration.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }

    /// Evicts, on each lane, the keys of the shards of `partitions` idle for longer than the
    /// topology's TTL in event time (measured from the newest event time of the shard).
    private func evictIdleKeys(_ partitions: [KafkaTopicPartition]) {
        var newest: [Int32: Int64] = [:]
        for partition in partitions {
            guard let time = maxEventTime[partition] else { continue }
            newest[partition.partition] = max(newest[partition.partition] ?? .min, time)
        }
        for (shard, time) in newest {
            let evictBefore = time &- topology.idleTTLMs
            for lane in lanes { lane.queue.async { _ = lane.evictIdle(shard, olderThan: evictBefore) } }
        }
    }

    /// What the run loop does next under backpressure.
    private enum FlowDecision {
        /// Poll librdkafka (for records, or only for group events while paused).
        case poll
        /// Take nothing: a lane is over capacity and the partitions are not paused.
        case hold
    }

    /// Holds the consumer while a lane is over capacity; pauses the partitions if that lasts
    /// ``EngineConfiguration/pauseAfter``, and resumes them once the lanes are down to half
    /// their capacity.
    private func applyBackpressure() -> FlowDecision {
        guard let consumer else { return .poll }
        let deepest = lanes.reduce(0) { max($0, $1.pending.load(ordering: .relaxed)) }
        let capacity = configuration.laneCapacity
        let startsHolding = deepest > capacity && fullSince == nil
        statusBox.withLock {
            $0.deepestLaneQueue = max($0.deepestLaneQueue, deepest)
            if startsHolding { $0.backpressureHolds += 1 }
        }
        if deepest > capacity {
            let now = ContinuousClock.now
            if startsHolding { fullSince = now }
            if !paused, let since = fullSince, now - since >= configuration.pauseAfter {
                do {
                    try consumer.pause(Array(consumer.assignedPartitions))
                    paused = true
                    metrics.pausedPartitions.record(consumer.assignedPartitions.count)
                    statusBox.withLock {
                        $0.paused = consumer.assignedPartitions.count
                        $0.backpressurePauses += 1
                    }
                    logger.info("lanes over capacity for \(configuration.pauseAfter): paused \(consumer.assignedPartitions.count) partitions")
                } catch { logger.warning("\(error)") }
            }
            return paused ? .poll : .hold
        }
        if paused {
            guard deepest <= capacity / 2 else { return .poll }
            do {
                try consumer.resume(Array(consumer.assignedPartitions))
                paused = false
                metrics.pausedPartitions.record(0)
                statusBox.withLock { $0.paused = 0 }
            } catch { logger.warning("\(error)") }
        }
        fullSince = nil
        return .poll
    }

    private func updateGauges() {
        for lane in lanes { metrics.recordLaneDepth(lane: lane.index, depth: lane.pending.load(ordering: .relaxed)) }
        guard let consumer else { return }
        let resets = consumer.outOfRangeResets
        let previous = statusBox.withLock { status in
            defer { status.outOfRangeResets = resets }
            return status.outOfRangeResets
        }
        if resets > previous { metrics.outOfRangeResets.increment(by: resets - previous) }
        metrics.assignedPartitions.record(consumer.assignedPartitions.count)
        for partition in consumer.assignedPartitions {
            guard let marks = consumer.cachedWatermarks(partition) else { continue }
            let committed = lastCommitted[partition] ?? marks.low
            metrics.recordLag(String(partition.partition), topic: partition.topic, lag: max(0, marks.high - committed))
        }
    }

    // MARK: Rebalances and shutdown

    /// Consumer thread, inside poll: restore checkpointed state before fetching starts.
    fileprivate func partitionsAssigned(_ partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        metrics.recordRebalance("assigned")
        var saved: [Int32: PartitionState] = [:]
        for shard in Set(partitions.map(\.partition)) where !restoredShards.contains(shard) {
            restoredShards.insert(shard)
            guard let checkpoints else { continue }
            do {
                if let checkpoint = try checkpoints.load(topic: checkpointNamespace, partition: shard) {
                    let state = try PartitionStateCodec.decode(checkpoint.state)
                    restore(state, shard: shard)
                    saved[shard] = state
                    logger.info("restored shard \(shard) from its checkpoint", metadata: ["positions": "\(state.positions.sorted { $0.key < $1.key })"])
                }
            } catch {
                logger.error("checkpoint of shard \(shard) unreadable, starting from the committed offsets with empty state: \(error)")
            }
        }
        var starts: [KafkaTopicPartition: Int64] = [:]
        for partition in partitions {
            let start = saved[partition.partition]?.positions[partition]
            maxEventTime[partition] = saved[partition.partition]?.maxEventTimes[partition]
            if let start { starts[partition] = start }
            progress[partition] = PartitionProgress(start: start)
        }
        statusBox.withLock { $0.assigned.formUnion(partitions) }
        updateInputsByShard(adding: partitions, removing: [])
        return starts
    }

    private func updateInputsByShard(adding: [KafkaTopicPartition], removing: [KafkaTopicPartition]) {
        var owned = Set(inputsByShard.values.joined())
        owned.formUnion(adding)
        owned.subtract(removing)
        inputsByShard = Dictionary(grouping: owned.sorted(), by: \.partition)
        // Only sources whose event times are comparable are aligned: internal repartition topics
        // opt out of lateness tracking, and a shard must not wait on the engine's own feedback.
        alignedInputsByShard = inputsByShard.mapValues { $0.filter { lateness[$0.topic] ?? true } }
        alignmentNeeded = alignedInputsByShard.values.contains { $0.count > 1 }
    }

    private func restore(_ state: PartitionState, shard: Int32) {
        var perLane = [[(op: Topology.Operator, key: String, state: [UInt8])]](repeating: [], count: lanes.count)
        for (name, keys) in state.operators {
            guard let op = operatorsByName[name] else {
                logger.warning("checkpoint of shard \(shard) holds state of operator '\(name)', which the topology no longer has; ignored")
                continue
            }
            for (key, bytes) in keys { perLane[router.lane(for: key)].append((op, key, bytes)) }
        }
        for (index, entries) in perLane.enumerated() where !entries.isEmpty {
            let lane = lanes[index]
            lane.queue.sync {
                for entry in entries {
                    do { try lane.processor(entry.op, shard: shard).restore(key: entry.key, state: entry.state) } catch {
                        logger.error("state of key '\(entry.key)' in shard \(shard) unreadable, starting it empty: \(error)")
                    }
                }
            }
        }
    }

    /// Consumer thread, inside poll or close: finish in-flight work, checkpoint and commit, drop state.
    fileprivate func partitionsRevoked(_ partitions: [KafkaTopicPartition]) {
        metrics.recordRebalance("revoked")
        // Buffered records were never handed out: the partitions' next owner reads them again.
        aligner.drop(partitions)
        updateInputsByShard(adding: [], removing: partitions)
        for lane in lanes { lane.queue.sync {} }
        checkpoint(partitions.filter { progress[$0] != nil })
        if checkpoints == nil { commitDone() }
        partitions.forEach { progress[$0] = nil }
        for partition in partitions {
            maxEventTime[partition] = nil
            lastCommitted[partition] = nil
        }
        let stillOwned = Set(progress.keys.map(\.partition))
        let released = Set(partitions.map(\.partition)).subtracting(stillOwned)
        for lane in lanes { lane.queue.sync { released.forEach(lane.drop) } }
        restoredShards.subtract(released)
        statusBox.withLock { $0.assigned.subtract(partitions) }
    }

    private func shutdown(_ consumer: KafkaConsumer, failed: Bool) {
        logger.info("stopping: draining \(lanes.count) lanes")
        for lane in lanes { lane.queue.sync {} }
        if !failed {
            checkpoint(Array(progress.keys))
            if checkpoints == nil { commitDone() }
        }
        consumer.close()
        producer.close(timeout: configuration.shutdownTimeout)
        statusBox.withLock { $0.running = false }
        logger.info("stopped")
    }
}

/// Acknowledges one output of an input record (producer's poller thread): the input offset's
/// progress, and the output's metrics.
private final class OutputDelivery: KafkaDeliveryHandler, @unchecked Sendable {
    let offset: Int64
    let tracker: PartitionProgress
    let metrics: OutputMetrics
    let ingestNanos: UInt64
    let eventTime: Int64

    init(offset: Int64, tracker: PartitionProgress, metrics: OutputMetrics, ingestNanos: UInt64, eventTime: Int64) {
        self.offset = offset
        self.tracker = tracker
        self.metrics = metrics
        self.ingestNanos = ingestNanos
        self.eventTime = eventTime
    }

    override func didDeliver(_ report: KafkaDeliveryReport) {
        if let error = report.error {
            tracker.failed(offset, reason: error.description)
        } else {
            tracker.delivered(offset)
            metrics.recordDelivery(ingestNanos: ingestNanos, eventTime: eventTime)
        }
    }
}

/// A record on its way through a lane, with the raw message kept for the dead-letter and late paths.
struct LaneItem: Sendable {
    var record: SourceRecord
    var raw: KafkaConsumerMessage
    /// The progress tracker of the record's partition.
    var tracker: PartitionProgress
    var ingestNanos: UInt64
}

/// Forwards the consumer's rebalance notifications to the engine (on the consumer thread).
private struct EngineRebalanceListener: KafkaRebalanceListener {
    unowned let engine: StreamEngine

    func consumer(_ consumer: KafkaConsumer, willAssign partitions: [KafkaTopicPartition]) -> [KafkaTopicPartition: Int64] {
        engine.partitionsAssigned(partitions)
    }

    func consumer(_ consumer: KafkaConsumer, willRevoke partitions: [KafkaTopicPartition]) {
        engine.partitionsRevoked(partitions)
    }
}

/// A buffer written at distinct indices by `concurrentPerform` iterations.
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
