import VigilState

/// What one merchant's labels established, kept beside its profile on the merchant's lane.
///
/// The latest outcome about the merchant wins, by the labels' `ts` (when each was established):
/// a counterfeit label (about the merchant or any of its listings) *confirms* the merchant; an
/// upheld appeal, or a genuine label about the merchant as a whole, *clears* it. A genuine label
/// about one listing clears only that listing. A label for a merchant not yet seen is kept here
/// until its events arrive (the operator keeps the entry, evicted after `idle_ttl` of event time
/// like any other).
public struct LabelLedger: Sendable, Hashable {
    /// When the latest counterfeit label was established, if any.
    public private(set) var confirmedAt: Int64?
    /// `label_id` of that label.
    public private(set) var confirmationID: String?
    /// `source` of that label.
    public private(set) var confirmationSource: LabelEvent.Source?
    /// When the latest clearing label (upheld appeal, or genuine about the merchant) was established.
    public private(set) var clearedAt: Int64?
    /// Whether that clearing label was an upheld appeal.
    public private(set) var clearedByAppeal = false
    /// Listings labelled counterfeit, newest last (at most ``maxListings``).
    public private(set) var counterfeitListings: [String] = []
    /// Listings labelled genuine, newest last (at most ``maxListings``).
    public private(set) var genuineListings: [String] = []
    /// Labels applied.
    public private(set) var count = 0
    /// `ts` of the latest label applied (`Int64.min` before any).
    public private(set) var lastLabelTime: Int64 = .min

    /// Most listings remembered per outcome. Default 64.
    public static let maxListings = 64

    /// An empty ledger.
    public init() {}

    /// Whether the merchant's latest outcome is counterfeit.
    public var isConfirmed: Bool {
        guard let confirmedAt else { return false }
        return confirmedAt > (clearedAt ?? .min)
    }

    /// Whether the merchant's latest outcome clears it (an upheld appeal or a genuine verdict).
    public var isCleared: Bool {
        guard let clearedAt else { return false }
        return clearedAt >= (confirmedAt ?? .min)
    }

    /// Applies one label of this merchant; returns whether it changed the merchant's standing
    /// (confirmed or cleared).
    @discardableResult
    public mutating func apply(_ label: LabelEvent) -> Bool {
        let before = (isConfirmed, isCleared)
        count += 1
        lastLabelTime = max(lastLabelTime, label.ts)
        switch label.outcome {
        case .counterfeit:
            if let listing = label.listingID { Self.remember(listing, in: &counterfeitListings, removingFrom: &genuineListings) }
            if label.ts >= (confirmedAt ?? .min) {
                confirmedAt = label.ts
                confirmationID = label.labelID
                confirmationSource = label.source
            }
        case .genuine:
            if let listing = label.listingID { Self.remember(listing, in: &genuineListings, removingFrom: &counterfeitListings) }
            if label.upholdsAppeal || label.listingID == nil, label.ts >= (clearedAt ?? .min) {
                clearedAt = label.ts
                clearedByAppeal = label.upholdsAppeal
            }
        }
        return before != (isConfirmed, isCleared)
    }

    private static func remember(_ listing: String, in list: inout [String], removingFrom other: inout [String]) {
        other.removeAll { $0 == listing }
        list.removeAll { $0 == listing }
        list.append(listing)
        if list.count > maxListings { list.removeFirst() }
    }

    /// Writes the ledger.
    public func encode(to writer: inout StateWriter) {
        writer.writeLength(count)
        writer.write(lastLabelTime)
        writer.write(UInt8(confirmedAt == nil ? 0 : 1))
        if let confirmedAt {
            writer.write(confirmedAt)
            writer.write(confirmationID ?? "")
            writer.write(confirmationSource?.rawValue ?? "")
        }
        writer.write(UInt8(clearedAt == nil ? 0 : clearedByAppeal ? 2 : 1))
        if let clearedAt { writer.write(clearedAt) }
        writer.writeLength(counterfeitListings.count)
        for listing in counterfeitListings { writer.write(listing) }
        writer.writeLength(genuineListings.count)
        for listing in genuineListings { writer.write(listing) }
    }

    /// Reads a ledger written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        count = try reader.readLength("LabelLedger.count")
        lastLabelTime = try reader.readInt64("LabelLedger.lastLabelTime")
        if try reader.readUInt8("LabelLedger.confirmed") != 0 {
            confirmedAt = try reader.readInt64("LabelLedger.confirmedAt")
            confirmationID = try reader.readString("LabelLedger.confirmationID")
            confirmationSource = LabelEvent.Source(rawValue: try reader.readString("LabelLedger.confirmationSource"))
        }
        let cleared = try reader.readUInt8("LabelLedger.cleared")
        if cleared != 0 {
            clearedAt = try reader.readInt64("LabelLedger.clearedAt")
            clearedByAppeal = cleared == 2
        }
        for _ in 0..<(try reader.readLength("LabelLedger.counterfeitListings", limit: Self.maxListings, elementSize: 1)) {
            counterfeitListings.append(try reader.readString("LabelLedger.counterfeitListing"))
        }
        for _ in 0..<(try reader.readLength("LabelLedger.genuineListings", limit: Self.maxListings, elementSize: 1)) {
            genuineListings.append(try reader.readString("LabelLedger.genuineListing"))
        }
    }
}
