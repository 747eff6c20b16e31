import Foundation

/// Turns a decoded XGBoost JSON document into scoring structures, checking
/// every assumption native scoring makes and naming the JSON path of any
/// value it cannot accept.
struct XGBoostJSONReader {
    /// The file name used in errors.
    let file: String

    /// What the reader extracts from a document.
    struct Parts {
        var featureNames: [String]
        var objective: XGBoostObjective
        var baseScore: Float
        var ensemble: XGBoostTreeEnsemble
        var xgboostVersion: [Int]?
    }

    private let supportedObjectives = XGBoostObjective.allCases.map(\.rawValue).joined(separator: ", ")

    func decode(_ data: Data) throws -> XGBoostJSONDocument {
        do {
            return try JSONDecoder().decode(XGBoostJSONDocument.self, from: data)
        } catch let error as DecodingError {
            let (path, problem) = error.locationAndProblem
            throw ModelLoadError(.malformed, file: file, path: path, problem: problem,
                                 fix: "pass a model written by XGBoost's Booster.save_model(\"model.json\") (JSON, not UBJSON or the legacy binary format)")
        }
    }

    func read(_ document: XGBoostJSONDocument) throws -> Parts {
        let learner = document.learner
        guard let objective = XGBoostObjective(xgboostName: learner.objective.name) else {
            throw ModelLoadError(.unsupported, file: file, path: "learner.objective.name",
                                 problem: "objective \"\(learner.objective.name)\" is not supported",
                                 fix: "train with one of \(supportedObjectives)")
        }
        let param = learner.learner_model_param
        for (key, value) in [("num_class", param.num_class), ("num_target", param.num_target)] {
            if let value, let n = Int(value), n > 1 {
                throw ModelLoadError(.unsupported, file: file, path: "learner.learner_model_param.\(key)",
                                     problem: "\(key) is \(n): multi-class and multi-target models are not supported",
                                     fix: "train one binary model (binary:logistic) per class")
            }
        }
        guard let featureCount = Int(param.num_feature), featureCount > 0 else {
            throw ModelLoadError(.invalidValue, file: file, path: "learner.learner_model_param.num_feature",
                                 problem: "num_feature \"\(param.num_feature)\" is not a positive integer",
                                 fix: "re-save the model with xgboost; the file looks edited or truncated")
        }
        let baseScore = try readBaseScore(param.base_score, objective: objective)
        let featureNames = try readFeatureNames(learner.feature_names, count: featureCount)

        let booster = learner.gradient_booster
        guard booster.name == "gbtree", let model = booster.model else {
            throw ModelLoadError(.unsupported, file: file, path: "learner.gradient_booster.name",
                                 problem: "booster \"\(booster.name)\" is not supported (only gbtree)",
                                 fix: "train with booster=\"gbtree\" (dart and gblinear models are not scored natively)")
        }
        let ensemble = try readTrees(model, featureCount: featureCount)
        return Parts(featureNames: featureNames, objective: objective, baseScore: baseScore,
                     ensemble: ensemble, xgboostVersion: document.version)
    }

    private func readBaseScore(_ text: String, objective: XGBoostObjective) throws -> Float {
        let path = "learner.learner_model_param.base_score"
        guard let values = XGBoostBaseScore.parseVector(text), !values.isEmpty else {
            throw ModelLoadError(.invalidValue, file: file, path: path,
                                 problem: "base_score \"\(text)\" is not a number or a bracketed number list",
                                 fix: "expected \"5E-1\" (xgboost 2.x) or \"[5E-1]\" (xgboost 3.x); re-save the model with xgboost")
        }
        guard values.count == 1 else {
            throw ModelLoadError(.unsupported, file: file, path: path,
                                 problem: "base_score has \(values.count) entries (a multi-target model)",
                                 fix: "train a single-target model")
        }
        let score = values[0]
        if objective.baseScoreIsProbability, !(score > 0 && score < 1) {
            throw ModelLoadError(.invalidValue, file: file, path: path,
                                 problem: "base_score \(score) is outside (0, 1), required by \(objective.rawValue)",
                                 fix: "set base_score to a probability strictly between 0 and 1 when training")
        }
        return score
    }

    private func readFeatureNames(_ names: [String]?, count: Int) throws -> [String] {
        guard let names, !names.isEmpty else {
            // XGBoost's own default names for unnamed columns.
            return (0..<count).map { "f\($0)" }
        }
        guard names.count == count else {
            throw ModelLoadError(.invalidValue, file: file, path: "learner.feature_names",
                                 problem: "\(names.count) feature names for num_feature \(count)",
                                 fix: "re-save the model with xgboost; the file looks edited")
        }
        var seen = Set<String>()
        for (i, name) in names.enumerated() where !seen.insert(name).inserted {
            throw ModelLoadError(.invalidValue, file: file, path: "learner.feature_names[\(i)]",
                                 problem: "feature name \"\(name)\" appears twice",
                                 fix: "train with unique feature names")
        }
        return names
    }

