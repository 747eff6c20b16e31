/// Parses `learner.learner_model_param.base_score` from an XGBoost JSON model.
///
/// XGBoost 2.x writes a scalar string (`"5E-1"`); XGBoost 3.x writes a
/// bracketed vector string with one entry per target (`"[5E-1]"`). Both
/// give the base score in user space (a probability for logistic objectives);
/// ``XGBoostObjective/baseMargin(fromBaseScore:)`` turns it into a margin.
public enum XGBoostBaseScore {
    /// The base score values in `text`: one for `"3E-1"` or `"[3E-1]"`,
    /// several for a multi-target `"[1E-1,2E-1]"`; `nil` when any entry is not a number.
    public static func parseVector(_ text: String) -> [Float]? {
        var body = Substring(text).trimmingWhitespace()
        if body.first == "[" {
            guard body.last == "]" else { return nil }
            body = body.dropFirst().dropLast()
        }
        var values: [Float] = []
        for part in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Float(part.trimmingWhitespace()) else { return nil }
            values.append(value)
        }
        return values
    }
}

extension Substring {
    /// The substring without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        return self[start...end]
    }
}
