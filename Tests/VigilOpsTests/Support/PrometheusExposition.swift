import Foundation
import Testing

/// A parsed Prometheus text exposition (format 0.0.4), strict enough to catch malformed output.
struct PrometheusExposition {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var types: [String: String] = [:]
    var samples: [Sample] = []

    struct ParseError: Error, CustomStringConvertible {
        var line: String
        var reason: String
        var description: String { "\(reason): \(line)" }
    }

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw ParseError(line: line, reason: "bad TYPE line")
                }
                guard types[String(parts[2])] == nil else { throw ParseError(line: line, reason: "duplicate TYPE") }
                types[String(parts[2])] = String(parts[3])
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.sample(line))
            }
        }
        for sample in samples {
            guard types[Self.family(of: sample.name, types: types)] != nil else {
                throw ParseError(line: sample.name, reason: "sample without a TYPE line")
            }
        }
    }

    static func family(of name: String, types: [String: String]) -> String {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return name
    }

    private static func sample(_ line: String) throws -> Sample {
        let nameEnd = line.firstIndex { $0 == "{" || $0 == " " } ?? line.endIndex
        let name = String(line[..<nameEnd])
        guard name.range(of: "^[a-zA-Z_:][a-zA-Z0-9_:]*$", options: .regularExpression) != nil else {
            throw ParseError(line: line, reason: "bad metric name")
        }
        var labels: [String: String] = [:]
        var rest = line[nameEnd...]
        if rest.first == "{" {
            guard let close = rest.lastIndex(of: "}") else { throw ParseError(line: line, reason: "unclosed labels") }
            let body = rest[rest.index(after: rest.startIndex)..<close]
            let pattern = #"([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)""#
            let regex = try NSRegularExpression(pattern: pattern)
            let ns = String(body) as NSString
            var covered = 0
            for match in regex.matches(in: String(body), range: NSRange(location: 0, length: ns.length)) {
                labels[ns.substring(with: match.range(at: 1))] = ns.substring(with: match.range(at: 2))
                covered += match.range.length
            }
            let separators = max(labels.count - 1, 0)
            guard covered + separators == ns.length || covered + separators + 1 == ns.length else {
                throw ParseError(line: line, reason: "bad label set")
            }
            rest = rest[rest.index(after: close)...]
        }
        let fields = rest.split(separator: " ")
        guard (1...2).contains(fields.count), let value = Double(fields[0]) ?? (fields[0] == "+Inf" ? .infinity : nil) else {
            throw ParseError(line: line, reason: "bad value")
        }
        return Sample(name: name, labels: labels, value: value)
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }?.value
    }
}
