import VigilPrimitives

/// Issues deterministic ring ids and never issues one twice.
///
/// An id is `"ring-"` + the 16-hex-digit FNV-1a hash (``IdentifierHasher``)
/// of a seed: the founding merchant pair `"a|b"` (sorted) for a new ring, or
/// `"<old id>/a|b"` (the two smallest member ids) for a piece split off an
/// old ring. Should a seed give an id already issued (a pair that founded a
/// ring once and founds another later), `"#1"`, `"#2"`, … is appended to
/// the seed until the id is new, so ids stay unique and, for the same
/// sequence of inputs, the same in every process.
struct RingIDIssuer: Sendable {
    private var issued: Set<String> = []

    /// A fresh id for `seed`.
    mutating func issue(seed: String) -> String {
        var id = RingIDIssuer.id(for: seed)
        var attempt = 1
        while issued.contains(id) {
            id = RingIDIssuer.id(for: "\(seed)#\(attempt)")
            attempt += 1
        }
        issued.insert(id)
        return id
    }

    /// The id of a ring founded by merchants `a` and `b` (in any order), if it is the first such ring.
    static func founding(_ a: String, _ b: String) -> String {
        a < b ? "\(a)|\(b)" : "\(b)|\(a)"
    }

    /// `"ring-"` + hex FNV-1a of `seed`.
    static func id(for seed: String) -> String {
        "ring-" + FNV1a64.hex(FNV1a64.fnv1a64(seed))
    }
}
