import VigilKafka

/// Background checkpoints: started between two polls, finished over the following ones.
extension CheckpointCoordinator {
    /// Starts a background checkpoint of the shards of `partitions`, covering exactly the records
    /// dispatched so far, and evicts idle keys; returns at once. Does nothing (and returns
    /// `false`) while another one is in flight or when no shard dispatched anything.
    @discardableResult
    mutating func begin(
        _ partitions: [KafkaTopicPartition],
        progress: [KafkaTopicPartition: PartitionProgress],
        maxEventTimes: [KafkaTopicPartition: Int64],
        participants: some CheckpointParticipants,
        now: ContinuousClock.Instant
    ) -> Bool {
        guard inFlight == nil, let plan = Self.plan(for: partitions, progress: progress) else { return false }
        let flight = CheckpointInFlight(plan: plan, maxEventTimes: maxEventTimes, started: now, deadline: now.advanced(by: acknowledgementTimeout))
        let results = flight.results
        participants.snapshotLanes(shards: plan.shards, includeState: store != nil) { results.snapshotsTaken($0) }
        evictIdleKeys(partitions, maxEventTimes: maxEventTimes, participants: participants)
        inFlight = flight
        return true
    }

    /// Moves the background checkpoint on, without waiting: hands it to the writer once the lanes'
    /// snapshots are in and every output before its positions is acknowledged (or the
    /// acknowledgement timeout passed: those shards are left out), and commits its positions once
    /// the write succeeded.
    /// - Returns: how it ended, when it ended in this call; `nil` while it is still under way or
    ///   when there is none.
    mutating func advance(
        now: ContinuousClock.Instant,
        progress: [KafkaTopicPartition: PartitionProgress],
        commits: inout CommitCoordinator,
        committer: (any OffsetCommitting)?
    ) -> Outcome? {
        guard var flight = inFlight else { return nil }
        switch flight.phase {
        case .collecting:
            guard let snapshots = flight.results.snapshots else { return nil }
            let lagging = Self.unacknowledged(flight.plan, progress: progress)
            if !lagging.isEmpty, now < flight.deadline { return nil }
            for skipped in lagging {
                logger.warning("checkpoint of shard \(skipped.shard) skipped: outputs before \(skipped.partition)@\(skipped.position) are not all acknowledged")
            }
            let leftOut = Set(lagging.map(\.shard))
            guard let store else {
                inFlight = nil
                commits.commit(flight.plan.positions(leavingOut: leftOut), to: committer, context: "commit after checkpoint")
                return .completed(stored: 0, skipped: lagging.map(\.shard))
            }
            let (plan, maxEventTimes, namespace, results) = (flight.plan, flight.maxEventTimes, self.namespace, flight.results)
            let positions = plan.positions(leavingOut: leftOut)
            writer.submit {
                let checkpoints = Self.build(plan, leavingOut: leftOut, snapshots: snapshots, maxEventTimes: maxEventTimes, namespace: namespace)
                guard !checkpoints.isEmpty else { return results.saved(.success(0)) }
                results.saved(Result { try store.save(checkpoints); return checkpoints.count })
            }
            flight.phase = .writing(positions: positions, skipped: lagging.map(\.shard))
            inFlight = flight
            return nil
        case .writing(let positions, let skipped):
            guard let written = flight.results.written else { return nil }
            inFlight = nil
            return finish(written, positions: positions, skipped: skipped, commits: &commits, committer: committer)
        }
    }

    /// Ends a background checkpoint before a blocking one: waits for a write under way and
    /// commits what it saved; one still collecting is abandoned (the blocking one covers it).
    mutating func settleInFlight(commits: inout CommitCoordinator, committer: (any OffsetCommitting)?) {
        guard let flight = inFlight else { return }
        inFlight = nil
        guard case .writing(let positions, let skipped) = flight.phase else { return }
        writer.drain()
        if let written = flight.results.written {
            _ = finish(written, positions: positions, skipped: skipped, commits: &commits, committer: committer)
        }
    }

    /// Commits a saved checkpoint's positions; nothing when the save failed.
    private func finish(
        _ written: Result<Int, any Error>, positions: [KafkaTopicPartition: Int64], skipped: [Int32],
        commits: inout CommitCoordinator, committer: (any OffsetCommitting)?
    ) -> Outcome {
        switch written {
        case .failure(let error):
            logger.error("checkpoint failed: \(error)")
            return .storeFailed
        case .success(let stored):
            commits.commit(positions, to: committer, context: "commit after checkpoint")
            return .completed(stored: stored, skipped: skipped)
        }
    }
}
