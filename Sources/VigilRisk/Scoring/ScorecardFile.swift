import Foundation
import Yams

/// The on-disk format of a ``ScorecardModel``, in YAML or JSON.
///
/// ```yaml
/// # config/scorecard.yml
/// version: listing-risk-2026-11   # optional; default: fingerprint of the file bytes
/// bias: -3.2                      # required: intercept, in log-odds
/// features:                       # required: one entry per feature, in order
///   - name: price_ratio_to_brand_median
///     weight: -1.4                # log-odds per unit of the transformed value
///   - name: shared_device_merchants
///     weight: 0.35
///     clamp: [0, 20]              # optional [min, max]; either may be null
///     transform: log1p            # optional: identity (default) | log1p
/// ```
///
/// The same document as JSON uses the same keys
/// (`{"bias": -3.2, "features": [{"name": "…", "weight": -1.4}]}`).
/// Names must be unique and non-empty, weights and bias finite, and
/// `clamp[0] <= clamp[1]`. Unknown keys are ignored. A missing feature value
/// contributes 0 at scoring time.
public enum ScorecardFile {
    /// The syntax of a scorecard document.
    public enum Syntax: String, Sendable {
        /// YAML 1.1 (as read by Yams).
        case yaml
        /// JSON.
        case json
    }

    struct Document: Decodable {
        struct Feature: Decodable {
            var name: String
            var weight: Double
            var clamp: [Double?]?
            var transform: ScorecardTransform.Function?
        }

        var version: String?
        var bias: Double
        var features: [Feature]
    }

    /// Parses a scorecard document; `file` names the source in errors.
    /// - Throws: ``ModelLoadError`` naming the JSON/YAML path of the bad value.
    public static func parse(_ data: Data, syntax: Syntax, file: String) throws -> ScorecardModel {
        let document: Document
        do {
            switch syntax {
            case .json:
                document = try JSONDecoder().decode(Document.self, from: data)
            case .yaml:
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ModelLoadError(.malformed, file: file, problem: "the file is not UTF-8 text",
                                         fix: "save the scorecard as UTF-8 YAML")
                }
                document = try YAMLDecoder().decode(Document.self, from: text)
            }
        } catch let error as ModelLoadError {
            throw error
        } catch let error as DecodingError {
            let (path, problem) = error.locationAndProblem
            throw ModelLoadError(.malformed, file: file, path: path, problem: problem,
                                 fix: "follow the scorecard format documented on ScorecardFile: version?, bias, features[{name, weight, clamp?, transform?}]; transform is identity or log1p")
        } catch {
            throw ModelLoadError(.malformed, file: file, problem: "not valid \(syntax.rawValue.uppercased()): \(error)",
                                 fix: "check the \(syntax.rawValue.uppercased()) syntax near the reported position")
        }
        return try build(document, data: data, file: file)
    }

    private static func build(_ document: Document, data: Data, file: String) throws -> ScorecardModel {
        guard document.bias.isFinite else {
            throw ModelLoadError(.invalidValue, file: file, path: "bias", problem: "bias is not a finite number",
                                 fix: "set bias to a finite log-odds value such as -3.0")
        }
        guard !document.features.isEmpty else {
            throw ModelLoadError(.invalidValue, file: file, path: "features", problem: "the scorecard has no features",
                                 fix: "list at least one {name, weight} entry under features")
        }
        var seen: [String: Int] = [:]
        var terms: [ScorecardModel.Term] = []
        for (i, feature) in document.features.enumerated() {
            let path = "features[\(i)]"
            guard !feature.name.isEmpty else {
                throw ModelLoadError(.invalidValue, file: file, path: path + ".name", problem: "the feature name is empty",
                                     fix: "give every feature the name the feature extractor emits")
            }
            if let first = seen[feature.name] {
                throw ModelLoadError(.invalidValue, file: file, path: path + ".name",
                                     problem: "feature \"\(feature.name)\" is listed twice (first at features[\(first)])",
                                     fix: "merge the two entries into one weight")
            }
            seen[feature.name] = i
            guard feature.weight.isFinite else {
                throw ModelLoadError(.invalidValue, file: file, path: path + ".weight", problem: "the weight is not a finite number",
                                     fix: "set a finite weight (log-odds per unit)")
            }
            var transform = ScorecardTransform(function: feature.transform ?? .identity)
            if let clamp = feature.clamp {
                guard clamp.count == 2 else {
                    throw ModelLoadError(.invalidValue, file: file, path: path + ".clamp",
                                         problem: "clamp has \(clamp.count) values", fix: "write clamp as [min, max]; use null for an open end")
                }
                transform.lowerBound = clamp[0]
                transform.upperBound = clamp[1]
                if let lo = clamp[0], let hi = clamp[1], !(lo <= hi) {
                    throw ModelLoadError(.invalidValue, file: file, path: path + ".clamp",
                                         problem: "clamp minimum \(lo) is above maximum \(hi)", fix: "swap the bounds")
                }
            }
            terms.append(.init(name: feature.name, weight: feature.weight, transform: transform))
        }
        let version = document.version ?? ModelFingerprint.of(data)
        return ScorecardModel(bias: document.bias, terms: terms, version: version)
    }
}
