import VigilPrimitives

extension Lead {
    /// The lead as its record on `risk.leads` and its case-store snapshot: compact JSON with the
    /// keys in sorted order (as Foundation's `JSONEncoder` with `.sortedKeys` wrote it, apart from
    /// `/`, which is not escaped), written straight into bytes. `Codable` still decodes it.
    public func encodedJSON() -> [UInt8] {
        var json = JSONWriter(capacity: 256 + merchants.count * 24 + links.count * 96 + evidence.count * 96)
        json.beginObject()
        json.key("evidence")
        json.beginArray()
        for item in evidence {
            json.beginObject()
            json.key("event_id"); json.string(item.eventID)
            json.key("merchant_id"); json.string(item.merchantID)
            json.key("reason_code"); json.string(item.reasonCode)
            json.endObject()
        }
        json.endArray()
        json.key("links")
        json.beginArray()
        for link in links {
            json.beginObject()
            json.key("kind"); json.string(link.kind.rawValue)
            json.key("merchants"); json.stringArray(link.merchants)
            json.key("value_hash"); json.string(link.valueHash)
            json.endObject()
        }
        json.endArray()
        json.key("merchants"); json.stringArray(merchants)
        json.key("ring_id"); json.string(ringID)
        json.key("score"); json.int(score)
        json.key("ship_from")
        json.beginArray()
        for site in shipFrom {
            json.beginObject()
            json.key("city"); json.string(site.city)
            json.key("count"); json.int(site.count)
            json.key("district"); json.string(site.district)
            json.key("province"); json.string(site.province)
            json.endObject()
        }
        json.endArray()
        json.key("updated_at"); json.int(updatedAt)
        json.endObject()
        return json.bytes
    }
}
