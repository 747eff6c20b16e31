import Foundation
import VigilState

/// One message type of the risk topology's internal topics, with its binary wire form.
///
/// | topic (default) | key | message | tag |
/// | --- | --- | --- | --- |
/// | `vigil.identifiers` | identifier value hash | ``IdentifierSightingMessage`` | `IS` |
/// | `vigil.links` | merchant_id | ``LinkNoticeMessage`` (one per member of a link) | `LN` |
/// | `vigil.ring-input` (1 partition) | any | ``RingInputMessage`` (links, merchant risk, shipments) | `RI` |
/// | `vigil.ring-features` | merchant_id | ``RingFeaturesMessage`` | `RF` |
protocol InternalMessage: BinaryStateCodable, Decodable, Sendable {
    /// The two-byte tag that starts every record of this message (``InternalCodec``).
    static var wireTag: UInt16 { get }
}

/// Records on the risk topology's internal topics (repartitioning between its keyed stages).
///
/// Each record is one message in Vigil's binary state format (``StateWriter``): the message's
/// ``InternalMessage/wireTag``, a format version, then the message's fields. Only Vigil reads
/// these topics; binary costs a fraction of Foundation's JSON coders, which took about a tenth
/// of the topology's CPU. Records that earlier versions wrote as JSON (they start with `{`) still
/// decode, so an upgrade with records in flight loses nothing.
enum InternalCodec {
    /// The format version written today.
    static let version: UInt8 = 1

    /// The message as one record's bytes.
    static func encode<Message: InternalMessage>(_ message: Message) -> [UInt8] {
        var writer = StateWriter(capacity: 96)
        writer.write(Message.wireTag)
        writer.write(version)
        message.encode(to: &writer)
        return writer.bytes
    }

    /// Reads one record written by ``encode(_:)`` or, by earlier versions, as JSON.
    /// - Throws: `StateDecodingError` naming the field and offset of truncated or corrupt bytes
    ///   (or a record of another message type), or a `DecodingError` for corrupt JSON.
    static func decode<Message: InternalMessage>(_ type: Message.Type, _ bytes: [UInt8]) throws -> Message {
        if bytes.first == UInt8(ascii: "{") { return try decodeJSON(type, bytes) }
        var reader = StateReader(bytes)
        let name = String(describing: type)
        _ = try reader.readHeader(name, magic: Message.wireTag, maximumVersion: version)
        let message = try Message(from: &reader)
        try reader.expectEnd(after: name)
        return message
    }

    /// Reads JSON that earlier versions wrote (records and checkpoints).
    static func decodeJSON<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}
