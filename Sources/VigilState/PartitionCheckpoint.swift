import Foundation

/// The checkpoint of one (topic, partition): the next offset to consume and the state built
/// from everything before it.
public struct PartitionCheckpoint: Hashable, Sendable {
    /// The topic's name.
    public var topic: String
    /// The partition number.
    public var partition: Int32
    /// The offset of the next message to consume; `>= 0`.
    public var nextOffset: Int64
    /// The state, e.g. the bytes of a ``KeyedWindows`` from ``BinaryStateCodable/encodedState()``.
    public var state: [UInt8]
    /// The format version of ``state``, chosen by the writer so that a reader can tell which
    /// decoder to use (or refuse an unknown one). Default: 1.
    public var stateVersion: Int32
    /// When the checkpoint was taken, Unix epoch milliseconds of wall-clock time.
    public var updatedAtMs: Int64

    /// Creates a checkpoint.
    ///
    /// - Parameters:
    ///   - updatedAtMs: Defaults to the current wall-clock time.
    ///   - stateVersion: Defaults to 1.
    public init(
        topic: String,
        partition: Int32,
        nextOffset: Int64,
        state: [UInt8],
        stateVersion: Int32 = 1,
        updatedAtMs: Int64 = PartitionCheckpoint.currentTimeMs()
    ) {
        self.topic = topic
        self.partition = partition
        self.nextOffset = nextOffset
        self.state = state
        self.stateVersion = stateVersion
        self.updatedAtMs = updatedAtMs
    }

    /// The current wall-clock time in Unix epoch milliseconds.
    public static func currentTimeMs() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
