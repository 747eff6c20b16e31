/// Writes compact JSON straight into bytes: no intermediate strings, arrays of parts or joins.
///
/// The one JSON writer in Vigil, for operators that render an output per record, the feature
/// log, contract encoders and the simulator. The caller writes structure in order; the writer
/// escapes strings as RFC 8259 requires (`"`, `\`, `\n`, `\r`, `\t` by their short escapes,
/// other control characters as `\u00XX`, everything else as UTF-8), prints integers as digits,
/// doubles as Swift's shortest round-tripping form, and money from integer cents.
///
/// Commas are automatic: a key or value written right after a complete value or container is
/// preceded by `,`. Hand-written punctuation (``raw(_:)``) resets that, so hot paths can write
/// fused keys such as `,"offset":` themselves:
///
/// ```swift
/// var json = JSONWriter()
/// json.beginObject()
/// json.key("id"); json.string("e-1")
/// json.key("amounts"); json.moneyArray(cents: [780, 1_250])
/// json.endObject()          // {"id":"e-1","amounts":[7.8,12.5]}
/// ```
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    // MARK: Punctuation

    /// Appends raw, already valid JSON text (punctuation, literals, fused keys such as
    /// `,"offset":`). The next key or value is not preceded by an automatic comma.
    public mutating func raw(_ text: StaticString) {
        append(text)
        needsComma = false
    }

    /// Opens an object (`{`).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array (`]`).
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Appends `"name":` (the name must not need escaping, as for a literal key).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Appends `"name":` for a name known only at run time (escaped like any string).
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    /// Appends `text` as a quoted, escaped JSON string.
    public mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// `text` as a quoted, escaped JSON string literal (as ``string(_:)`` writes it), for
    /// messages assembled around one string, e.g. `{"ready":false,"reason":…}`.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Appends `text`, or `null` when it is `nil`.
    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    /// Appends `null`.
    public mutating func null() {
        separate()
        append("null")
        needsComma = true
    }

    /// Appends `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        value ? append("true") : append("false")
        needsComma = true
    }

    /// Appends an integer.
    public mutating func int(_ value: Int64) {
        separate()
        digits(value)
        needsComma = true
    }

    /// Appends an integer.
    public mutating func int(_ value: Int) { int(Int64(value)) }

    /// Appends a number as Swift prints it (`12.5`, `3.0`, `1e-05`); NaN and infinities, which
    /// JSON cannot carry, are written as `null`.
    public mutating func double(_ value: Double) {
        separate()
        needsComma = true
        guard value.isFinite else { append("null"); return }
        // Whole numbers below 2^53 (counts, amounts in cents) print as their digits and `.0`,
        // exactly as `description` does, without building a String.
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992, value != 0 || value.sign == .plus {
            digits(Int64(value))
            append(".0")
            return
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Appends a finite number as Foundation's `JSONEncoder` writes it: Swift's shortest
    /// round-tripping form without a trailing `.0` (`12.5`, `3`, `-0`, `1e-05`), so outputs that
    /// were once written by `JSONEncoder` keep their bytes.
    /// - Precondition: `value` is finite (JSON cannot carry NaN or infinities; check first).
    public mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON cannot carry \(value)")
        separate()
        needsComma = true
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992 {
            if value == 0, value.sign == .minus { append("-0") } else { digits(Int64(value)) }
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends an amount given in cents with no trailing zeros: `78000` → `780`, `1250` → `12.5`,
    /// `9999` → `99.99`; the bytes never depend on floating-point printing.
    public mutating func money(cents: Int64) {
        separate()
        if cents < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        bytes.append(contentsOf: String(whole).utf8)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
        }
        needsComma = true
    }

    /// Appends an array of strings.
    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Appends an array of amounts given in cents (see ``money(cents:)``).
    public mutating func moneyArray(cents values: [Int64]) {
        beginArray()
        for value in values { money(cents: value) }
        endArray()
    }

    // MARK: Internals

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func digits(_ value: Int64) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
