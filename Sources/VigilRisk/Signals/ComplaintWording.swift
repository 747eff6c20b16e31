/// Spots buyers' complaints about counterfeits in review texts, in English and Chinese.
///
/// Normalisation and matching are those of ``CounterfeitWording`` (NFKC, lowercase, whole
/// English words, Chinese anywhere). A term directly preceded by a negation is not a
/// complaint: `not fake`, `no fake`, `isn't a fake`, `不是假货`, `没有假的`. Terms that are
/// themselves negative (`not genuine`, `不是正品`, `非正品`) are listed whole.
///
/// Weak terms (`not as described`, `与描述不符`, `做工粗糙` "rough workmanship") are common in
/// ordinary complaints and only suggest a counterfeit. ``isFlagged(_:)`` is `true` for any
/// strong term.
public struct ComplaintWording: Sendable {
    /// The default English and Chinese (simplified and traditional) terms.
    public static let defaultTerms: [WordingTerm] = [
        WordingTerm("fake"), WordingTerm("counterfeit"), WordingTerm("not genuine"), WordingTerm("not authentic"),
        WordingTerm("not original"), WordingTerm("not real"), WordingTerm("knockoff"), WordingTerm("knock off"),
        WordingTerm("replica"), WordingTerm("imitation"), WordingTerm("bootleg"),
        WordingTerm("not as described", .weak), WordingTerm("poor quality", .weak),
        WordingTerm("假货"), WordingTerm("假貨"), WordingTerm("假的"), WordingTerm("仿品"), WordingTerm("不是正品"),
        WordingTerm("非正品"), WordingTerm("假冒"), WordingTerm("高仿"), WordingTerm("山寨"), WordingTerm("不是真的"),
        WordingTerm("a货"), WordingTerm("a貨"),
        WordingTerm("与描述不符", .weak), WordingTerm("做工粗糙", .weak), WordingTerm("和图片不一样", .weak),
    ]

    /// The default negations, normalised, that cancel a term they directly precede.
    public static let defaultNegations: [String] = [
        "not ", "not a ", "not an ", "no ", "never ", "isn't ", "isnt ", "isn't a ", "wasn't ", "wasn't a ", "zero ",
        "不是", "不", "没有", "没", "并非", "绝非", "絕非", "沒有",
    ]

    private let matcher: WordingMatcher

    /// A detector for `terms` and `negations` (the defaults unless given).
    public init(terms: [WordingTerm] = ComplaintWording.defaultTerms, negations: [String] = ComplaintWording.defaultNegations) {
        matcher = WordingMatcher(terms: terms, negations: negations)
    }

    /// The complaint terms found in `text`, in order of appearance (each term once).
    public func matches(in text: String) -> [WordingMatch] { matcher.matches(in: text) }

    /// Whether `text` contains a strong complaint term.
    public func isFlagged(_ text: String) -> Bool { matches(in: text).contains { $0.strength == .strong } }
}
