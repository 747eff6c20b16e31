import VigilPrimitives

extension LabelEvent {
    /// The label as the contract's compact UTF-8 JSON (`marketplace.labels` value), fields in
    /// contract order: `event_id`, `merchant_id`, `ts`, `label_id`, `listing_id`, `outcome`,
    /// `source`, `brand`, `note` (absent optionals as `null`). ``ContractDecoder/decodeLabel(_:key:)``
    /// reads it back to an equal label.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 320)
        writer.beginObject()
        writer.key("event_id"); writer.string(eventID)
        writer.key("merchant_id"); writer.string(merchantID)
        writer.key("ts"); writer.int(ts)
        writer.key("label_id"); writer.string(labelID)
        writer.key("listing_id"); writer.optionalString(listingID)
        writer.key("outcome"); writer.string(outcome.rawValue)
        writer.key("source"); writer.string(source.rawValue)
        writer.key("brand"); writer.optionalString(brand)
        writer.key("note"); writer.optionalString(note)
        writer.endObject()
        return writer.bytes
    }
}
