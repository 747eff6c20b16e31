import VigilKafka

/// The engine's generic decoder (`decoder: json`): a JSON object with a key and an event-time field.
///
/// Config:
/// - `key_field`: string field holding the key; default: use the Kafka record key.
/// - `time_field`: integer field holding event time in epoch ms; default `ts`.
///
/// Payload: ``JSONFields`` (read by ``JSONObjectScanner``). A record that is not a UTF-8 JSON
/// object, lacks the key or time, or has a non-integer time is rejected with a reason naming the
/// field.
public struct JSONFieldDecoder: RecordDecoder {
    /// Field holding the key, or `nil` for the Kafka key.
    public var keyField: String?
    /// Field holding event time.
    public var timeField: String

    /// Creates the decoder from its topology config.
    public init(config: ConfigSection) throws {
        keyField = config.values["key_field"] == nil ? nil : try config.string("key_field")
        timeField = try config.string("time_field", default: "ts")
    }

    /// Reads the configured fields of the record's JSON object; a malformed record throws a `DecodeError` naming the field.
    public func decode(_ record: RawRecord) throws -> DecodedPayload {
        guard let value = record.value, !value.isEmpty else { throw DecodeError("empty value: expected a JSON object") }
        let fields = try JSONObjectScanner.fields(of: value)
        let key: String
        if let keyField {
            guard let found = fields.strings[keyField] else { throw DecodeError("field '\(keyField)' is missing or not a string") }
            key = found
        } else {
            guard let found = record.keyString else { throw DecodeError("record has no key") }
            key = found
        }
        guard let time = fields.numbers[timeField] else { throw DecodeError("field '\(timeField)' is missing or not a number") }
        guard time.rounded() == time, abs(time) < 9e15 else { throw DecodeError("field '\(timeField)' must be an integer epoch-milliseconds value, got \(time)") }
        return DecodedPayload(key: key, eventTime: Int64(time), value: fields)
    }
}
