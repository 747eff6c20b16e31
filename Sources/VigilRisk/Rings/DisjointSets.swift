/// Union-find over dense merchant numbers: path halving, union by size,
/// and the member list of every set of two or more (kept at its root).
///
/// Union-find cannot split a set; ``RingTracker`` rebuilds a set with
/// ``reset(_:)`` followed by fresh unions when a link inside it is withdrawn.
struct DisjointSets: Sendable {
    private var parent: [UInt32] = []
    private var sizes: [UInt32] = []
    private var groups: [UInt32: [UInt32]] = [:]

    /// Makes sure numbers `0..<count` exist, each new one a singleton.
    mutating func ensure(count: Int) {
        while parent.count < count {
            parent.append(UInt32(parent.count))
            sizes.append(1)
        }
    }

    /// The root of `x`'s set, halving the path on the way.
    mutating func find(_ x: UInt32) -> UInt32 {
        var x = Int(x)
        while Int(parent[x]) != x {
            let grandparent = parent[Int(parent[x])]
            parent[x] = grandparent
            x = Int(grandparent)
        }
        return UInt32(x)
    }

    /// The root of `x`'s set without changing anything.
    func root(_ x: UInt32) -> UInt32 {
        var x = x
        while parent[Int(x)] != x { x = parent[Int(x)] }
        return x
    }

    /// The size of the set whose root is `root`.
    func size(ofRoot root: UInt32) -> Int { Int(sizes[Int(root)]) }

    /// The members of the set whose root is `root`, unordered.
    func members(ofRoot root: UInt32) -> [UInt32] { groups[root] ?? [root] }

    /// Joins the sets of `a` and `b`; returns the root of the result.
    @discardableResult
    mutating func union(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let rootA = find(a)
        let rootB = find(b)
        if rootA == rootB { return rootA }
        let (big, small) = sizes[Int(rootA)] >= sizes[Int(rootB)] ? (rootA, rootB) : (rootB, rootA)
        parent[Int(small)] = big
        sizes[Int(big)] += sizes[Int(small)]
        var group = groups.removeValue(forKey: big) ?? [big]
        group.append(contentsOf: groups.removeValue(forKey: small) ?? [small])
        groups[big] = group
        return big
    }

    /// Turns every number in `numbers` back into a singleton. The caller
    /// passes a whole set, or sets, so no other number points into them.
    mutating func reset(_ numbers: [UInt32]) {
        for x in numbers {
            parent[Int(x)] = x
            sizes[Int(x)] = 1
            groups[x] = nil
        }
    }
}
