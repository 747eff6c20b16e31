import Foundation

/// Text normalisation shared by the wording detectors and review fingerprints.
enum TextNormalizer {
    /// NFKC (full-width `ＡＡＡ`, `１：１`, ideographic space → ASCII), then Unicode lowercase,
    /// then every run of whitespace, `-` and `_` collapsed to one space, trimmed.
    /// Pure-ASCII text skips the NFKC step (it is already in NFKC).
    static func forMatching(_ text: String) -> [UInt8] {
        let folded = foldCase(text)
        var output: [UInt8] = []
        output.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "-" || scalar == "_" {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            UTF8.encode(scalar) { output.append($0) }
        }
        return output
    }

    /// NFKC and lowercase, keeping only letters and digits (no spaces, punctuation, symbols, emoji).
    static func lettersAndDigits(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in foldCase(text).unicodeScalars where isLetterOrDigit(scalar) {
            output.append(scalar)
        }
        return String(output)
    }

    /// Whether `scalar` is a letter (any script, CJK ideographs included) or a digit.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// NFKC then lowercase.
    private static func foldCase(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
