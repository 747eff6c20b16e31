import Logging
import VigilKafka

/// What the flow controller pauses and resumes: the Kafka consumer in production, a fake in tests.
protocol PartitionPausing: AnyObject {
    /// The partitions currently assigned.
    var assignedPartitions: Set<KafkaTopicPartition> { get }
    /// Stops fetching `partitions` (polling still serves group events).
    func pause(_ partitions: [KafkaTopicPartition]) throws
    /// Fetches `partitions` again.
    func resume(_ partitions: [KafkaTopicPartition]) throws
}

extension KafkaConsumer: PartitionPausing {}

/// The backpressure state machine.
///
/// While the deepest lane holds more than ``capacity`` records the consumer takes nothing
/// (``Decision/hold``); if that lasts ``pauseAfter`` it pauses every assigned partition and keeps
/// polling for group events (``Decision/poll``), and it resumes them once the lanes are down to
/// half their capacity.
///
/// Time is injected: ``step(deepestLane:now:consumer:)`` takes `now`. Used on the consumer thread only.
struct FlowController {
    /// What the run loop does next.
    enum Decision: Equatable {
        /// Poll librdkafka (for records, or only for group events while paused).
        case poll
        /// Take nothing: a lane is over capacity and the partitions are not paused.
        case hold
    }

    /// The outcome of one step, for the engine's status and metrics.
    struct Step: Equatable {
        /// What the run loop does next.
        var decision: Decision
        /// The lanes just went over capacity.
        var startedHolding = false
        /// The number of partitions paused in this step, if it paused them.
        var pausedPartitions: Int?
        /// The partitions were resumed in this step.
        var resumed = false
    }

    /// Records a lane may hold before the consumer stops taking records.
    let capacity: Int
    /// How long the lanes may stay over capacity before the partitions are paused.
    let pauseAfter: Duration
    private let logger: Logger
    /// Whether the partitions are paused.
    private(set) var paused = false
    /// When the lanes last went over capacity (nil while they are not).
    private(set) var fullSince: ContinuousClock.Instant?

    /// Creates a controller (not paused, not holding).
    init(capacity: Int, pauseAfter: Duration, logger: Logger) {
        self.capacity = capacity
        self.pauseAfter = pauseAfter
        self.logger = logger
    }

    /// Decides, from the deepest lane's queue, whether to poll; pauses or resumes the partitions.
    mutating func step(deepestLane deepest: Int, now: ContinuousClock.Instant, consumer: some PartitionPausing) -> Step {
        var step = Step(decision: .poll, startedHolding: deepest > capacity && fullSince == nil)
        if deepest > capacity {
            if step.startedHolding { fullSince = now }
            if !paused, let since = fullSince, now - since >= pauseAfter {
                do {
                    let partitions = consumer.assignedPartitions
                    try consumer.pause(Array(partitions))
                    paused = true
                    step.pausedPartitions = partitions.count
                    logger.info("lanes over capacity for \(pauseAfter): paused \(partitions.count) partitions")
                } catch { logger.warning("\(error)") }
            }
            step.decision = paused ? .poll : .hold
            return step
        }
        if paused {
            guard deepest <= capacity / 2 else { return step }
            do {
                try consumer.resume(Array(consumer.assignedPartitions))
                paused = false
                step.resumed = true
            } catch { logger.warning("\(error)") }
        }
        fullSince = nil
        return step
    }
}
