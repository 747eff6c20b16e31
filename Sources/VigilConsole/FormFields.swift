import Foundation

/// Fields of an `application/x-www-form-urlencoded` text: a POSTed form's body or a URL's query
/// (`+` is a space, `%XX` a byte). The first value of a repeated name wins.
public struct FormFields: Sendable, Hashable {
    /// The fields by name.
    public private(set) var values: [String: String] = [:]

    /// Parses `text` (an invalid percent escape keeps the raw text).
    public init(_ text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard !name.isEmpty, values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    /// Parses `text`.
    public init(_ text: String) { self.init(text[...]) }

    /// The value of `name`, or `nil`; an empty value is `nil` too.
    public subscript(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// `value` encoded for a query or form field (everything but unreserved characters escaped).
    public static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// `name=value&…` with every value encoded, skipping `nil` values.
    public static func query(_ pairs: KeyValuePairs<String, String?>) -> String {
        pairs.compactMap { pair in pair.value.map { "\(pair.key)=\(encode($0))" } }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
