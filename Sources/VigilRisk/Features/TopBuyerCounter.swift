import VigilState

/// Space-saving heavy-hitter counter (Metwally et al.) of charges per buyer, bounded to
/// ``ProfileLimits/maxTopBuyers`` counters.
///
/// A new buyer arriving when every counter is taken replaces the smallest counter (ties: the
/// smallest hash) and inherits its count plus one, so the top count is never underestimated and
/// overestimated by at most `total / capacity`. Exact while at most `capacity` buyers are seen.
struct TopBuyerCounter: Sendable, Hashable {
    private(set) var counts: [UInt64: Int] = [:]
    /// Charges counted.
    private(set) var total = 0

    /// Counts one charge of the buyer with hash `buyer`.
    mutating func add(_ buyer: UInt64) {
        total += 1
        if let count = counts[buyer] {
            counts[buyer] = count + 1
        } else if counts.count < ProfileLimits.maxTopBuyers {
            counts[buyer] = 1
        } else if let smallest = counts.min(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) {
            counts.removeValue(forKey: smallest.key)
            counts[buyer] = smallest.value + 1
        }
    }

    /// Charges of the most frequent buyer (never underestimated).
    var topCount: Int { counts.values.max() ?? 0 }

    /// The top buyer's share of all charges; 0 without charges.
    var topShare: Double {
        guard total > 0 else { return 0 }
        return Double(counts.values.max() ?? 0) / Double(total)
    }

    func encode(to writer: inout StateWriter) {
        writer.writeLength(total)
        writer.writeLength(counts.count)
        for (buyer, count) in counts.sorted(by: { $0.key < $1.key }) {
            writer.write(buyer)
            writer.writeLength(count)
        }
    }

    init() {}

    init(from reader: inout StateReader) throws(StateDecodingError) {
        total = try reader.readLength("TopBuyerCounter.total")
        let n = try reader.readLength("TopBuyerCounter.count", limit: ProfileLimits.maxTopBuyers, elementSize: 9)
        for _ in 0..<n {
            let buyer = try reader.readUInt64("TopBuyerCounter.buyer")
            counts[buyer] = try reader.readLength("TopBuyerCounter.value")
        }
    }
}
