import VigilState

// Binary forms of the internal messages (`InternalCodec`); `RingInputMessage`'s is beside the
// ring checkpoint, which stores the same messages.

/// An identifier kind in binary state: its wire name.
extension IdentifierKind {
    /// Writes the kind's wire name.
    func encode(to writer: inout StateWriter) { writer.write(rawValue) }

    /// Reads a kind written by ``encode(to:)``.
    init(from reader: inout StateReader, field: String) throws(StateDecodingError) {
        let offset = reader.offset
        let name = try reader.readString(field)
        guard let kind = IdentifierKind(rawValue: name) else {
            throw StateDecodingError(field: field, offset: offset, reason: .corrupt("unknown identifier kind '\(name)'"))
        }
        self = kind
    }
}

/// Fields in declaration order; `official` as 0 (absent), 1 (false) or 2 (true).
extension IdentifierSightingMessage: InternalMessage {
    static let wireTag: UInt16 = 0x5349  // "IS"

    func encode(to writer: inout StateWriter) {
        kind.encode(to: &writer)
        writer.write(valueHash)
        writer.write(merchantID)
        writer.write(eventID)
        writer.write(ts)
        writer.write(UInt8(official.map { $0 ? 2 : 1 } ?? 0))
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        kind = try IdentifierKind(from: &reader, field: "IdentifierSightingMessage.kind")
        valueHash = try reader.readString("IdentifierSightingMessage.valueHash")
        merchantID = try reader.readString("IdentifierSightingMessage.merchantID")
        eventID = try reader.readString("IdentifierSightingMessage.eventID")
        ts = try reader.readInt64("IdentifierSightingMessage.ts")
        let offset = reader.offset
        switch try reader.readUInt8("IdentifierSightingMessage.official") {
        case 0: official = nil
        case 1: official = false
        case 2: official = true
        case let other: throw StateDecodingError(field: "IdentifierSightingMessage.official", offset: offset, reason: .corrupt("\(other) is not 0, 1 or 2"))
        }
    }
}

/// Fields in declaration order.
extension LinkNoticeMessage: InternalMessage {
    static let wireTag: UInt16 = 0x4E4C  // "LN"

    func encode(to writer: inout StateWriter) {
        kind.encode(to: &writer)
        writer.write(valueHash)
        writer.write(merchantID)
        writer.write(Int64(otherMerchants))
        writer.write(ts)
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        kind = try IdentifierKind(from: &reader, field: "LinkNoticeMessage.kind")
        valueHash = try reader.readString("LinkNoticeMessage.valueHash")
        merchantID = try reader.readString("LinkNoticeMessage.merchantID")
        otherMerchants = Int(truncatingIfNeeded: try reader.readInt64("LinkNoticeMessage.otherMerchants"))
        ts = try reader.readInt64("LinkNoticeMessage.ts")
    }
}

/// Fields in declaration order; `ringID` behind a presence byte; `sharedIdentifiers` sorted by
/// kind so equal messages have equal bytes.
extension RingFeaturesMessage: InternalMessage {
    static let wireTag: UInt16 = 0x4652  // "RF"

    func encode(to writer: inout StateWriter) {
        writer.write(merchantID)
        writer.write(ts)
        writer.write(ringID != nil)
        if let ringID { writer.write(ringID) }
        writer.write(Int64(ringSize))
        writer.write(Int64(linkedIntercepted))
        writer.write(Int64(maxLinkedScore))
        writer.write(meanLinkedScore)
        writer.writeLength(sharedIdentifiers.count)
        for (kind, count) in sharedIdentifiers.sorted(by: { $0.key < $1.key }) {
            writer.write(kind)
            writer.write(Int64(count))
        }
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        merchantID = try reader.readString("RingFeaturesMessage.merchantID")
        ts = try reader.readInt64("RingFeaturesMessage.ts")
        ringID = try reader.readBool("RingFeaturesMessage.hasRingID") ? try reader.readString("RingFeaturesMessage.ringID") : nil
        ringSize = Int(truncatingIfNeeded: try reader.readInt64("RingFeaturesMessage.ringSize"))
        linkedIntercepted = Int(truncatingIfNeeded: try reader.readInt64("RingFeaturesMessage.linkedIntercepted"))
        maxLinkedScore = Int(truncatingIfNeeded: try reader.readInt64("RingFeaturesMessage.maxLinkedScore"))
        meanLinkedScore = try reader.readDouble("RingFeaturesMessage.meanLinkedScore")
        var shared: [String: Int] = [:]
        for _ in 0..<(try reader.readLength("RingFeaturesMessage.sharedIdentifiers", elementSize: 9)) {
            let kind = try reader.readString("RingFeaturesMessage.sharedIdentifiers.kind")
            shared[kind] = Int(truncatingIfNeeded: try reader.readInt64("RingFeaturesMessage.sharedIdentifiers.count"))
        }
        sharedIdentifiers = shared
    }
}
