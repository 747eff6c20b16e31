/// Turns raw records of one source into typed payloads, or says precisely why it can't.
///
/// Decoders run on the consumer thread, in parallel over a batch, so they must be thread-safe.
public protocol RecordDecoder: Sendable {
    /// Decodes one record.
    /// - Throws: an error whose description names the bad field; the record then goes to the
    ///   dead-letter topic unchanged with that description as `dlq.reason`.
    func decode(_ record: RawRecord) throws -> DecodedPayload
}

/// Why a record was rejected; its description becomes the `dlq.reason` header.
public struct DecodeError: Error, CustomStringConvertible, Sendable {
    /// A readable reason naming the field.
    public var description: String

    /// Creates a decode error.
    public init(_ description: String) { self.description = description }
}
