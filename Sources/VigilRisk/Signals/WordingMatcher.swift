/// Finds ``WordingTerm``s in normalised text; the engine behind the wording detectors.
struct WordingMatcher: Sendable {
    private struct Compiled: Sendable {
        let term: WordingTerm
        let bytes: [UInt8]
        let isWord: Bool
        let exclusions: [[UInt8]]
    }

    private let terms: [Compiled]
    private let negations: [[UInt8]]

    /// `negations` are normalised prefixes (`"not "`, `"不是"`) that cancel a term they directly precede.
    init(terms: [WordingTerm], negations: [String] = []) {
        self.terms = terms.map { term in
            Compiled(term: term, bytes: Array(term.text.utf8), isWord: term.text.utf8.allSatisfy { $0 < 0x80 },
                     exclusions: term.unlessFollowedBy.map { Array($0.utf8) })
        }
        self.negations = negations.map { Array($0.utf8) }
    }

    /// All term occurrences in `text`, by position; a term is reported once (its first occurrence).
    /// Where terms overlap, both are reported (`super copy` and `copy` are separate entries).
    func matches(in text: String) -> [WordingMatch] {
        let haystack = TextNormalizer.forMatching(text)
        var found: [WordingMatch] = []
        for compiled in terms {
            if let offset = firstOccurrence(of: compiled, in: haystack) {
                found.append(WordingMatch(term: compiled.term.text, strength: compiled.term.strength, offset: offset))
            }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    private func firstOccurrence(of compiled: Compiled, in haystack: [UInt8]) -> Int? {
        let needle = compiled.bytes
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var start = 0
        while start + needle.count <= haystack.count {
            guard let offset = find(needle, in: haystack, from: start) else { return nil }
            if accept(compiled, at: offset, in: haystack) { return offset }
            start = offset + 1
        }
        return nil
    }

    private func accept(_ compiled: Compiled, at offset: Int, in haystack: [UInt8]) -> Bool {
        var end = offset + compiled.bytes.count
        if compiled.isWord {
            if offset > 0, isASCIIAlphanumeric(haystack[offset - 1]) { return false }
            if end < haystack.count, haystack[end] == UInt8(ascii: "s"),
               end + 1 == haystack.count || !isASCIIAlphanumeric(haystack[end + 1]) {
                end += 1  // plural
            }
            if end < haystack.count, isASCIIAlphanumeric(haystack[end]) { return false }
        }
        for exclusion in compiled.exclusions {
            var position = end
            if position < haystack.count, haystack[position] == 0x20 { position += 1 }
            if hasPrefix(exclusion, in: haystack, at: position) { return false }
        }
        for negation in negations where offset >= negation.count {
            if hasPrefix(negation, in: haystack, at: offset - negation.count) { return false }
        }
        return true
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, hasPrefix(needle, in: haystack, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func hasPrefix(_ prefix: [UInt8], in haystack: [UInt8], at position: Int) -> Bool {
        guard position >= 0, position + prefix.count <= haystack.count else { return false }
        for offset in 0..<prefix.count where haystack[position + offset] != prefix[offset] { return false }
        return true
    }

    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }
}
