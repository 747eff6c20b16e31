/// What follows each record of a lane batch, per operator reading it: whether the same processor
/// (operator and partition number) sees another record of the batch, and whether it sees another
/// record with the same key (see ``ProcessingContext/moreFollowInBatch`` and
/// ``ProcessingContext/moreFollowForKey``). Built once per batch by walking it backwards.
struct BatchLookahead {
    private struct ProcessorID: Hashable {
        var operatorIndex: Int
        var partition: Int32
    }

    private struct KeyID: Hashable {
        var processor: ProcessorID
        var key: String
    }

    /// Two bits per (record, operator of its source), records in batch order: bit 0 another
    /// record for the processor follows, bit 1 another record with the same key follows.
    private var flags: [UInt8]
    /// Where each record's flags start in ``flags``.
    private var starts: [Int]

    /// Looks ahead through `items`; `operators` gives the operator indexes reading a source.
    init(_ items: [LaneItem], operators: (String) -> [Int]) {
        guard items.count > 1 else {
            flags = []
            starts = []
            return
        }
        var starts = [Int](repeating: 0, count: items.count)
        var total = 0
        for (index, item) in items.enumerated() {
            starts[index] = total
            total += operators(item.record.source).count
        }
        var flags = [UInt8](repeating: 0, count: total)
        var processors: Set<ProcessorID> = []
        var keys: Set<KeyID> = []
        for index in items.indices.reversed() {
            let record = items[index].record
            for (position, operatorIndex) in operators(record.source).enumerated() {
                let processor = ProcessorID(operatorIndex: operatorIndex, partition: record.origin.partition.partition)
                var bits: UInt8 = processors.insert(processor).inserted ? 0 : 1
                if !keys.insert(KeyID(processor: processor, key: record.key)).inserted { bits |= 2 }
                flags[starts[index] + position] = bits
            }
        }
        self.flags = flags
        self.starts = starts
    }

    /// Whether another record of the batch reaches the processor of the `position`-th operator
    /// reading record `index`'s source.
    func moreFollow(record index: Int, operator position: Int) -> Bool {
        flags.isEmpty ? false : flags[starts[index] + position] & 1 != 0
    }

    /// Whether another record with the same key reaches that processor.
    func moreFollowForKey(record index: Int, operator position: Int) -> Bool {
        flags.isEmpty ? false : flags[starts[index] + position] & 2 != 0
    }
}
