import Foundation
import VigilKafka

/// The top-level scalar fields of a JSON object record.
public struct JSONFields: Sendable, Equatable {
    /// Numeric fields (booleans excluded).
    public var numbers: [String: Double]
    /// String fields.
    public var strings: [String: String]

    /// Creates fields.
    public init(numbers: [String: Double], strings: [String: String]) {
        self.numbers = numbers
        self.strings = strings
    }
}

/// The engine's generic decoder (`decoder: json`): a JSON object with a key and an event-time field.
///
/// Config:
/// - `key_field`: string field holding the key; default: use the Kafka record key.
/// - `time_field`: integer field holding event time in epoch ms; default `ts`.
///
/// Payload: ``JSONFields``. A record that is not a UTF-8 JSON object, lacks the key or time, or
/// has a non-integer time is rejected with a reason naming the field.
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

    public func decode(_ message: KafkaConsumerMessage) throws -> DecodedPayload {
        guard let value = message.value, !value.isEmpty else { throw DecodeError("empty value: expected a JSON object") }
        guard String(validating: value, as: UTF8.self) != nil else { throw DecodeError("value is not valid UTF-8") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(value)) } catch {
            throw DecodeError("value is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw DecodeError("value is JSON but not an object") }
        var fields = JSONFields(numbers: [:], strings: [:])
        for (name, field) in object {
            if let string = field as? String {
                fields.strings[name] = string
            } else if let number = field as? NSNumber, !number.isBoolean {
                fields.numbers[name] = number.doubleValue
            }
        }
        let key: String
        if let keyField {
            guard let found = fields.strings[keyField] else { throw DecodeError("field '\(keyField)' is missing or not a string") }
            key = found
        } else {
            guard let found = message.keyString else { throw DecodeError("record has no key") }
            key = found
        }
        guard let time = fields.numbers[timeField] else { throw DecodeError("field '\(timeField)' is missing or not a number") }
        guard time.rounded() == time, abs(time) < 9e15 else { throw DecodeError("field '\(timeField)' must be an integer epoch-milliseconds value, got \(time)") }
        return DecodedPayload(key: key, eventTime: Int64(time), value: fields)
    }
}

extension NSNumber {
    /// Whether this number came from a JSON `true`/`false`.
    var isBoolean: Bool {
        #if canImport(Darwin)
        return CFGetTypeID(self) == CFBooleanGetTypeID()
        #else
        return String(describing: type(of: self)).contains("Boolean")
        #endif
    }
}
