import VigilState

/// A bounded set of 64-bit hashes that forgets the oldest first (FIFO), for duplicate detection.
struct RecentHashes: Sendable, Hashable {
    /// The most hashes kept.
    let capacity: Int
    /// Hashes in insertion order, oldest first.
    private(set) var order: [UInt64] = []
    private var members: Set<UInt64> = []

    init(capacity: Int) { self.capacity = capacity }

    /// Whether `hash` is remembered.
    func contains(_ hash: UInt64) -> Bool { members.contains(hash) }

    /// Remembers `hash`; returns `false` when it was already remembered.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        guard members.insert(hash).inserted else { return false }
        order.append(hash)
        if order.count > capacity { members.remove(order.removeFirst()) }
        return true
    }

    func encode(to writer: inout StateWriter) {
        writer.writeLength(order.count)
        for hash in order { writer.write(hash) }
    }

    init(capacity: Int, from reader: inout StateReader, field: String) throws(StateDecodingError) {
        self.capacity = capacity
        let count = try reader.readLength(field, limit: capacity, elementSize: 8)
        for _ in 0..<count { insert(try reader.readUInt64(field)) }
    }
}
