import Synchronization

/// Remembers which verdict ids have been applied: the idempotency seam of the takedown consumer.
public protocol AppliedVerdictLedger: Sendable {
    /// Whether `verdictID` was applied before.
    func isApplied(_ verdictID: String) throws -> Bool
    /// Records `verdictID` as applied (after its action succeeded).
    func markApplied(_ verdictID: String) throws
}

/// An in-memory ledger. Together with offsets committed only after a batch is applied, a
/// redelivered verdict is skipped while the process lives; after a crash at most the last
/// uncommitted batch is read again and re-applied, so the downstream action must tolerate
/// intercepting an already intercepted listing (takedowns naturally do). Use a durable ledger
/// (a table of applied ids committed with the action) if re-application is not acceptable.
public final class InMemoryVerdictLedger: AppliedVerdictLedger {
    private let applied = Mutex<Set<String>>([])

    /// An empty ledger.
    public init() {}

    /// Whether the id was recorded.
    public func isApplied(_ verdictID: String) -> Bool {
        applied.withLock { $0.contains(verdictID) }
    }

    /// Records the id.
    public func markApplied(_ verdictID: String) {
        _ = applied.withLock { $0.insert(verdictID) }
    }

    /// Ids recorded so far.
    public var count: Int { applied.withLock { $0.count } }
}
