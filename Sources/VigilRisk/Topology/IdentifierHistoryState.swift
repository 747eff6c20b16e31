import VigilState

/// The identifier stage's checkpoint of one identifier: the sightings that changed its index,
/// replayed on restore.
///
/// Layout: tag `IH`, format version 1, the sighting count, then each
/// ``IdentifierSightingMessage`` in its binary form. Checkpoints written before this format are
/// a JSON array of the sightings (they start with `[`); ``decode(_:)`` still reads them.
enum IdentifierHistoryState {
    static let magic: UInt16 = 0x4849  // "IH"
    static let version: UInt8 = 1

    /// The sightings in the binary format.
    static func encode(_ sightings: [IdentifierSightingMessage]) -> [UInt8] {
        var writer = StateWriter(capacity: 8 + sightings.count * 64)
        writer.write(magic)
        writer.write(version)
        writer.writeLength(sightings.count)
        for sighting in sightings { sighting.encode(to: &writer) }
        return writer.bytes
    }

    /// The sightings of a checkpoint in the binary format, or in the JSON of older versions.
    /// - Throws: `StateDecodingError` naming the field and offset of truncated or corrupt
    ///   binary state, or a `DecodingError` for corrupt JSON.
    static func decode(_ bytes: [UInt8]) throws -> [IdentifierSightingMessage] {
        if bytes.first == UInt8(ascii: "[") { return try InternalCodec.decodeJSON([IdentifierSightingMessage].self, bytes) }
        var reader = StateReader(bytes)
        _ = try reader.readHeader("IdentifierHistoryState", magic: magic, maximumVersion: version)
        let count = try reader.readLength("IdentifierHistoryState.count", elementSize: 13)
        var sightings: [IdentifierSightingMessage] = []
        sightings.reserveCapacity(count)
        for _ in 0..<count { sightings.append(try IdentifierSightingMessage(from: &reader)) }
        try reader.expectEnd(after: "IdentifierHistoryState")
        return sightings
    }
}
