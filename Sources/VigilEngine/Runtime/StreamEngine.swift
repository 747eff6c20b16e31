import Dispatch
import Foundation
import Logging
import Synchronization
import VigilKafka
import VigilState
import VigilPrimitives

/// Runs a ``Topology``: consumes its sources, routes records to keyed lanes, produces outputs,
/// and commits an input offset only when every output it caused (and every earlier offset) is
/// acknowledged by Kafka.
///
/// With a ``CheckpointStorage`` the engine commits only at checkpoints, the same position it saved
/// with the state, so a restart restores state that agrees exactly with the input it replays
/// (outputs after the checkpoint are produced again, with the same content). Without one it
/// commits every ``EngineConfiguration/commitInterval``.
///
/// The engine is a run loop over small coordinators, each driven by the time it is given:
/// ``CommitCoordinator`` (what may be committed, and when), ``CheckpointCoordinator`` (cadence,
/// assembly, save, commit), ``FlowController`` (backpressure: hold, pause, resume),
/// ``RebalanceCoordinator`` (shard ownership, restore, release) and ``DeadLetters``; records are
/// decoded by ``BatchDecoder``, ordered by ``InputAligner`` and run by ``LaneExecutor``.
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

    let configuration: EngineConfiguration
    let logger: Logger
    let lanes: [Lane]
    let laneDrained = DrainSignal()
    let router: KeyRouter
    let producer: KafkaProducer
    let executor: LaneExecutor
    let decoder: BatchDecoder
    let operatorsByName: [String: Topology.Operator]
    /// Whether an input topic's records are tracked for lateness (internal topics are not).
    let lateness: [String: Bool]
    /// The changelog-backed state store, when the engine keeps state and changelogs are on.
    let changelog: ChangelogCheckpointStorage?
    /// The producer of changelog records (separate from outputs: a checkpoint waits only for its own records).
    let changelogProducer: KafkaProducer?
    private let stopRequested = Atomic<Bool>(false)
    let statusBox = Mutex(EngineStatus())

    // Touched only on the consumer thread (the run loop and the rebalance callbacks inside poll).
    var consumer: KafkaConsumer?
    var progress: [KafkaTopicPartition: PartitionProgress] = [:]
    var maxEventTime: [KafkaTopicPartition: Int64] = [:]
    var commits: CommitCoordinator
    var checkpoints: CheckpointCoordinator
    var flow: FlowController
    var rebalances: RebalanceCoordinator
    /// Decoded records waiting for their turn in event-time order (see ``InputAligner``).
    var aligner: InputAligner<PendingRecord>
    /// The Kafka cluster the consumer is connected to (`nil` when the brokers report none).
    var clusterID: String?
    /// The cluster the checkpoint store's checkpoints were taken against, as read at start.
    var checkpointClusterID: String?
    /// Whether ``clusterID`` was written to the checkpoint store in this run.
    var clusterIDRecorded = false
    /// The longest times between two polls (``EngineMetrics/pollGapMax``).
    var pollGaps = PollGapTracker()
    /// Commits inside the producer's transactions under ``ProcessingGuarantee/exactlyOnce``.
    var transactions: TransactionalCommitter?
    /// Whether outputs are committed in transactions.
    var exactlyOnce: Bool { configuration.processingGuarantee == .exactlyOnce }
    /// Where positions are committed: the transaction under exactly-once, the group otherwise.
    var committer: (any OffsetCommitting)? { transactions ?? consumer }

    /// Creates an engine; connects the producer now (so bad Kafka configuration fails here).
    ///
    /// Refuses an assignor that could split a shard's state over two instances (cooperative-sticky
    /// with several input topics; ``EngineConfiguration/checkAssignor(for:)``).
    /// - Parameters:
    ///   - topology: A validated topology.
    ///   - configuration: Kafka settings and runtime limits.
    ///   - checkpoints: Where partition state is saved; `nil` runs without state checkpoints.
    public init(topology: Topology, configuration: EngineConfiguration, checkpoints: (any CheckpointStorage)?, logger: Logger = Logger(label: "vigil.engine")) throws {
        try configuration.checkAssignor(for: topology)
        self.topology = topology
        self.configuration = configuration
        self.logger = logger
        let laneDrained = self.laneDrained
        self.lanes = (0..<topology.totalLaneCount).map { Lane(index: $0, drained: laneDrained) }
        self.router = KeyRouter(laneCount: topology.laneCount, dedicatedKeys: topology.dedicatedLaneKeys)
        self.producer = try KafkaProducer(configuration: configuration.producerKafka, logger: Logger(label: "vigil.kafka.producer"))
        self.executor = LaneExecutor(topology: topology, producer: producer, metrics: metrics)
        self.decoder = BatchDecoder(topology: topology)
        self.operatorsByName = Dictionary(uniqueKeysWithValues: topology.operators.map { ($0.name, $0) })
        metrics.prepareInputs(topology.inputTopics)
        self.lateness = Dictionary(uniqueKeysWithValues: topology.sources.map { ($0.topic, $0.tracksLateness) })
        self.aligner = InputAligner(maximumWait: configuration.alignmentWait, capacity: configuration.laneCapacity)
        let now = ContinuousClock.now
        self.commits = CommitCoordinator(interval: configuration.commitInterval, now: now, commits: metrics.commits, logger: logger)
        var store = checkpoints
        guard (0...1).contains(configuration.changelog.standbyReplicas) else {
            throw EngineError("engine.standby_replicas is \(configuration.changelog.standbyReplicas), but only 0 or 1 is possible: librdkafka's assignors cannot place standby copies, so 1 keeps a warm copy of every shard this instance does not own")
        }
        if let cache = checkpoints, configuration.changelog.enabled, !topology.operators.isEmpty {
            let producer: KafkaProducer
            if configuration.processingGuarantee == .exactlyOnce {
                // Changelog records belong to the same transaction as the outputs they go with.
                producer = self.producer
            } else {
                var kafka = configuration.kafka.with("client.id", "\(configuration.kafka.clientID)-changelog")
                if kafka.properties["linger.ms"] == nil { kafka.properties["linger.ms"] = "20" }
                if kafka.properties["message.max.bytes"] == nil { kafka.properties["message.max.bytes"] = String(configuration.changelog.maximumRecordBytes) }
                producer = try KafkaProducer(configuration: kafka, logger: Logger(label: "vigil.kafka.changelog"))
            }
            let writer = ChangelogWriter(producer: producer, topics: ChangelogTopics.names(of: topology), configuration: configuration.changelog)
            let restorer = ChangelogRestorer(kafka: configuration.consumerKafka.with("client.id", "\(configuration.kafka.clientID)-restore"), configuration: configuration.changelog, logger: logger)
            let changelog = ChangelogCheckpointStorage(cache: cache, writer: writer, restorer: restorer, logger: logger)
            self.changelog = changelog
            self.changelogProducer = producer === self.producer ? nil : producer
            store = changelog
        } else {
            self.changelog = nil
            self.changelogProducer = nil
        }
        self.checkpoints = CheckpointCoordinator(
            interval: configuration.checkpointInterval ?? .milliseconds(topology.checkpointIntervalMs),
            store: store, namespace: "topology:\(topology.name)", idleTTLMs: topology.idleTTLMs, now: now, logger: logger
        )
        self.flow = FlowController(capacity: configuration.laneCapacity, pauseAfter: configuration.pauseAfter, logger: logger)
        self.rebalances = RebalanceCoordinator(tracksLateness: lateness, logger: logger)
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
        let consumer = try connect()
        statusBox.withLock { $0.running = true }
        logger.info("running topology '\(topology.name)' with \(lanes.count) lanes on \(topology.inputTopics.joined(separator: ", "))")

        var nextGauges = ContinuousClock.now
        var failure: EngineError?
        while !stopRequested.load(ordering: .acquiring) {
            if applyBackpressure(consumer) == .hold {
                // Take nothing until a lane makes room; librdkafka's prefetch stays bounded.
                pollGaps.reset()
                laneDrained.wait(timeout: .milliseconds(5))
            } else {
                pollGaps.pollStarts(at: .now)
                let batch = consumer.poll(maxMessages: configuration.pollBatchSize, timeout: .milliseconds(flow.paused || aligner.count > 0 ? 10 : 100))
                pollGaps.pollReturned(at: .now)
                if !batch.isEmpty { ingest(batch) }
                releaseAligned(consumer)
            }
            let now = ContinuousClock.now
            if exactlyOnce {
                // Each checkpoint commits a transaction: it holds the loop while it is written, so
                // that no output of a record past its positions joins that transaction.
                if checkpoints.isDue(at: now) {
                    checkpoint(Array(progress.keys))
                    checkpoints.scheduleNext(after: .now)
                }
                if let reason = transactions?.failure {
                    failure = EngineError("stopping: \(reason). The outputs since the last committed transaction are aborted; restart to resume from it (state is restored from the changelog).")
                    break
                }
                if let stop = refreshGaugesAndCheckOutputs(now: now, nextGauges: &nextGauges) {
                    failure = stop
                    break
                }
                continue
            }
            if checkpoints.store == nil { commits.commitIfDue(progress, to: consumer, now: now) }
            let checkpointStarted = checkpoints.inFlight?.started
            if let outcome = checkpoints.advance(now: now, progress: progress, commits: &commits, committer: consumer) {
                checkpointEnded(outcome, started: checkpointStarted)
            }
            if checkpoints.isDue(at: now), checkpoints.inFlight == nil {
                // Without a store there is nothing to save: commits follow acknowledgements
                // (commitIfDue), and only idle keys need evicting. With one, the checkpoint runs
                // in the background and the loop goes on polling.
                if checkpoints.store == nil {
                    checkpoints.evictIdleKeys(Array(progress.keys), maxEventTimes: maxEventTime, participants: participants)
                } else {
                    checkpoints.begin(Array(progress.keys), progress: progress, maxEventTimes: maxEventTime, participants: participants, now: now)
                }
                checkpoints.scheduleNext(after: now)
            }
            if let stop = refreshGaugesAndCheckOutputs(now: now, nextGauges: &nextGauges) {
                failure = stop
                break
            }
        }
        updateGauges()
        shutdown(consumer, failed: failure != nil)
        if let failure { throw failure }
    }

    /// Refreshes the gauges once a second (`nextGauges` is when they are next due), and returns
    /// the failure that must stop the loop: an output that could not be delivered.
    private func refreshGaugesAndCheckOutputs(now: ContinuousClock.Instant, nextGauges: inout ContinuousClock.Instant) -> EngineError? {
        if now >= nextGauges {
            updateGauges()
            nextGauges = now.advanced(by: .seconds(1))
        }
        guard let reason = progress.values.lazy.compactMap(\.failure).first else { return nil }
        return EngineError("stopping: \(reason). Nothing past it was committed; fix the output topic or brokers and restart to resume.")
    }

    /// The lanes and producer as the checkpoint coordinator drives them.
    var participants: EngineCheckpointParticipants {
        EngineCheckpointParticipants(lanes: lanes, producer: producer, flushTimeout: configuration.shutdownTimeout)
    }

    /// Checkpoints the shards of `partitions` and commits what was saved, blocking until done
    /// (revocation and shutdown; see ``CheckpointCoordinator``).
    func checkpoint(_ partitions: [KafkaTopicPartition]) {
        let start = ContinuousClock.now
        let outcome = checkpoints.checkpoint(partitions, progress: progress, maxEventTimes: maxEventTime, participants: participants, commits: &commits, committer: committer)
        checkpointEnded(outcome, started: start)
    }

    /// Counts a finished checkpoint, records its duration, and, after the first one saved,
    /// records the cluster id in the store.
    func checkpointEnded(_ outcome: CheckpointCoordinator.Outcome, started: ContinuousClock.Instant? = nil) {
        guard case .completed(let stored, _) = outcome else { return }
        if stored > 0 { statusBox.withLock { $0.checkpoints += 1 } }
        if stored > 0, !clusterIDRecorded, let clusterID, let store = checkpoints.store {
            // From now on the store holds this cluster's checkpoints.
            do { try store.recordCheckpointClusterID(clusterID); clusterIDRecorded = true } catch { logger.warning("could not record the cluster id in the state store: \(error)") }
        }
        if let started {
            metrics.checkpointDuration.recordNanoseconds((ContinuousClock.now - started).wholeNanoseconds)
        }
    }

    /// Runs the flow controller on the deepest lane and reflects its step in status and metrics.
    private func applyBackpressure(_ consumer: KafkaConsumer) -> FlowController.Decision {
        let deepest = lanes.reduce(0) { max($0, $1.pending.load(ordering: .relaxed)) }
        let step = flow.step(deepestLane: deepest, now: .now, consumer: consumer)
        if let paused = step.pausedPartitions { metrics.pausedPartitions.record(paused) }
        if step.resumed { metrics.pausedPartitions.record(0) }
        statusBox.withLock {
            $0.deepestLaneQueue = max($0.deepestLaneQueue, deepest)
            if step.startedHolding { $0.backpressureHolds += 1 }
            if let paused = step.pausedPartitions {
                $0.paused = paused
                $0.backpressurePauses += 1
            }
            if step.resumed { $0.paused = 0 }
        }
        return step.decision
    }

    private func updateGauges() {
        metrics.pollGapMax.record(pollGaps.recentMaximum(at: .now).secondsDouble)
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
            let committed = commits.lastCommitted[partition] ?? marks.low
            metrics.recordLag(String(partition.partition), topic: partition.topic, lag: max(0, marks.high - committed))
        }
    }

    private func shutdown(_ consumer: KafkaConsumer, failed: Bool) {
        logger.info("stopping: draining \(lanes.count) lanes")
        for lane in lanes { lane.queue.sync {} }
        if !failed {
            checkpoint(Array(progress.keys))
            if checkpoints.store == nil, !exactlyOnce { commits.commitDone(progress, to: consumer) }
        }
        // Under exactly-once, what is still open (nothing after a clean final checkpoint; the
        // outputs since the last commit after a failure) is aborted: a restart produces it again.
        transactions?.abort()
        consumer.close()
        producer.close(timeout: configuration.shutdownTimeout)
        changelogProducer?.close(timeout: configuration.shutdownTimeout)
        changelog?.standby?.stop()
        statusBox.withLock { $0.running = false }
        logger.info("stopped")
    }
}
