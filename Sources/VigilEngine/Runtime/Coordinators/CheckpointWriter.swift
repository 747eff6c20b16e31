import Dispatch

/// Where a background checkpoint's assembly and write run, off the consumer thread.
///
/// Jobs run one at a time, in the order they were submitted, so a later checkpoint's write
/// never lands before an earlier one's.
protocol CheckpointWriting: Sendable {
    /// Runs `job` after every job submitted before it.
    func submit(_ job: @escaping @Sendable () -> Void)
    /// Waits until every job submitted so far has run.
    func drain()
}

/// A serial Dispatch queue of checkpoint writes (the engine's ``CheckpointWriting``).
struct DispatchCheckpointWriter: CheckpointWriting {
    private let queue = DispatchQueue(label: "vigil.checkpoint-writer", qos: .utility)

    func submit(_ job: @escaping @Sendable () -> Void) { queue.async(execute: job) }

    func drain() { queue.sync {} }
}
