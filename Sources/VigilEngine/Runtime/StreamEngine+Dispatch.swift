import Dispatch
import VigilKafka

/// Consumer thread: from a polled batch to the lanes — decoding, the aligner, watermarks, routing.
extension StreamEngine {
    /// Decodes a polled batch and hands it on: straight to the lanes when there is nothing to
    /// align, else to the aligner for release in event-time order.
    func ingest(_ batch: [KafkaConsumerMessage]) {
        let ingestNanos = DispatchTime.now().uptimeNanoseconds
        let decoded = decoder.decode(batch)
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
        if aligner.count == 0, !rebalances.alignmentNeeded {
            // No shard reads two aligned inputs: event-time order is partition order.
            route(pending)
        } else {
            aligner.append(contentsOf: pending) { $0.item.message.offset }
        }
    }

    /// Hands the records the aligner releases to the lanes (or the dead-letter topic), in order.
    func releaseAligned(_ consumer: KafkaConsumer) {
        guard aligner.count > 0 else { return }
        var released: [InputAligner<PendingRecord>.Entry] = []
        released.reserveCapacity(aligner.count)
        aligner.release(inputs: rebalances.alignedInputsByShard, highWatermark: { consumer.cachedWatermarks($0)?.high }, now: .now) { released.append($0) }
        route(released)
    }

    /// Registers records with their partition's progress and queues them to their lanes (or
    /// the dead-letter topic), in order. A partition's bookkeeping is looked up once per run of
    /// its records; its watermark is the highest event time seen before a record minus the
    /// allowed lateness.
    func route(_ records: [InputAligner<PendingRecord>.Entry]) {
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
                    logger.debug("dead letter \(message.topicPartition)@\(message.offset): \(reason)")
                    executor.sendToDeadLetter(message, reason: reason, tracker: tracker)
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
        let executor = self.executor
        for (index, items) in perLane.enumerated() where !items.isEmpty {
            let lane = lanes[index]
            lane.pending.add(items.count, ordering: .relaxed)
            lane.queue.async { executor.process(items, on: lane) }
        }
    }

    private func progressFor(_ partition: KafkaTopicPartition) -> PartitionProgress {
        if let existing = progress[partition] { return existing }
        let created = PartitionProgress()
        progress[partition] = created
        return created
    }
}
