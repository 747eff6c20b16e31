/// A piece of HTML markup. Built by string interpolation in which every interpolated `String`
/// (and anything `CustomStringConvertible`) is escaped with ``HTMLEscaper``, so merchant-written
/// text (titles, notes, ids) can never become markup; only literal text and other `HTML` values
/// are taken as markup.
///
/// ```swift
/// let row: HTML = "<td>\(listing.title)</td>"   // the title is escaped
/// ```
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Markup from a literal (taken as written).
    public init(stringLiteral value: String) { markup = value }

    /// Markup from an interpolation.
    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// Empty markup.
    public static let empty: HTML = ""

    /// The markup.
    public var description: String { markup }

    /// Appends `other`.
    public mutating func append(_ other: HTML) { markup += other.markup }

    /// The markups joined, in order.
    public static func join(_ parts: some Sequence<HTML>) -> HTML {
        var joined = HTML.empty
        for part in parts { joined.append(part) }
        return joined
    }

    /// Builds ``HTML``: literals are markup, interpolated values are escaped text.
    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }

        /// Literal markup.
        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text, escaped.
        public mutating func appendInterpolation(_ text: String) { HTMLEscaper.escape(text, into: &markup) }

        /// Text, escaped (`nil` writes nothing).
        public mutating func appendInterpolation(_ text: String?) { if let text { HTMLEscaper.escape(text, into: &markup) } }

        /// A value's description, escaped.
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { HTMLEscaper.escape(value.description, into: &markup) }

        /// Markup, as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// Markups, as they are, in order.
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { markup += part.markup } }
    }
}
