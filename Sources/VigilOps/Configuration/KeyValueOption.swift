/// Repeatable `name=value` command-line options (`--kafka linger.ms=10`), parsed in one place.
public enum KeyValueOption {
    /// A `name=value` entry that is not one.
    public struct Malformed: Error, CustomStringConvertible, Sendable, Equatable {
        /// The flag, e.g. `--kafka`.
        public var flag: String
        /// The entry as given.
        public var entry: String

        /// `--kafka 'linger.ms' must look like name=value, e.g. --kafka linger.ms=10`.
        public var description: String { "\(flag) '\(entry)' must look like name=value, e.g. \(flag) linger.ms=10" }
    }

    /// The entries as (name, value) pairs, in order; the value is everything after the first `=`
    /// (it may contain `=` itself, or be empty).
    /// - Throws: ``Malformed`` for an entry without `=` or with an empty name.
    public static func pairs(_ entries: [String], flag: String) throws(Malformed) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for entry in entries {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else { throw Malformed(flag: flag, entry: entry) }
            pairs.append((String(entry[..<equals]), String(entry[entry.index(after: equals)...])))
        }
        return pairs
    }

    /// The entries as a dictionary (a later entry for a name wins).
    public static func dictionary(_ entries: [String], flag: String) throws(Malformed) -> [String: String] {
        var dictionary: [String: String] = [:]
        for (name, value) in try pairs(entries, flag: flag) { dictionary[name] = value }
        return dictionary
    }
}