    private func readTrees(_ model: XGBoostJSONDocument.GBTreeModel, featureCount: Int) throws -> XGBoostTreeEnsemble {
        let base = "learner.gradient_booster.model"
        if let declared = Int(model.gbtree_model_param.num_trees), declared != model.trees.count {
            throw ModelLoadError(.invalidValue, file: file, path: base + ".gbtree_model_param.num_trees",
                                 problem: "num_trees is \(declared) but trees holds \(model.trees.count)",
                                 fix: "re-save the model with xgboost; the file looks truncated")
        }
        guard model.tree_info.count == model.trees.count else {
            throw ModelLoadError(.invalidValue, file: file, path: base + ".tree_info",
                                 problem: "tree_info has \(model.tree_info.count) entries for \(model.trees.count) trees",
                                 fix: "re-save the model with xgboost; the file looks truncated")
        }
        if let group = model.tree_info.firstIndex(where: { $0 != 0 }) {
            throw ModelLoadError(.unsupported, file: file, path: base + ".tree_info[\(group)]",
                                 problem: "tree \(group) belongs to output group \(model.tree_info[group]) (a multi-class model)",
                                 fix: "train one binary model per class")
        }
        var nodes: [XGBoostNode] = []
        var roots: [Int32] = []
        var means: [Float] = []
        var allHaveHessians = true
        for (t, tree) in model.trees.enumerated() {
            let path = base + ".trees[\(t)]"
            let offset = nodes.count
            roots.append(Int32(offset))
            let treeNodes = try readTree(tree, path: path, featureCount: featureCount, offset: offset)
            nodes.append(contentsOf: treeNodes)
            if let hessians = tree.sum_hessian, hessians.count == treeNodes.count, allHaveHessians {
                means.append(contentsOf: Self.meanValues(treeNodes, offset: offset, hessians: hessians))
            } else {
                allHaveHessians = false
            }
        }
        guard nodes.count < Int(Int32.max) else {
            throw ModelLoadError(.unsupported, file: file, path: base + ".trees",
                                 problem: "the model has \(nodes.count) nodes", fix: "use a smaller model")
        }
        return XGBoostTreeEnsemble(nodes: nodes, roots: roots, meanValues: allHaveHessians ? means : [],
                                   featureCount: featureCount)
    }

    private func readTree(_ tree: XGBoostJSONDocument.Tree, path: String, featureCount: Int,
                          offset: Int) throws -> [XGBoostNode] {
        guard let count = Int(tree.tree_param.num_nodes), count > 0 else {
            throw ModelLoadError(.invalidValue, file: file, path: path + ".tree_param.num_nodes",
                                 problem: "num_nodes \"\(tree.tree_param.num_nodes)\" is not a positive integer",
                                 fix: "re-save the model with xgboost")
        }
        if let leafVector = tree.tree_param.size_leaf_vector, let n = Int(leafVector), n > 1 {
            throw ModelLoadError(.unsupported, file: file, path: path + ".tree_param.size_leaf_vector",
                                 problem: "vector leaves (size_leaf_vector \(n)) are not supported",
                                 fix: "train with multi_strategy=\"one_output_per_tree\" and a single target")
        }
        let arrays: [(String, Int)] = [
            ("left_children", tree.left_children.count), ("right_children", tree.right_children.count),
            ("split_indices", tree.split_indices.count), ("split_conditions", tree.split_conditions.count),
            ("default_left", tree.default_left.values.count),
        ]
        for (name, length) in arrays where length != count {
            throw ModelLoadError(.invalidValue, file: file, path: path + "." + name,
                                 problem: "\(name) has \(length) entries but num_nodes is \(count)",
                                 fix: "re-save the model with xgboost; the file looks edited or truncated")
        }
        if let types = tree.split_type, let i = types.firstIndex(where: { $0 != 0 }) {
            throw ModelLoadError(.unsupported, file: file, path: path + ".split_type[\(i)]",
                                 problem: "node \(i) is a categorical split",
                                 fix: "train without enable_categorical, or one-hot encode categories as numeric features")
        }
        var nodes: [XGBoostNode] = []
        nodes.reserveCapacity(count)
        for i in 0..<count {
            let left = Int(tree.left_children[i]), right = Int(tree.right_children[i])
            if left == -1 && right == -1 {
                nodes.append(XGBoostNode(value: tree.split_conditions[i], feature: -1, left: -1, right: -1, missing: -1))
                continue
            }
            // XGBoost allocates children after their parent; requiring it rules out cycles.
            for (name, child) in [("left_children", left), ("right_children", right)] where !(child > i && child < count) {
                throw ModelLoadError(.invalidValue, file: file, path: path + ".\(name)[\(i)]",
                                     problem: "child index \(child) of node \(i) is not a later node of this tree (0..<\(count))",
                                     fix: "re-save the model with xgboost; the file looks edited")
            }
            let feature = Int(tree.split_indices[i])
            guard feature >= 0 && feature < featureCount else {
                throw ModelLoadError(.invalidValue, file: file, path: path + ".split_indices[\(i)]",
                                     problem: "feature index \(feature) is outside 0..<\(featureCount) (num_feature)",
                                     fix: "re-save the model with xgboost; the file looks edited")
            }
            let l = Int32(offset + left), r = Int32(offset + right)
            nodes.append(XGBoostNode(value: tree.split_conditions[i], feature: Int32(feature), left: l, right: r,
                                     missing: tree.default_left.values[i] ? l : r))
        }
        return nodes
    }

    /// XGBoost's `FillNodeMeanValue`: hessian-weighted mean of child means, in `Float`.
    static func meanValues(_ nodes: [XGBoostNode], offset: Int, hessians: [Float]) -> [Float] {
        var means = [Float](repeating: 0, count: nodes.count)
        // Children always follow their parent, so a reverse sweep sees children first.
        for i in nodes.indices.reversed() {
            let node = nodes[i]
            if node.isLeaf {
                means[i] = node.value
            } else {
                let l = Int(node.left) - offset, r = Int(node.right) - offset
                var result = means[l] * hessians[l]
                result += means[r] * hessians[r]
                result /= hessians[i]
                means[i] = result
            }
        }
        return means
    }
}
