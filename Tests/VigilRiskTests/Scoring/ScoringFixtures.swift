import Foundation
import Testing
@testable import VigilRisk

/// Paths of the committed fixtures (see Fixtures/make_xgboost_fixtures.py).
enum ScoringFixtures {
    static func path(_ name: String) throws -> String {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = dir.appendingPathComponent(name)
        #expect(FileManager.default.fileExists(atPath: url.path), "fixture \(name) is missing")
        return url.path
    }

    /// The numeric CSV at `name`, read with the production reader.
    static func csv(_ name: String) throws -> FeatureRowsCSV {
        try FeatureRowsCSV(contentsOf: path(name))
    }

    /// A tiny XGBoost JSON model built by hand: `trees` is a JSON array of tree objects.
    static func xgboostJSON(objective: String = "binary:logitraw", baseScore: String = "5E-1", numFeature: Int = 2,
                            booster: String = "gbtree", numClass: String = "0",
                            featureNames: String = "[\"a\",\"b\"]", trees: [String], treeInfo: String? = nil) -> Data {
        let info = treeInfo ?? "[" + trees.map { _ in "0" }.joined(separator: ",") + "]"
        return Data("""
        {"learner":{"attributes":{},"feature_names":\(featureNames),"feature_types":[],
         "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"\(trees.count)"},
           "tree_info":\(info),"trees":[\(trees.joined(separator: ","))]},"name":"\(booster)"},
         "learner_model_param":{"base_score":"\(baseScore)","boost_from_average":"1","num_class":"\(numClass)","num_feature":"\(numFeature)","num_target":"1"},
         "objective":{"name":"\(objective)","reg_loss_param":{"scale_pos_weight":"1"}}},
         "version":[3,2,0]}
        """.utf8)
    }

    /// One tree in XGBoost's JSON layout.
    static func tree(left: [Int], right: [Int], features: [Int], conditions: [String], defaultLeft: [Int],
                     hessians: [Double]? = nil) -> String {
        let n = left.count
        let hess = (hessians ?? Array(repeating: 1.0, count: n)).map { "\($0)" }.joined(separator: ",")
        func list(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ",") + "]" }
        return """
        {"base_weights":[\(Array(repeating: "0", count: n).joined(separator: ","))],"categories":[],"categories_nodes":[],
         "categories_segments":[],"categories_sizes":[],"default_left":\(list(defaultLeft)),"id":0,
         "left_children":\(list(left)),"loss_changes":[\(Array(repeating: "0", count: n).joined(separator: ","))],
         "parents":\(list([2147483647] + Array(repeating: 0, count: n - 1))),"right_children":\(list(right)),
         "split_conditions":[\(conditions.joined(separator: ","))],"split_indices":\(list(features)),
         "split_type":\(list(Array(repeating: 0, count: n))),"sum_hessian":[\(hess)],
         "tree_param":{"num_deleted":"0","num_feature":"2","num_nodes":"\(n)","size_leaf_vector":"1"}}
        """
    }
}
