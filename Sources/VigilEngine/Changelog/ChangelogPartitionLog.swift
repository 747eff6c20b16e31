import VigilKafka

/// One operator's changelog partition of one shard as read so far: each key's records with their
/// generations, and the checkpoint markers.
///
/// ``prune(keeping:)`` forgets what no restore can need any more (for a key, everything before
/// its newest record of a complete generation), so a standby that follows a partition for a
/// long time holds about one state per key.
struct ChangelogPartitionLog: Sendable {
    /// Key → its records in log order (generation, state; nil state for a tombstone).
    private(set) var records: [String: [(generation: UInt64, state: [UInt8]?)]] = [:]
    /// The markers read, in log order.
    private(set) var markers: [(offset: Int64, marker: ChangelogMarker)] = []
    /// The newest generation of any record read.
    private(set) var newestGeneration: UInt64 = 0
    /// The offset after the last record read.
    private(set) var nextOffset: Int64
    /// The offset reading started at (the partition's first stored offset then): the log holds
    /// every record from there on.
    let readFrom: Int64

    /// An empty log, to be read from `offset`.
    init(readingFrom offset: Int64 = 0) {
        readFrom = offset
        nextOffset = offset
    }

    /// Whether the log holds every record a restore needs, given the partition's first stored
    /// offset `low`: it was read from there or earlier, or from no later than the start of the
    /// last full copy of the state.
    func isComplete(low: Int64) -> Bool {
        if readFrom <= low { return true }
        guard let last = markers.last?.marker, last.fullCopyStart >= 0 else { return false }
        return readFrom <= last.fullCopyStart
    }

    /// Every key read.
    var allKeys: Set<String> { Set(records.keys) }

    /// The newest generation every one of `logs` holds a marker of (0 when one holds none).
    static func completeGeneration(_ logs: [ChangelogPartitionLog]) -> UInt64 {
        logs.map { $0.markers.last?.marker.generation ?? 0 }.min() ?? 0
    }

    /// Adds one record of the partition.
    /// - Throws: ``ChangelogError`` for an unreadable marker.
    mutating func apply(_ message: KafkaConsumerMessage) throws {
        nextOffset = max(nextOffset, message.offset + 1)
        guard let key = message.keyString, let generation = ChangelogMarker.generation(of: message) else { return }
        newestGeneration = max(newestGeneration, generation)
        if key == ChangelogMarker.key {
            guard let value = message.value else { return }
            do { markers.append((message.offset, try ChangelogMarker(decoding: value))) } catch {
                throw ChangelogError("the checkpoint marker at \(message.topicPartition)@\(message.offset) is unreadable: \(error)")
            }
        } else {
            records[key, default: []].append((generation, message.value))
        }
    }

    /// Every key's newest state written by generation `complete` or earlier, and the keys with a
    /// record of a newer (incomplete) generation.
    func state(upTo complete: UInt64) -> (keys: [String: [UInt8]], incomplete: Set<String>) {
        var keys: [String: [UInt8]] = [:]
        var incomplete = Set<String>()
        for (key, history) in records {
            if history.contains(where: { $0.generation > complete }) { incomplete.insert(key) }
            if let last = history.last(where: { $0.generation <= complete }), let state = last.state { keys[key] = state }
        }
        return (keys, incomplete)
    }

    /// Forgets records and markers older than what generation `complete` (or a newer one) needs:
    /// per key its newest record of generation `complete` or earlier (dropped too when it is a
    /// tombstone) and every newer record; the markers of generation `complete` and newer.
    mutating func prune(keeping complete: UInt64) {
        for (key, history) in records {
            guard let index = history.lastIndex(where: { $0.generation <= complete }) else { continue }
            var kept = Array(history[index...])
            if kept.first?.state == nil { kept.removeFirst() }
            if kept.isEmpty { records[key] = nil } else if kept.count != history.count { records[key] = kept }
        }
        if let index = markers.lastIndex(where: { $0.marker.generation <= complete }) { markers.removeFirst(index) }
    }
}
