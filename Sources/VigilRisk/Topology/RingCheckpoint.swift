import VigilState

/// The ring stage's checkpoint: its latest messages (links, risk, shipments) in Vigil's binary
/// state format, replayed on restore.
///
/// Layout: tag `RC`, format version 1, the message count, then each ``RingInputMessage``
/// (``RingInputMessage/encode(to:)``). Checkpoints written before this format are a JSON
/// array of the messages (they start with `[`); ``decode(_:)`` still reads them.
enum RingCheckpoint {
    static let magic: UInt16 = 0x4352  // "RC"
    static let version: UInt8 = 1

    /// The messages in the binary format.
    static func encode(_ messages: [RingInputMessage]) -> [UInt8] {
        var writer = StateWriter(capacity: 64 + messages.count * 96)
        writer.write(magic)
        writer.write(version)
        writer.writeLength(messages.count)
        for message in messages { message.encode(to: &writer) }
        return writer.bytes
    }

    /// The messages of a checkpoint in the binary format, or in the JSON of older versions.
    /// - Throws: `StateDecodingError` naming the field and offset of truncated or corrupt
    ///   binary state, or a `DecodingError` for corrupt JSON.
    static func decode(_ bytes: [UInt8]) throws -> [RingInputMessage] {
        if bytes.first == UInt8(ascii: "[") { return try InternalCodec.decodeJSON([RingInputMessage].self, bytes) }
        var reader = StateReader(bytes)
        _ = try reader.readHeader("RingCheckpoint", magic: magic, maximumVersion: version)
        let count = try reader.readLength("RingCheckpoint.count", elementSize: 10)
        var messages: [RingInputMessage] = []
        messages.reserveCapacity(count)
        for _ in 0..<count { messages.append(try RingInputMessage(from: &reader)) }
        try reader.expectEnd(after: "RingCheckpoint")
        return messages
    }
}

/// One message: its kind, `ts`, a bit set of the optional fields present, then those fields in
/// declaration order. Also the body of a `vigil.ring-input` record (``InternalCodec``).
extension RingInputMessage: InternalMessage {
    static let wireTag: UInt16 = 0x4952  // "RI"
    private static let kinds: [Kind] = [.link, .risk, .shipment]
    private enum Field: UInt16, CaseIterable {
        case identifierKind = 1, valueHash = 2, members = 4, weight = 8, common = 16, merchantID = 32, score = 64
        case intercepted = 128, evidence = 256, location = 512, shipFrom = 1024
    }

    func encode(to writer: inout StateWriter) {
        writer.write(UInt8(Self.kinds.firstIndex(of: kind)!))
        writer.write(ts)
        var present: UInt16 = 0
        func mark(_ field: Field, _ isPresent: Bool) { if isPresent { present |= field.rawValue } }
        mark(.identifierKind, identifierKind != nil); mark(.valueHash, valueHash != nil); mark(.members, members != nil)
        mark(.weight, weight != nil); mark(.common, common != nil); mark(.merchantID, merchantID != nil); mark(.score, score != nil)
        mark(.intercepted, intercepted != nil); mark(.evidence, evidence != nil); mark(.location, location != nil); mark(.shipFrom, shipFrom != nil)
        writer.write(present)
        if let identifierKind { writer.write(identifierKind.rawValue) }
        if let valueHash { writer.write(valueHash) }
        if let members {
            writer.writeLength(members.count)
            for member in members {
                writer.writeLength(member.count)
                for part in member { writer.write(part) }
            }
        }
        if let weight { writer.write(weight) }
        if let common { writer.write(common) }
        if let merchantID { writer.write(merchantID) }
        if let score { writer.write(Int64(score)) }
        if let intercepted { writer.write(intercepted) }
        if let evidence {
            writer.writeLength(evidence.count)
            for item in evidence {
                writer.write(item.merchantID)
                writer.write(item.eventID)
                writer.write(item.reasonCode)
            }
        }
        if let location {
            writer.write(location.province)
            writer.write(location.city)
            writer.write(location.district)
        }
        if let shipFrom {
            writer.writeLength(shipFrom.count)
            for count in shipFrom {
                writer.write(count.province)
                writer.write(count.city)
                writer.write(count.district)
                writer.write(Int64(count.count))
            }
        }
    }

