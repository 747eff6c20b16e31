import Foundation
import Logging

/// Applies verdicts idempotently and keeps the tally; no Kafka involved (``TakedownService``
/// feeds it from `risk.verdicts`, tests feed it JSON lines).
public final class TakedownProcessor: @unchecked Sendable {
    // @unchecked: `tally` is guarded by `lock`.
    private let ledger: any AppliedVerdictLedger
    private let action: any TakedownAction
    private let logger: Logger
    private let lock = NSLock()
    private var state = TakedownTally()
    private let decoder = JSONDecoder()

    /// Creates a processor.
    /// - Parameters:
    ///   - ledger: Applied verdict ids. Default: a fresh ``InMemoryVerdictLedger``.
    ///   - action: What an intercept does. Default ``LoggingTakedownAction``.
    public init(ledger: any AppliedVerdictLedger = InMemoryVerdictLedger(), action: any TakedownAction = LoggingTakedownAction(), logger: Logger = Logger(label: "vigil.takedown")) {
        self.ledger = ledger
        self.action = action
        self.logger = logger
    }

    /// The tally so far.
    public var tally: TakedownTally { lock.withLock { state } }

    /// Decodes and applies one verdict message value. Malformed values are counted and skipped.
    /// - Throws: when the ledger or the action fails (the caller must not commit past it).
    public func process(_ value: some DataProtocol) throws {
        let verdict: TakedownVerdict
        do {
            verdict = try decoder.decode(TakedownVerdict.self, from: Data(value))
        } catch {
            lock.withLock { state.malformed += 1 }
            logger.warning("skipping a message that is not a verdict: \(error)")
            return
        }
        try apply(verdict)
    }

    /// Applies one verdict unless its id was applied before; the id is recorded only after the
    /// intercept action succeeded. Call from one thread at a time.
    public func apply(_ verdict: TakedownVerdict) throws {
        guard try !ledger.isApplied(verdict.verdictID) else {
            lock.withLock { state.duplicates += 1 }
            return
        }
        if verdict.decision == .intercept { try action.intercept(verdict) }
        try ledger.markApplied(verdict.verdictID)
        lock.withLock {
            switch verdict.decision {
            case .allow: state.allow += 1
            case .review: state.review += 1
            case .intercept:
                state.intercept += 1
                state.interceptedMerchants.insert(verdict.merchantID)
                if let listing = verdict.listingID { state.interceptedListings.insert(listing) }
            }
        }
    }

    /// Applies newline-separated JSON verdicts (blank lines ignored).
    public func processLines(_ text: String) throws {
        for line in text.split(whereSeparator: \.isNewline) where !line.allSatisfy(\.isWhitespace) {
            try process(Data(line.utf8))
        }
    }
}
