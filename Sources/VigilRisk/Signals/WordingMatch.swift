/// A term found by a wording detector (``CounterfeitWording``, ``ComplaintWording``).
public struct WordingMatch: Sendable, Hashable {
    /// How telling a term is.
    public enum Strength: String, Sendable, Hashable, Codable {
        /// Rarely used by honest sellers or satisfied buyers (`replica`, `高仿`, `假货`).
        case strong
        /// Suggestive, with innocent uses (`inspired`, `同款`).
        case weak

        /// 1.0 for strong, 0.5 for weak.
        public var weight: Double { self == .strong ? 1.0 : 0.5 }
    }

    /// The term as listed by the detector (normalised: lowercase, e.g. `"mirror quality"`, `"a货"`).
    public var term: String
    /// How telling it is.
    public var strength: Strength
    /// Byte offset of the match in the normalised text (for ordering and highlighting).
    public var offset: Int

    /// Creates a match.
    public init(term: String, strength: Strength, offset: Int) {
        self.term = term
        self.strength = strength
        self.offset = offset
    }
}
