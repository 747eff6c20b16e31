import Foundation
import VigilEngine

extension RiskConfiguration {
    /// Loads a YAML configuration (format: `config/risk.yml`). Absent keys keep their defaults;
    /// unknown keys are errors. `scoring.scorecard` is a path (relative to the configuration
    /// file's folder) or an inline scorecard mapping (``ScorecardFile`` format).
    /// - Throws: ``RiskConfigurationError`` naming the file and the key, with a fix; scorecard file
    ///   problems are reported the same way, naming the scorecard file.
    public static func load(path: String) throws -> RiskConfiguration {
        try reporting(file: path) { try read(ConfigSection.load(file: path)) }
    }

    /// Parses configuration text; `file` names it in errors and anchors relative paths.
    public static func parse(yaml text: String, file: String) throws -> RiskConfiguration {
        try reporting(file: file) { try read(ConfigSection.parse(yaml: text, file: file)) }
    }

    /// Runs `body`, turning the reader's ``ConfigError`` into a ``RiskConfigurationError``.
    private static func reporting<T>(file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigError {
            let line = error.line.map { " (line \($0))" } ?? ""
            throw RiskConfigurationError(file: error.file ?? file, key: error.path.isEmpty ? nil : error.path, problem: error.message + line, fix: error.hint ?? "see config/risk.yml for the format")
        }
    }

    private static func read(_ top: ConfigSection) throws -> RiskConfiguration {
        try top.rejectUnknown(["model_version", "thresholds", "scoring", "features", "rules", "marketplace"])
        var config = RiskConfiguration.default
        config.modelVersion = try top.optionalString("model_version") ?? config.modelVersion

        if let t = try top.optionalSection("thresholds") {
            try t.rejectUnknown(["review", "intercept"])
            config.thresholds.review = try t.int("review", in: 0...100, default: config.thresholds.review)
            config.thresholds.intercept = try t.int("intercept", in: 0...100, default: config.thresholds.intercept)
            guard config.thresholds.review <= config.thresholds.intercept else {
                throw t.error("review", "review threshold \(config.thresholds.review) is above the intercept threshold \(config.thresholds.intercept)",
                              hint: "make thresholds.review <= thresholds.intercept")
            }
        }
        if let s = try top.optionalSection("scoring") {
            try s.rejectUnknown(["scorecard", "xgboost", "stack_bonus", "max_reasons", "min_contribution"])
            config.scoring.stackBonus = try s.int("stack_bonus", in: 0...100, default: config.scoring.stackBonus)
            config.scoring.maxReasons = try s.int("max_reasons", in: 1...50, default: config.scoring.maxReasons)
            config.scoring.minContribution = try s.double("min_contribution", min: 0, default: config.scoring.minContribution)
            if let value = s.value("scorecard") {
                config.scorecard = try loadScorecard(value, reader: s)
            }
            if let xgboost = try s.path("xgboost") {
                config.xgboostModelPath = xgboost
            }
        }
        if let f = try top.optionalSection("features") {
            try f.rejectUnknown(["new_account_max_age_days", "very_short_review_length", "ocr_mismatch_ratio"])
            config.features.newAccountMaxAgeDays = try f.int("new_account_max_age_days", in: 0...36_500, default: config.features.newAccountMaxAgeDays)
            config.features.veryShortReviewLength = try f.int("very_short_review_length", in: 0...1_000, default: config.features.veryShortReviewLength)
            config.features.ocrMismatchRatio = try f.double("ocr_mismatch_ratio", min: 1, default: config.features.ocrMismatchRatio)
        }
        if let m = try top.optionalSection("marketplace") {
            try m.rejectUnknown(["seasonal", "surge_share", "minimum_bursting_shops", "devices_per_review", "burst_volume", "burst_ratio", "hours_kept"])
            config.marketplace.enabled = try m.bool("seasonal", default: config.marketplace.enabled)
            config.marketplace.surgeShare = try m.double("surge_share", min: 0, default: config.marketplace.surgeShare)
            config.marketplace.minimumBurstingShops = try m.int("minimum_bursting_shops", in: 1...1_000_000, default: config.marketplace.minimumBurstingShops)
            config.marketplace.innocentDevicesPerReview = try m.double("devices_per_review", min: 0, default: config.marketplace.innocentDevicesPerReview)
            config.marketplace.burstVolume = try m.int("burst_volume", in: 1...1_000_000, default: config.marketplace.burstVolume)
            config.marketplace.burstRatio = try m.double("burst_ratio", min: 1, default: config.marketplace.burstRatio)
            config.marketplace.hoursKept = try m.int("hours_kept", in: 2...10_000, default: config.marketplace.hoursKept)
        }
        if let r = try top.optionalSection("rules") {
            try r.rejectUnknown(RuleCode.allCases.map(\.rawValue))
            for code in RuleCode.allCases {
                guard let rule = try r.optionalSection(code.rawValue) else { continue }
                config.rules[code] = try loadRule(rule, base: config.rules[code] ?? .defaults(for: code))
            }
        }
        return config
    }

    private static func loadRule(_ r: ConfigSection, base: RuleSettings) throws -> RuleSettings {
        try r.rejectUnknown(["enabled", "threshold", "secondary_threshold", "minimum_volume", "floor", "weight", "force"])
        var rule = base
        rule.enabled = try r.bool("enabled", default: rule.enabled)
        rule.threshold = try r.double("threshold", default: rule.threshold)
        rule.secondaryThreshold = try r.double("secondary_threshold", default: rule.secondaryThreshold)
        rule.minimumVolume = try r.double("minimum_volume", min: 0, default: rule.minimumVolume)
        rule.floor = try r.int("floor", in: 0...100, default: rule.floor)
        rule.weight = try r.double("weight", min: 0, default: rule.weight)
        if let value = r.value("force") {
            switch value.stringValue {
            case "none": rule.force = nil
            case "review": rule.force = .review
            case "intercept": rule.force = .intercept
            default:
                throw r.error("force", "must be none, review or intercept, got \"\(value.stringValue ?? "\(value)")\"", hint: "write force: none, force: review or force: intercept")
            }
        }  // absent or `null` keeps the default; `none` removes it
        return rule
    }

    private static func loadScorecard(_ value: ConfigValue, reader s: ConfigSection) throws -> ScorecardModel {
        let file = s.file ?? "risk configuration"
        if case .string = value, let resolved = try s.path("scorecard") {
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw s.error("scorecard", "cannot read the scorecard file \(resolved)",
                              hint: "give a path relative to \(file)'s folder, or an inline mapping with bias and features")
            }
            return try ScorecardFile.parse(data, syntax: .yaml, file: resolved)
        }
        guard value.mapValue != nil else {
            throw s.error("scorecard", "must be a file path or an inline mapping", hint: "write scorecard: scorecard.yml, or an inline {bias, features} mapping")
        }
        return try ScorecardFile.parse(Data(value.yamlText.utf8), syntax: .yaml, file: "\(file) (scoring.scorecard)")
    }
}
