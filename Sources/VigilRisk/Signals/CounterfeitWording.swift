/// Spots wording in listing titles that sellers of counterfeits use, in English and Chinese.
///
/// Titles are normalised first (NFKC, so full-width `ＡＡＡ` and `１：１` count; lowercase;
/// runs of spaces, `-` and `_` become one space, so `super-copy` is `super copy`). Matching
/// rules are those of ``WordingTerm``: English terms only as whole words (plural `s`
/// allowed), Chinese terms anywhere.
///
/// Decisions on ambiguous terms:
/// - `aaa` is strong, except before `batter…`, `cell`, `size` (`AAA batteries` is innocent).
/// - `fake` is weak, and innocent before `fur`, `leather`, `flower`, `plant`, `eyelash`, `nail`.
/// - `inspired`, `lookalike`/`look alike`, `clone`, `same style` and `同款` ("same style")
///   are weak: common in honest listings, telling only next to a brand name or other terms.
/// - `1:1` needs non-digit neighbours (`11:15` or `1:10` do not match).
/// - Generic words (`copy`, `style`, `oem`, a lone `仿`) are not terms: too many innocent uses.
///
/// ``isFlagged(_:)`` is `true` for any strong term or two different weak ones.
public struct CounterfeitWording: Sendable {
    /// The default English and Chinese (simplified and traditional) terms.
    public static let defaultTerms: [WordingTerm] = [
        WordingTerm("replica"), WordingTerm("aaa", unlessFollowedBy: ["batter", "cell", "size"]), WordingTerm("aaa+"),
        WordingTerm("1:1"), WordingTerm("mirror quality"), WordingTerm("mirror grade"), WordingTerm("mirror copy"),
        WordingTerm("super copy"), WordingTerm("supercopy"), WordingTerm("super fake"), WordingTerm("top copy"),
        WordingTerm("high copy"), WordingTerm("dupe"), WordingTerm("knockoff"), WordingTerm("knock off"),
        WordingTerm("counterfeit"), WordingTerm("unauthentic"),
        WordingTerm("fake", .weak, unlessFollowedBy: ["fur", "leather", "flower", "plant", "eyelash", "nail"]),
        WordingTerm("inspired", .weak), WordingTerm("lookalike", .weak), WordingTerm("look alike", .weak),
        WordingTerm("clone", .weak), WordingTerm("same style", .weak),
        WordingTerm("高仿"), WordingTerm("原单"), WordingTerm("原單"), WordingTerm("复刻"), WordingTerm("復刻"),
        WordingTerm("a货"), WordingTerm("a貨"), WordingTerm("精仿"), WordingTerm("超a"), WordingTerm("一比一"),
        WordingTerm("1比1"), WordingTerm("仿品"), WordingTerm("仿牌"), WordingTerm("纯原"), WordingTerm("純原"),
        WordingTerm("莆田"), WordingTerm("假货"), WordingTerm("假貨"),
        WordingTerm("同款", .weak), WordingTerm("尾单", .weak), WordingTerm("尾單", .weak),
    ]

    private let matcher: WordingMatcher

    /// A detector for `terms` (``defaultTerms`` unless given).
    public init(terms: [WordingTerm] = CounterfeitWording.defaultTerms) {
        matcher = WordingMatcher(terms: terms)
    }

    /// The terms found in `title`, in order of appearance (each term once).
    public func matches(in title: String) -> [WordingMatch] { matcher.matches(in: title) }

    /// Whether `title` has a strong term or two different weak ones.
    public func isFlagged(_ title: String) -> Bool { Self.isFlagged(matches(in: title)) }

    /// The flag rule over already computed matches.
    public static func isFlagged(_ matches: [WordingMatch]) -> Bool {
        matches.contains { $0.strength == .strong } || matches.count >= 2
    }
}
