import VigilPrimitives

/// Deterministic verdict ids.
///
/// `verdict_id` = `"v-"` + 32 lowercase hex digits: two FNV-1a-64 hashes with different
/// seeds (the standard offset basis, and a fixed second seed) of the UTF-8 bytes of
/// `event_id`, a NUL separator and the subject (`"listing"` or `"merchant"`). A redelivered
/// event therefore yields the same id in any process, while the listing and the merchant
/// verdicts of one event differ.
public enum VerdictID {
    /// Seed of the second hash (an arbitrary fixed odd constant; never change it).
    static let secondSeed: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// The verdict id for the verdict on `subject` triggered by `eventID`.
    public static func make(eventID: String, subject: VerdictSubject) -> String {
        "v-" + FNV1a64.hex(hash(eventID, subject, seed: FNV1a64.offsetBasis))
            + FNV1a64.hex(hash(eventID, subject, seed: secondSeed))
    }

    private static func hash(_ eventID: String, _ subject: VerdictSubject, seed: UInt64) -> UInt64 {
        var hash = FNV1a64(seed: seed)
        hash.combine(eventID)
        hash.combine(CollectionOfOne(0))
        hash.combine(subject.wireName)
        return hash.value
    }
}