    init(from reader: inout StateReader) throws(StateDecodingError) {
        let kindOffset = reader.offset
        let kindIndex = Int(try reader.readUInt8("RingInputMessage.kind"))
        guard kindIndex < Self.kinds.count else {
            throw StateDecodingError(field: "RingInputMessage.kind", offset: kindOffset, reason: .corrupt("unknown message kind \(kindIndex)"))
        }
        self.init(kind: Self.kinds[kindIndex], ts: try reader.readInt64("RingInputMessage.ts"))
        let presentOffset = reader.offset
        let present = try reader.read(UInt16.self, "RingInputMessage.fields")
        let known = Field.allCases.reduce(UInt16(0)) { $0 | $1.rawValue }
        guard present & ~known == 0 else {
            throw StateDecodingError(field: "RingInputMessage.fields", offset: presentOffset, reason: .corrupt("unknown fields 0x\(String(present & ~known, radix: 16))"))
        }
        func has(_ field: Field) -> Bool { present & field.rawValue != 0 }
        if has(.identifierKind) {
            let offset = reader.offset
            let name = try reader.readString("RingInputMessage.identifierKind")
            guard let identifierKind = IdentifierKind(rawValue: name) else {
                throw StateDecodingError(field: "RingInputMessage.identifierKind", offset: offset, reason: .corrupt("unknown identifier kind '\(name)'"))
            }
            self.identifierKind = identifierKind
        }
        if has(.valueHash) { valueHash = try reader.readString("RingInputMessage.valueHash") }
        if has(.members) {
            var members: [[String]] = []
            for _ in 0..<(try reader.readLength("RingInputMessage.members", elementSize: 1)) {
                var member: [String] = []
                for _ in 0..<(try reader.readLength("RingInputMessage.member", elementSize: 1)) { member.append(try reader.readString("RingInputMessage.member")) }
                members.append(member)
            }
            self.members = members
        }
        if has(.weight) { weight = try reader.readDouble("RingInputMessage.weight") }
        if has(.common) { common = try reader.readBool("RingInputMessage.common") }
        if has(.merchantID) { merchantID = try reader.readString("RingInputMessage.merchantID") }
        if has(.score) { score = Int(truncatingIfNeeded: try reader.readInt64("RingInputMessage.score")) }
        if has(.intercepted) { intercepted = try reader.readBool("RingInputMessage.intercepted") }
        if has(.evidence) {
            var evidence: [LeadEvidence] = []
            for _ in 0..<(try reader.readLength("RingInputMessage.evidence", elementSize: 3)) {
                evidence.append(LeadEvidence(merchantID: try reader.readString("LeadEvidence.merchantID"), eventID: try reader.readString("LeadEvidence.eventID"),
                                             reasonCode: try reader.readString("LeadEvidence.reasonCode")))
            }
            self.evidence = evidence
        }
        if has(.location) {
            location = ShipFromLocation(province: try reader.readString("ShipFromLocation.province"), city: try reader.readString("ShipFromLocation.city"),
                                        district: try reader.readString("ShipFromLocation.district"))
        }
        if has(.shipFrom) {
            var counts: [ShipFromCount] = []
            for _ in 0..<(try reader.readLength("RingInputMessage.shipFrom", elementSize: 11)) {
                counts.append(ShipFromCount(province: try reader.readString("ShipFromCount.province"), city: try reader.readString("ShipFromCount.city"),
                                            district: try reader.readString("ShipFromCount.district"),
                                            count: Int(truncatingIfNeeded: try reader.readInt64("ShipFromCount.count"))))
            }
            shipFrom = counts
        }
    }
}
