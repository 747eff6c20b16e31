import VigilPrimitives
import VigilState

/// A ``RecentSet`` of 64-bit hashes in Vigil's binary state format: the count, then each hash,
/// oldest first (the format `MerchantProfile` has always written for its recent hashes).
extension RecentSet where Element == UInt64 {
    func encode(to writer: inout StateWriter) {
        writer.writeLength(count)
        for hash in elements { writer.write(hash) }
    }

    init(capacity: Int, from reader: inout StateReader, field: String) throws(StateDecodingError) {
        self.init(capacity: capacity)
        let count = try reader.readLength(field, limit: capacity, elementSize: 8)
        for _ in 0..<count { insert(try reader.readUInt64(field)) }
    }
}
