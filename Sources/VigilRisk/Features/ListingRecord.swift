import VigilState

/// What a ``MerchantProfile`` remembers about one of the merchant's listings.
struct ListingRecord: Sendable, Hashable {
    /// `event_id` of the latest version applied.
    var lastEventID: String
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

    func encode(to writer: inout StateWriter) {
        writer.write(lastEventID)
        writer.write(firstSeen)
        writer.write(lastSeen)
        writer.writeLength(versions)
        writer.write(active)
        writer.write(category)
        writer.write(brand != nil)
        if let brand { writer.write(brand) }
        writer.write(price)
        writer.write(Int64(stock))
        writer.write(previousPrice ?? .nan)
        writer.write(previousStock != nil)
        writer.write(Int64(previousStock ?? 0))
        writer.write(counterfeitWording)
        writer.write(ocrRatio)
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        lastEventID = try reader.readString("ListingRecord.lastEventID")
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
        lastEventID = event.eventID
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
