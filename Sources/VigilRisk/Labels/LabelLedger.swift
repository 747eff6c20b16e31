import VigilState

/// The labels of one merchant, kept beside its profile on the merchant's lane, and what they
/// establish as of a point in event time (``standing(asOf:)``).
///
/// A label counts only from its `ts` (when the outcome was established), so a decision is never
/// judged by an outcome that was not known yet, whatever order the topics were read in. Among the
/// labels known by then, the latest about the merchant as a whole decides its standing:
/// - *confirmed*: a counterfeit label from a test buy, an enforcement result, a manual review or a
///   rejected appeal, about the merchant or any of its listings;
/// - *complained*: a rights holder's complaint (counterfeit from `rights_holder`): rights holders
///   are sometimes wrong, so it sends the merchant to a reviewer rather than taking it down;
/// - *cleared*: an upheld appeal, or a genuine label about the merchant as a whole.
///
/// Labels about one listing also judge that listing (``Standing/counterfeitListings``,
/// ``Standing/genuineListings``). A label for a merchant not seen yet is kept until its events
/// arrive (the operator keeps the entry, evicted `idle_ttl` after its latest label).
public struct LabelLedger: Sendable, Hashable {
    /// One applied label.
    public struct Entry: Sendable, Hashable {
        /// When the outcome was established.
        public var ts: Int64
        /// `label_id`.
        public var labelID: String
        /// `listing_id`, `nil` for the merchant as a whole.
        public var listingID: String?
        /// `outcome`.
        public var outcome: LabelEvent.Outcome
        /// `source`.
        public var source: LabelEvent.Source
    }

    /// What the labels known at a point in time establish.
    public struct Standing: Sendable, Hashable {
        /// The merchant's standing, from its latest deciding label.
        public enum Status: Sendable, Hashable {
            /// No deciding label.
            case none
            /// Established counterfeit.
            case confirmed
            /// Under a rights holder's complaint.
            case complained
            /// Cleared by an upheld appeal (`byAppeal`) or a genuine verdict.
            case cleared(byAppeal: Bool)
        }

        /// The merchant's standing.
        public var status: Status = .none
        /// The label that decided it.
        public var decidedBy: Entry?
        /// Listings established counterfeit (by a confirming source).
        public var counterfeitListings: Set<String> = []
        /// Listings under a rights holder's complaint.
        public var complainedListings: Set<String> = []
        /// Listings established genuine.
        public var genuineListings: Set<String> = []

        /// Whether any label is known.
        public var isEmpty: Bool { status == .none && counterfeitListings.isEmpty && complainedListings.isEmpty && genuineListings.isEmpty }

        /// Whether the merchant is cleared.
        public var isCleared: Bool { if case .cleared = status { true } else { false } }
    }

    /// Labels applied, oldest established first (at most ``maxEntries``; the oldest go first).
    public private(set) var entries: [Entry] = []
    /// Labels applied in all (the kept ones and the ones that made room).
    public private(set) var count = 0
    /// `ts` of the latest label applied (`Int64.min` before any).
    public private(set) var lastLabelTime: Int64 = .min

    /// Most labels kept per merchant. Default 32.
    public static let maxEntries = 32

    /// An empty ledger.
    public init() {}

    /// Adds one label of this merchant.
    public mutating func apply(_ label: LabelEvent) {
        count += 1
        lastLabelTime = max(lastLabelTime, label.ts)
        let entry = Entry(ts: label.ts, labelID: label.labelID, listingID: label.listingID, outcome: label.outcome, source: label.source)
        let position = entries.firstIndex { ($0.ts, $0.labelID) > (entry.ts, entry.labelID) } ?? entries.endIndex
        entries.insert(entry, at: position)
        if entries.count > Self.maxEntries { entries.removeFirst() }
    }

    /// What the labels established by `asOf` (event time, epoch ms) say.
    public func standing(asOf: Int64) -> Standing {
        var standing = Standing()
        for entry in entries where entry.ts <= asOf {
            switch (entry.outcome, entry.source) {
            case (.counterfeit, .rightsHolder):
                if let listing = entry.listingID {
                    standing.complainedListings.insert(listing)
                    standing.genuineListings.remove(listing)
                }
                standing.status = .complained
                standing.decidedBy = entry
            case (.counterfeit, _):
                if let listing = entry.listingID {
                    standing.counterfeitListings.insert(listing)
                    standing.genuineListings.remove(listing)
                }
                standing.status = .confirmed
                standing.decidedBy = entry
            case (.genuine, let source):
                if let listing = entry.listingID {
                    standing.genuineListings.insert(listing)
                    standing.counterfeitListings.remove(listing)
                    standing.complainedListings.remove(listing)
                }
                if source == .appeal || entry.listingID == nil {
                    standing.status = .cleared(byAppeal: source == .appeal)
                    standing.decidedBy = entry
                }
            }
        }
        return standing
    }

    /// Writes the ledger.
    public func encode(to writer: inout StateWriter) {
        writer.writeLength(count)
        writer.write(lastLabelTime)
        writer.writeLength(entries.count)
        for entry in entries {
            writer.write(entry.ts)
            writer.write(entry.labelID)
            writer.write(UInt8(entry.listingID == nil ? 0 : 1))
            if let listing = entry.listingID { writer.write(listing) }
            writer.write(entry.outcome.rawValue)
            writer.write(entry.source.rawValue)
        }
    }

    /// Reads a ledger written by ``encode(to:)``.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        count = try reader.readLength("LabelLedger.count")
        lastLabelTime = try reader.readInt64("LabelLedger.lastLabelTime")
        for _ in 0..<(try reader.readLength("LabelLedger.entries", limit: Self.maxEntries, elementSize: 8)) {
            let ts = try reader.readInt64("LabelLedger.ts")
            let labelID = try reader.readString("LabelLedger.labelID")
            let listingID = try reader.readUInt8("LabelLedger.hasListing") == 0 ? nil : try reader.readString("LabelLedger.listingID")
            let offset = reader.offset
            let outcome = try reader.readString("LabelLedger.outcome")
            let source = try reader.readString("LabelLedger.source")
            guard let outcome = LabelEvent.Outcome(rawValue: outcome), let source = LabelEvent.Source(rawValue: source) else {
                throw StateDecodingError(field: "LabelLedger.outcome", offset: offset, reason: .corrupt("unknown label outcome \"\(outcome)\" or source \"\(source)\""))
            }
            entries.append(Entry(ts: ts, labelID: labelID, listingID: listingID, outcome: outcome, source: source))
        }
    }
}
