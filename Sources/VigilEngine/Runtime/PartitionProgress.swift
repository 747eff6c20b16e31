import DequeModule
import Synchronization

/// Tracks, for one input partition, which offsets are fully done, i.e. processed and every output
/// they caused acknowledged by Kafka, and so which position may be committed.
///
/// The committable position only moves past an offset when it and every earlier offset are done:
/// that is the engine's at-least-once guarantee. Thread-safe: the consumer thread registers
/// offsets, lanes report processing, the producer's poller thread reports deliveries.
public final class PartitionProgress: Sendable {
    private struct Entry {
        var offset: Int64
        /// Outputs still unacknowledged; `pendingProcessing` until the lane has processed the record.
        var remaining: Int32
    }

    private static let pendingProcessing = Int32.max

    private struct State {
        var entries = Deque<Entry>()
        var committable: Int64?
        var dispatchedNext: Int64?
        var failure: String?
    }

    private let state: Mutex<State>

    /// Creates progress for a partition; `start` is the position consumption resumes from, if known.
    public init(start: Int64? = nil) {
        state = Mutex(State(committable: start, dispatchedNext: start))
    }

    /// Registers an offset handed to a lane (or to the dead-letter path). Offsets must increase.
    public func register(_ offset: Int64) {
        state.withLock { state in
            state.entries.append(Entry(offset: offset, remaining: Self.pendingProcessing))
            state.dispatchedNext = offset + 1
        }
    }

    /// The record at `offset` was processed and caused `outputs` records still to be acknowledged.
    public func processed(_ offset: Int64, outputs: Int) {
        state.withLock { state in
            guard let index = Self.index(of: offset, in: state.entries) else { return }
            state.entries[index].remaining = Int32(outputs)
            Self.advance(&state)
        }
    }

    /// One output of the record at `offset` was acknowledged.
    public func delivered(_ offset: Int64) {
        state.withLock { state in
            guard let index = Self.index(of: offset, in: state.entries) else { return }
            state.entries[index].remaining -= 1
            Self.advance(&state)
        }
    }

    /// An output of the record at `offset` could not be delivered: the position stops before it for good.
    public func failed(_ offset: Int64, reason: String) {
        state.withLock { state in
            if state.failure == nil { state.failure = "output of offset \(offset) was not delivered: \(reason)" }
        }
    }

    /// The position that may be committed: every offset before it is done.
    public var committablePosition: Int64? { state.withLock { $0.committable } }

    /// The position after the last offset handed out.
    public var dispatchedPosition: Int64? { state.withLock { $0.dispatchedNext } }

    /// Offsets registered but not yet done.
    public var inFlight: Int { state.withLock { $0.entries.count } }

    /// The first delivery failure, if any.
    public var failure: String? { state.withLock { $0.failure } }

    private static func advance(_ state: inout State) {
        guard state.failure == nil else { return }
        while let first = state.entries.first, first.remaining == 0 {
            state.committable = first.offset + 1
            state.entries.removeFirst()
        }
    }

    private static func index(of offset: Int64, in entries: Deque<Entry>) -> Int? {
        var low = 0
        var high = entries.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = entries[middle].offset
            if value == offset { return middle }
            if value < offset { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
