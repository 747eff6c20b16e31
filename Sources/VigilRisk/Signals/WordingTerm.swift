/// One term a wording detector looks for, with its matching rules.
///
/// Terms are written normalised (lowercase, single spaces, see `TextNormalizer`).
/// An ASCII term matches only as whole words: the bytes just before and after it must not
/// be ASCII letters or digits (non-ASCII neighbours such as Chinese characters count as
/// boundaries, since Chinese titles run words together: `高仿replica表` matches `replica`).
/// An ASCII term also matches with a plural `s` (`replicas`, `dupes`). A non-ASCII term
/// (Chinese) matches anywhere.
public struct WordingTerm: Sendable, Hashable {
    /// The normalised term.
    public var text: String
    /// How telling it is.
    public var strength: WordingMatch.Strength
    /// Words that, when they follow the term, make it innocent (`aaa` + `batteries`).
    public var unlessFollowedBy: [String]

    /// Creates a term.
    public init(_ text: String, _ strength: WordingMatch.Strength = .strong, unlessFollowedBy: [String] = []) {
        self.text = text
        self.strength = strength
        self.unlessFollowedBy = unlessFollowedBy
    }
}
