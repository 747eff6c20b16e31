import VigilPrimitives

extension Verdict {
    /// The verdict as its record on `risk.verdicts`: compact JSON, keys in sorted order, numbers
    /// as Foundation's `JSONEncoder` wrote them (the bytes of earlier versions, pinned by the
    /// reference vectors), written straight into bytes. `Codable` still decodes it.
    /// - Throws: `EncodingError.invalidValue` naming the reason whose weight is NaN or infinite
    ///   (JSON cannot carry it): an output never silently becomes an empty payload.
    public func encodedJSON() throws -> [UInt8] {
        for reason in reasons where !reason.weight.isFinite {
            throw EncodingError.invalidValue(reason.weight, EncodingError.Context(
                codingPath: [], debugDescription: "reason '\(reason.code)' of verdict \(verdictID) has weight \(reason.weight), which JSON cannot carry"))
        }
        var json = JSONWriter(capacity: 320 + reasons.count * 96)
        json.beginObject()
        json.key("decided_at"); json.int(decidedAt)
        json.key("decision"); json.string(decision.rawValue)
        json.key("event_id"); json.string(eventID)
        json.key("event_ts"); json.int(eventTS)
        json.key("listing_id"); json.optionalString(listingID)
        json.key("merchant_id"); json.string(merchantID)
        json.key("model_version"); json.string(modelVersion)
        json.key("reasons")
        json.beginArray()
        for reason in reasons {
            json.beginObject()
            json.key("code"); json.string(reason.code)
            json.key("detail"); json.string(reason.detail)
            json.key("weight"); json.number(reason.weight)
            json.endObject()
        }
        json.endArray()
        json.key("score"); json.int(score)
        json.key("subject"); json.string(subject.wireName)
        json.key("verdict_id"); json.string(verdictID)
        json.endObject()
        return json.bytes
    }
}
