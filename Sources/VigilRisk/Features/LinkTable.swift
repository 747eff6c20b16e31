import VigilState

/// Identifiers of a merchant that other merchants share, as told by the identifier stage.
///
/// Keyed by kind and `value_hash`; a value shared with 0 other merchants (common or withdrawn) is
/// forgotten. Bounded to ``ProfileLimits/maxLinks``: when full, the entry with the fewest other
/// merchants (ties: the smallest key) makes room.
struct LinkTable: Sendable, Hashable {
    struct Key: Hashable, Sendable, Comparable {
        var kind: IdentifierKind
        var valueHash: String
        static func < (a: Key, b: Key) -> Bool {
            a.kind.rawValue != b.kind.rawValue ? a.kind.rawValue < b.kind.rawValue : a.valueHash < b.valueHash
        }
    }

    private(set) var others: [Key: Int] = [:]

    /// Records that `valueHash` of `kind` is shared with `otherMerchants` other merchants.
    mutating func set(kind: IdentifierKind, valueHash: String, otherMerchants: Int) {
        let key = Key(kind: kind, valueHash: valueHash)
        guard otherMerchants > 0 else {
            others.removeValue(forKey: key)
            return
        }
        if others[key] == nil, others.count >= ProfileLimits.maxLinks,
           let weakest = others.min(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }) {
            guard weakest.value <= otherMerchants else { return }
            others.removeValue(forKey: weakest.key)
        }
        others[key] = otherMerchants
    }

    /// Other merchants sharing this value, 0 if not shared.
    func otherMerchants(kind: IdentifierKind, valueHash: String) -> Int {
        others[Key(kind: kind, valueHash: valueHash)] ?? 0
    }

    /// (shared values, most other merchants on one value) per kind.
    func summary() -> [IdentifierKind: (count: Int, maxOthers: Int)] {
        var result: [IdentifierKind: (count: Int, maxOthers: Int)] = [:]
        for (key, value) in others {
            let current = result[key.kind] ?? (0, 0)
            result[key.kind] = (current.count + 1, max(current.maxOthers, value))
        }
        return result
    }

    func encode(to writer: inout StateWriter) {
        writer.writeLength(others.count)
        for (key, value) in others.sorted(by: { $0.key < $1.key }) {
            writer.write(key.kind.rawValue)
            writer.write(key.valueHash)
            writer.writeLength(value)
        }
    }

    init() {}

    init(from reader: inout StateReader) throws(StateDecodingError) {
        let n = try reader.readLength("LinkTable.count", limit: ProfileLimits.maxLinks, elementSize: 3)
        for _ in 0..<n {
            let offset = reader.offset
            let raw = try reader.readString("LinkTable.kind")
            guard let kind = IdentifierKind(rawValue: raw) else {
                throw StateDecodingError(field: "LinkTable.kind", offset: offset, reason: .corrupt("unknown identifier kind \"\(raw)\""))
            }
            let hash = try reader.readString("LinkTable.valueHash")
            others[Key(kind: kind, valueHash: hash)] = try reader.readLength("LinkTable.otherMerchants")
        }
    }
}
