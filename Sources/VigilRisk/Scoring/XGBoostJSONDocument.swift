/// The subset of XGBoost's JSON model schema (`Booster.save_model("m.json")`)
/// that native scoring reads. Field names follow XGBoost's `doc/model.schema`;
/// both 2.x and 3.x files decode into it.
struct XGBoostJSONDocument: Decodable {
    struct Learner: Decodable {
        var feature_names: [String]?
        var learner_model_param: LearnerModelParam
        var objective: Objective
        var gradient_booster: GradientBooster
    }

    /// XGBoost writes every scalar parameter here as a string.
    struct LearnerModelParam: Decodable {
        var base_score: String
        var num_class: String?
        var num_feature: String
        var num_target: String?
    }

    struct Objective: Decodable {
        var name: String
    }

    struct GradientBooster: Decodable {
        var name: String
        /// Present for `gbtree`; `dart` nests it under `gbtree` instead.
        var model: GBTreeModel?
    }

    struct GBTreeModel: Decodable {
        var gbtree_model_param: GBTreeModelParam
        var trees: [Tree]
        var tree_info: [Int]
    }

    struct GBTreeModelParam: Decodable {
        var num_trees: String
        var num_parallel_tree: String?
    }

    struct Tree: Decodable {
        var tree_param: TreeParam
        var left_children: [Int32]
        var right_children: [Int32]
        var split_indices: [Int32]
        /// Threshold for split nodes, leaf value (already scaled by eta) for leaves.
        var split_conditions: [Float]
        var default_left: FlagArray
        var split_type: [Int]?
        var sum_hessian: [Float]?
    }

    struct TreeParam: Decodable {
        var num_nodes: String
        var size_leaf_vector: String?
    }

    /// `default_left` is written as 0/1 integers by current XGBoost and as
    /// booleans by some older writers; accept both.
    struct FlagArray: Decodable {
        var values: [Bool]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let ints = try? container.decode([Int].self) {
                values = ints.map { $0 != 0 }
            } else {
                values = try container.decode([Bool].self)
            }
        }
    }

    var learner: Learner
    var version: [Int]?
}
