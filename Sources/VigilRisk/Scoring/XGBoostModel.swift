import Foundation

/// A gradient-boosted tree model trained by XGBoost and saved with
/// `Booster.save_model("model.json")`, scored natively in Swift.
///
/// Reads the JSON written by XGBoost 2.x and 3.x. Supports the `gbtree`
/// booster with numerical splits and one output group (binary or
/// regression), objectives listed in ``XGBoostObjective``. Scoring mirrors
/// XGBoost's CPU predictor bit for bit where it matters: each feature is cast
/// to `Float`, `x < threshold` goes left, NaN follows `default_left`, leaf
/// values are summed in `Float` onto the base margin, then the objective's
/// transform is applied in `Float`. Predictions match `Booster.predict` to
/// within 1e-6 (checked by the parity tests on the committed fixtures).
///
/// `num_parallel_tree > 1` (boosted random forests) needs no special case:
/// every tree adds to the single output group.
public struct XGBoostModel: RiskModel {
    /// See ``RiskModel/featureNames``: `learner.feature_names`, or XGBoost's
    /// default `f0, f1, …` when the model was trained without names.
    public let featureNames: [String]
    /// See ``RiskModel/version``: the caller's version, or `xgboost-X.Y.Z/` plus a fingerprint of the file bytes.
    public let version: String
    /// The training objective.
    public let objective: XGBoostObjective
    /// `base_score` as saved (user space: a probability for logistic objectives).
    public let baseScore: Float
    /// The margin every prediction starts from (`base_score` through `ProbToMargin`).
    public let baseMargin: Float
    /// The XGBoost version that wrote the file (`version` in the JSON), when present.
    public let xgboostVersion: [Int]?
    let ensemble: XGBoostTreeEnsemble

    /// The number of trees.
    public var treeCount: Int { ensemble.roots.count }

    /// Decodes an XGBoost JSON model.
    /// - Parameters:
    ///   - jsonData: the bytes of the `.json` file.
    ///   - file: the name used in error messages.
    ///   - version: the model version to report; default `xgboost-X.Y.Z/fnv1a64:…`.
    /// - Throws: ``ModelLoadError`` naming the JSON path of what is wrong or unsupported.
    public init(jsonData: Data, file: String = "<memory>", version: String? = nil) throws {
        let reader = XGBoostJSONReader(file: file)
        let parts = try reader.read(reader.decode(jsonData))
        self.featureNames = parts.featureNames
        self.objective = parts.objective
        self.baseScore = parts.baseScore
        self.baseMargin = parts.objective.baseMargin(fromBaseScore: parts.baseScore)
        self.xgboostVersion = parts.xgboostVersion
        self.ensemble = parts.ensemble
        let writer = parts.xgboostVersion.map { "xgboost-" + $0.map(String.init).joined(separator: ".") } ?? "xgboost"
        self.version = version ?? writer + "/" + ModelFingerprint.of(jsonData)
    }

    /// Reads and decodes the XGBoost JSON model at `path`.
    /// - Throws: ``ModelLoadError`` when the file cannot be read or decoded.
    public init(contentsOf path: String, version: String? = nil) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelLoadError(.unreadable, file: path, problem: "cannot read the file (\(error.localizedDescription))",
                                 fix: "check the path and its permissions")
        }
        try self.init(jsonData: data, file: path, version: version)
    }

    /// The raw margin: base margin plus every tree's leaf value, in `Float`.
    public func margin(_ features: FeatureVector) -> Float {
        ensemble.margin(features, baseMargin: baseMargin)
    }

    /// What `Booster.predict` returns: a probability for `binary:logistic` and
    /// `reg:logistic`, the margin for `binary:logitraw`, the regression value
    /// for `reg:squarederror`.
    public func probability(_ features: FeatureVector) -> Double {
        Double(objective.transform(margin: margin(features)))
    }

    /// Saabas attributions in margin space, as XGBoost's
    /// `predict(pred_contribs=True, approx_contribs=True)`: one entry per
    /// feature then the bias; they sum to ``margin(_:)``. `nil` when the model
    /// file lacks `sum_hessian`.
    public func saabasContributions(_ features: FeatureVector) -> [Double]? {
        ensemble.saabas(features, baseMargin: baseMargin)?.map(Double.init)
    }

    /// The largest Saabas attributions (bias excluded); empty when unavailable.
    public func contributions(_ features: FeatureVector, limit: Int) -> [FeatureContribution] {
        guard let saabas = ensemble.saabas(features, baseMargin: baseMargin) else { return [] }
        // The same order as `topByMagnitude` (non-zero only, largest magnitude first, ties by
        // index), built for the few kept rather than for every feature: this runs for every verdict.
        var kept: [(index: Int, weight: Double)] = []
        kept.reserveCapacity(featureNames.count)
        for index in featureNames.indices {
            let weight = Double(saabas[index])
            if weight != 0, !weight.isNaN { kept.append((index, weight)) }
        }
        kept.sort { abs($0.weight) != abs($1.weight) ? abs($0.weight) > abs($1.weight) : $0.index < $1.index }
        return kept.prefix(max(0, limit)).map { FeatureContribution(featureName: featureNames[$0.index], featureIndex: $0.index, weight: $0.weight) }
    }
}
