/// One node of a flattened XGBoost tree; 20 bytes, stored contiguously.
struct XGBoostNode: Sendable {
    /// Split threshold for split nodes; leaf value for leaves.
    var value: Float
    /// Split feature index, or -1 for a leaf.
    var feature: Int32
    /// Absolute index (in the ensemble's node array) of the `x < value` child.
    var left: Int32
    /// Absolute index of the `x >= value` child.
    var right: Int32
    /// Absolute index of the child a missing (NaN) value follows.
    var missing: Int32

    @inline(__always) var isLeaf: Bool { feature < 0 }
}

/// All trees of a gbtree model flattened into one node array, scored the way
/// XGBoost's CPU predictor scores them: features compared as `Float`,
/// `Float(x) < threshold` goes left, NaN follows the default direction, and
/// leaf values are added to the base margin one tree at a time in `Float`.
struct XGBoostTreeEnsemble: Sendable {
    /// Every node of every tree; tree `t` starts at `roots[t]`.
    let nodes: [XGBoostNode]
    /// The index in `nodes` of each tree's root, in boosting order.
    let roots: [Int32]
    /// Per node, the hessian-weighted mean of the leaf values below it
    /// (XGBoost's `FillNodeMeanValues`), for Saabas attributions; empty when
    /// the model file has no `sum_hessian`.
    let meanValues: [Float]
    /// The number of features the trees index into.
    let featureCount: Int

    /// The leaf index reached by `values` in the tree rooted at `root`.
    /// `values` must hold at least `featureCount` entries.
    @inline(__always)
    static func leaf(from root: Int32, nodes: UnsafeBufferPointer<XGBoostNode>,
                     values: UnsafeBufferPointer<Double>) -> Int {
        var index = Int(root)
        while true {
            let node = nodes[index]
            if node.isLeaf { return index }
            let x = values[Int(node.feature)]
            if x.isNaN {
                index = Int(node.missing)
            } else {
                index = Int(Float(x) < node.value ? node.left : node.right)
            }
        }
    }

    /// `baseMargin` plus the leaf value of every tree, summed in `Float` in tree order.
    func margin(_ features: FeatureVector, baseMargin: Float) -> Float {
        if features.count < featureCount {
            var padded = features
            padded.values.append(contentsOf: repeatElement(FeatureVector.missing, count: featureCount - features.count))
            return margin(padded, baseMargin: baseMargin)
        }
        return nodes.withUnsafeBufferPointer { nodes in
            roots.withUnsafeBufferPointer { roots in
                features.values.withUnsafeBufferPointer { values in
                    var sum = baseMargin
                    for root in roots {
                        sum += nodes[Self.leaf(from: root, nodes: nodes, values: values)].value
                    }
                    return sum
                }
            }
        }
    }

    /// Saabas attributions (XGBoost's `approx_contribs`): per feature, the sum
    /// over trees of the change in node mean value at each split on that
    /// feature along the decision path; the last entry is the bias
    /// (`baseMargin` plus every root's mean value). Entries add up to the margin.
    func saabas(_ features: FeatureVector, baseMargin: Float) -> [Float]? {
        guard !meanValues.isEmpty else { return nil }
        var values = features.values
        if values.count < featureCount {
            values.append(contentsOf: repeatElement(FeatureVector.missing, count: featureCount - values.count))
        }
        var out = [Float](repeating: 0, count: featureCount + 1)
        out[featureCount] = baseMargin
        for root in roots {
            var index = Int(root)
            var nodeValue = meanValues[index]
            out[featureCount] += nodeValue
            var splitFeature = -1
            while !nodes[index].isLeaf {
                let node = nodes[index]
                splitFeature = Int(node.feature)
                let x = values[splitFeature]
                index = Int(x.isNaN ? node.missing : (Float(x) < node.value ? node.left : node.right))
                let newValue = meanValues[index]
                out[splitFeature] += newValue - nodeValue
                nodeValue = newValue
            }
            if splitFeature >= 0 {
                out[splitFeature] += nodes[index].value - nodeValue
            }
        }
        return out
    }
}
