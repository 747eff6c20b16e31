import DequeModule
import VigilKafka

/// Puts the records of co-partitioned input topics in event-time order before they reach the
/// lanes, so that what a key's state has seen when a record arrives depends on event time, not on
/// which topic the consumer happened to fetch first (a backlog of reviews read ahead of the
/// listings, say).
///
/// Records are buffered per topic-partition, in offset order, and released per *shard* (the
/// partition number shared by the co-partitioned topics): the buffered head with the smallest
/// event time goes first, partition order is never changed. A shard waits while one of its
/// partitions has nothing buffered but is known to have records still to arrive, the same rule
/// as Kafka Streams' task idling. The wait is bounded twice, so alignment is best effort and can
/// never stall the engine: a partition that stays empty for ``maximumWait`` is passed over until
/// it delivers again, and when more than ``capacity`` records are buffered the oldest are
/// released regardless.
///
/// Used on the consumer thread only.
struct InputAligner<Item> {
    /// A record waiting to be released.
    struct Entry {
        /// Where it was read.
        var partition: KafkaTopicPartition
        /// Its event time; `Int64.min` for a record that could not be decoded (released as soon as
        /// it is at the head of its partition).
        var eventTime: Int64
        /// What the engine needs to dispatch it.
        var item: Item
    }

    /// How long a shard waits for an empty partition known to have unread records.
    let maximumWait: Duration
    /// Buffered records beyond which the oldest are released without waiting.
    let capacity: Int

    private var queues: [KafkaTopicPartition: Deque<Entry>] = [:]
    /// The partition numbers with buffered records.
    private var shardsWithRecords = Set<Int32>()
    /// The offset after the last record appended, per partition.
    private var nextOffset: [KafkaTopicPartition: Int64] = [:]
    /// Since when each empty partition has held its shard back.
    private var waitingSince: [KafkaTopicPartition: ContinuousClock.Instant] = [:]
    /// Partitions passed over after ``maximumWait``, until they deliver a record again.
    private var idle = Set<KafkaTopicPartition>()

    /// Records buffered right now.
    private(set) var count = 0

    init(maximumWait: Duration, capacity: Int) {
        self.maximumWait = maximumWait
        self.capacity = capacity
    }

    /// Buffers a record; records of one partition must arrive in offset order.
    mutating func append(_ entry: Entry, offset: Int64) {
        append(contentsOf: CollectionOfOne(entry), offset: { _ in offset })
    }

    /// Buffers records in order; records of one partition must arrive in offset order. Each
    /// run of one partition's records updates the bookkeeping once.
    mutating func append<Entries: Collection<Entry>>(contentsOf entries: Entries, offset: (Entry) -> Int64) {
        var runStart = entries.startIndex
        while runStart != entries.endIndex {
            let partition = entries[runStart].partition
            var last = runStart
            var runEnd = entries.index(after: runStart)
            while runEnd != entries.endIndex, entries[runEnd].partition == partition {
                last = runEnd
                runEnd = entries.index(after: runEnd)
            }
            let run = entries[runStart..<runEnd]
            queues[partition, default: []].append(contentsOf: run)
            shardsWithRecords.insert(partition.partition)
            nextOffset[partition] = offset(entries[last]) + 1
            idle.remove(partition)
            waitingSince[partition] = nil
            count += run.count
            runStart = runEnd
        }
    }

    /// Releases every record that may go now, in order, to `emit`.
    /// - Parameters:
    ///   - inputs: The assigned partitions to align, by partition number. Records of any other
    ///     partition (an internal feedback topic, say) are released as they come.
    ///   - highWatermark: The partition's high watermark as last fetched, if known.
    ///   - now: The current time (for ``maximumWait``).
    mutating func release(inputs: [Int32: [KafkaTopicPartition]], highWatermark: (KafkaTopicPartition) -> Int64?, now: ContinuousClock.Instant, emit: (Entry) -> Void) {
        let forced = count > capacity
        for shard in shardsWithRecords.sorted() {
            let partitions = inputs[shard] ?? []
            // Partitions outside `inputs` (not aligned, or no longer assigned) go first, in order.
            for (partition, queue) in queues where partition.partition == shard && !queue.isEmpty && !partitions.contains(partition) {
                for entry in queue { emit(entry) }
                count -= queue.count
                queues[partition] = []
            }
            while true {
                var earliest: KafkaTopicPartition?
                var earliestTime = Int64.max
                var mustWait = false
                for partition in partitions {
                    if let head = queues[partition]?.first {
                        if earliest == nil || head.eventTime < earliestTime { earliest = partition; earliestTime = head.eventTime }
                    } else if !forced, holdsBack(partition, highWatermark: highWatermark, now: now) {
                        mustWait = true
                    }
                }
                guard let partition = earliest, !mustWait else { break }
                let entry = queues[partition]!.removeFirst()
                count -= 1
                emit(entry)
            }
            if !queues.contains(where: { $0.key.partition == shard && !$0.value.isEmpty }) { shardsWithRecords.remove(shard) }
        }
    }

    /// Forgets the buffered records of `partitions` (revoked: their next owner reads them again
    /// from the committed position).
    mutating func drop(_ partitions: some Sequence<KafkaTopicPartition>) {
        for partition in partitions {
            count -= queues.removeValue(forKey: partition)?.count ?? 0
            nextOffset[partition] = nil
            waitingSince[partition] = nil
            idle.remove(partition)
        }
        shardsWithRecords = Set(queues.filter { !$0.value.isEmpty }.keys.map(\.partition))
    }

    /// Whether an empty partition should hold its shard back: it has records on the broker that
    /// have not arrived yet, and it has not already waited ``maximumWait``.
    private mutating func holdsBack(_ partition: KafkaTopicPartition, highWatermark: (KafkaTopicPartition) -> Int64?, now: ContinuousClock.Instant) -> Bool {
        guard !idle.contains(partition) else { return false }
        guard let high = highWatermark(partition) else { return waits(partition, now: now) }
        // Nothing received yet: the start position is unknown, so any record on the broker may be ahead.
        guard let next = nextOffset[partition] else { return high > 0 && waits(partition, now: now) }
        return high > next && waits(partition, now: now)
    }

    private mutating func waits(_ partition: KafkaTopicPartition, now: ContinuousClock.Instant) -> Bool {
        let since = waitingSince[partition] ?? now
        waitingSince[partition] = since
        if now - since >= maximumWait {
            idle.insert(partition)
            waitingSince[partition] = nil
            return false
        }
        return true
    }
}
