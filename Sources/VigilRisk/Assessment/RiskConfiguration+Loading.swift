import Foundation
import Yams

extension RiskConfiguration {
    /// Loads a YAML configuration (format: `config/risk.yml`). Absent keys keep their defaults;
    /// unknown keys are errors. `scoring.scorecard` is a path (relative to the configuration
    /// file's folder) or an inline scorecard mapping (``ScorecardFile`` format).
    /// - Throws: ``RiskConfigurationError`` naming the file and the key, with a fix; scorecard file
    ///   problems are reported the same way, naming the scorecard file.
    public static func load(path: String) throws -> RiskConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RiskConfigurationError(file: path, key: nil, problem: "cannot read the file", fix: "check the path and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RiskConfigurationError(file: path, key: nil, problem: "the file is not UTF-8 text", fix: "save it as UTF-8 YAML")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses configuration text; `file` names it in errors and anchors relative paths.
    public static func parse(yaml text: String, file: String) throws -> RiskConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw RiskConfigurationError(file: file, key: nil, problem: "not valid YAML: \(error)", fix: "fix the YAML syntax near the reported line")
        }
        guard let root else { return .default }
        let top = try ConfigReader(root, file: file, path: "")
        try top.rejectUnknown(["model_version", "thresholds", "scoring", "features", "rules"])
        var config = RiskConfiguration.default
        config.modelVersion = try top.string("model_version") ?? config.modelVersion

        if let t = try top.section("thresholds") {
            try t.rejectUnknown(["review", "intercept"])
            config.thresholds.review = try t.int("review", in: 0...100, default: config.thresholds.review)
            config.thresholds.intercept = try t.int("intercept", in: 0...100, default: config.thresholds.intercept)
            guard config.thresholds.review <= config.thresholds.intercept else {
                throw t.error("review", "review threshold \(config.thresholds.review) is above the intercept threshold \(config.thresholds.intercept)",
                              fix: "make thresholds.review <= thresholds.intercept")
            }
        }
        if let s = try top.section("scoring") {
            try s.rejectUnknown(["scorecard", "xgboost", "stack_bonus", "max_reasons", "min_contribution"])
            config.scoring.stackBonus = try s.int("stack_bonus", in: 0...100, default: config.scoring.stackBonus)
            config.scoring.maxReasons = try s.int("max_reasons", in: 1...50, default: config.scoring.maxReasons)
            config.scoring.minContribution = try s.double("min_contribution", min: 0, default: config.scoring.minContribution)
            if let node = s.node("scorecard") {
                config.scorecard = try loadScorecard(node, reader: s, file: file)
            }
            if let xgboost = try s.string("xgboost") {
                config.xgboostModelPath = resolve(xgboost, relativeTo: file)
            }
        }
        if let f = try top.section("features") {
            try f.rejectUnknown(["new_account_max_age_days", "very_short_review_length", "ocr_mismatch_ratio"])
            config.features.newAccountMaxAgeDays = try f.int("new_account_max_age_days", in: 0...36_500, default: config.features.newAccountMaxAgeDays)
            config.features.veryShortReviewLength = try f.int("very_short_review_length", in: 0...1_000, default: config.features.veryShortReviewLength)
            config.features.ocrMismatchRatio = try f.double("ocr_mismatch_ratio", min: 1, default: config.features.ocrMismatchRatio)
        }
        if let r = try top.section("rules") {
            try r.rejectUnknown(RuleCode.allCases.map(\.rawValue))
            for code in RuleCode.allCases {
                guard let rule = try r.section(code.rawValue) else { continue }
                config.rules[code] = try loadRule(rule, base: config.rules[code] ?? .defaults(for: code))
            }
        }
        return config
    }

    private static func loadRule(_ r: ConfigReader, base: RuleSettings) throws(RiskConfigurationError) -> RuleSettings {
        try r.rejectUnknown(["enabled", "threshold", "secondary_threshold", "minimum_volume", "floor", "weight", "force"])
        var rule = base
        rule.enabled = try r.bool("enabled", default: rule.enabled)
        rule.threshold = try r.double("threshold", default: rule.threshold)
        rule.secondaryThreshold = try r.double("secondary_threshold", default: rule.secondaryThreshold)
        rule.minimumVolume = try r.double("minimum_volume", min: 0, default: rule.minimumVolume)
        rule.floor = try r.int("floor", in: 0...100, default: rule.floor)
        rule.weight = try r.double("weight", min: 0, default: rule.weight)
        if let node = r.node("force") {
            switch node.string {
            case "none": rule.force = nil
            case "review": rule.force = .review
            case "intercept": rule.force = .intercept
            default:
                throw r.error("force", "must be none, review or intercept, got \"\(node.string ?? "?")\"", fix: "write force: none, force: review or force: intercept")
            }
        }  // absent or `null` keeps the default; `none` removes it
        return rule
    }

    private static func loadScorecard(_ node: Node, reader s: ConfigReader, file: String) throws -> ScorecardModel {
        if let path = node.scalar?.string {
            let resolved = resolve(path, relativeTo: file)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw s.error("scorecard", "cannot read the scorecard file \(resolved)",
                              fix: "give a path relative to \(file)'s folder, or an inline mapping with bias and features")
            }
            return try ScorecardFile.parse(data, syntax: .yaml, file: resolved)
        }
        guard node.mapping != nil else {
            throw s.error("scorecard", "must be a file path or an inline mapping", fix: "write scorecard: scorecard.yml, or an inline {bias, features} mapping")
        }
        let text = try Yams.serialize(node: node)
        return try ScorecardFile.parse(Data(text.utf8), syntax: .yaml, file: "\(file) (scoring.scorecard)")
    }

    /// `path` as is when absolute, else relative to the folder of `file`.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }
}
