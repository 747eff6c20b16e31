import VigilState

/// What a ``MerchantProfile`` remembers about one of the merchant's listings.
struct ListingRecord: Sendable, Hashable {
    /// ``StableHash`` of the `event_id` of the latest version applied.
    var lastEventHash: UInt64
    /// `ts` of the first version seen.
    var firstSeen: Int64
    /// `ts` of the latest version applied.
    var lastSeen: Int64
    /// Versions seen (create, updates, delist).
    var versions: Int
    /// Not delisted.
    var active: Bool
    var category: String
    var brand: String?
    var price: Double
    var stock: Int
    /// Price and stock before the latest version, `nil` for a listing seen once.
    var previousPrice: Double?
    var previousStock: Int?
    /// Whether the title is flagged by ``CounterfeitWording``.
    var counterfeitWording: Bool
    /// The OCR price ratio of the latest version, `NaN` when none.
    var ocrRatio: Double

    /// The flags byte of the compact format (version 2 of ``MerchantProfile``'s state).
    private enum Flag {
        static let active: UInt8 = 1, brand: UInt8 = 2, previousPrice: UInt8 = 4, previousStock: UInt8 = 8
        static let counterfeitWording: UInt8 = 16, ocrRatio: UInt8 = 32
        static let known: UInt8 = 63
    }

    /// Writes the record in the compact format: the event hash, the first-seen time and the
    /// time since, the versions, one byte of flags (what is present, what holds), the category and
    /// brand, then the numbers as compact numbers.
    func encode(to writer: inout StateWriter) {
        writer.write(lastEventHash)
        writer.writeZigZag(firstSeen)
        writer.writeZigZag(lastSeen &- firstSeen)
        writer.writeLength(versions)
        var flags: UInt8 = 0
        if active { flags |= Flag.active }
        if brand != nil { flags |= Flag.brand }
        if previousPrice != nil { flags |= Flag.previousPrice }
        if previousStock != nil { flags |= Flag.previousStock }
        if counterfeitWording { flags |= Flag.counterfeitWording }
        if !ocrRatio.isNaN { flags |= Flag.ocrRatio }
        writer.write(flags)
        writer.write(category)
        if let brand { writer.write(brand) }
        writer.writeCompact(price)
        writer.writeZigZag(Int64(stock))
        if let previousPrice { writer.writeCompact(previousPrice) }
        if let previousStock { writer.writeZigZag(Int64(previousStock)) }
        if !ocrRatio.isNaN { writer.writeCompact(ocrRatio) }
    }

    /// Reads a record written by ``encode(to:)``.
    init(from reader: inout StateReader) throws(StateDecodingError) {
        lastEventHash = try reader.readUInt64("ListingRecord.lastEventHash")
        firstSeen = try reader.readZigZag("ListingRecord.firstSeen")
        lastSeen = firstSeen &+ (try reader.readZigZag("ListingRecord.lastSeen"))
        versions = try reader.readLength("ListingRecord.versions")
        let flagsOffset = reader.offset
        let flags = try reader.readUInt8("ListingRecord.flags")
        guard flags & ~Flag.known == 0 else {
            throw StateDecodingError(field: "ListingRecord.flags", offset: flagsOffset, reason: .corrupt("unknown flags 0x\(String(flags, radix: 16))"))
        }
        active = flags & Flag.active != 0
        counterfeitWording = flags & Flag.counterfeitWording != 0
        category = try reader.readString("ListingRecord.category")
        brand = flags & Flag.brand != 0 ? try reader.readString("ListingRecord.brand") : nil
        price = try reader.readCompactDouble("ListingRecord.price")
        stock = Int(try reader.readZigZag("ListingRecord.stock"))
        previousPrice = flags & Flag.previousPrice != 0 ? try reader.readCompactDouble("ListingRecord.previousPrice") : nil
        previousStock = flags & Flag.previousStock != 0 ? Int(try reader.readZigZag("ListingRecord.previousStock")) : nil
        ocrRatio = flags & Flag.ocrRatio != 0 ? try reader.readCompactDouble("ListingRecord.ocrRatio") : .nan
    }

    /// Reads a record in the first format (version 1 of ``MerchantProfile``'s state): the event id
    /// as text and every number at full width.
    init(version1 reader: inout StateReader) throws(StateDecodingError) {
        lastEventHash = StableHash.hash(try reader.readString("ListingRecord.lastEventID"))
        firstSeen = try reader.readInt64("ListingRecord.firstSeen")
        lastSeen = try reader.readInt64("ListingRecord.lastSeen")
        versions = try reader.readLength("ListingRecord.versions")
        active = try reader.readBool("ListingRecord.active")
        category = try reader.readString("ListingRecord.category")
        brand = try reader.readBool("ListingRecord.hasBrand") ? try reader.readString("ListingRecord.brand") : nil
        price = try reader.readDouble("ListingRecord.price")
        stock = Int(try reader.readInt64("ListingRecord.stock"))
        let previous = try reader.readDouble("ListingRecord.previousPrice")
        previousPrice = previous.isNaN ? nil : previous
        let hasPreviousStock = try reader.readBool("ListingRecord.hasPreviousStock")
        let previousStock = Int(try reader.readInt64("ListingRecord.previousStock"))
        self.previousStock = hasPreviousStock ? previousStock : nil
        counterfeitWording = try reader.readBool("ListingRecord.counterfeitWording")
        ocrRatio = try reader.readDouble("ListingRecord.ocrRatio")
    }

    init(event: ListingEvent, counterfeitWording: Bool, ocrRatio: Double) {
        lastEventHash = StableHash.hash(event.eventID)
        firstSeen = event.ts
        lastSeen = event.ts
        versions = 1
        active = event.action != .delist
        category = event.category
        brand = event.brand
        price = event.price
        stock = event.stock
        previousPrice = nil
        previousStock = nil
        self.counterfeitWording = counterfeitWording
        self.ocrRatio = ocrRatio
    }
}
