import Testing
@testable import VigilState

@Suite struct HyperLogLogTests {
    @Test func stableHashIsFixedAcrossRuns() {
        // FNV-1a 64 of "" is the offset basis; the values below pin the finaliser too, so a
        // change that would silently break restored sketches fails here.
        #expect(StableHash.hash("") == StableHash.mix(0xcbf2_9ce4_8422_2325))
        #expect(StableHash.hash("merchant-42") == 0xd520_5a16_9270_cbd6)
        #expect(StableHash.hash("merchant-42") == StableHash.hash(bytes: Array("merchant-42".utf8)))
        #expect(StableHash.hash("a") != StableHash.hash("b"))
        #expect(StableHash.mix(0) == 0)
        #expect(StableHash.mix(1) == 0xb456_bcfc_34c2_cb2c)
    }

    @Test(arguments: [8, 12])
    func estimatesAreWithinTheErrorBound(precision: Int) {
        for cardinality in [0, 1, 10, 100, 1_000, 10_000, 100_000] {
            var sketch = HyperLogLog(precision: precision)
            for i in 0..<cardinality {
                sketch.add(hash: StableHash.hash("buyer-\(i)"))
                sketch.add(hash: StableHash.hash("buyer-\(i)"))  // duplicates change nothing
            }
            let bound = max(2, 4 * sketch.standardError * Double(cardinality))
            #expect(Double(abs(sketch.estimate - cardinality)) <= bound, "p=\(precision) n=\(cardinality) estimate=\(sketch.estimate)")
        }
    }

    @Test func sparseAndDenseAgreeAndMergeIsAUnion() {
        var a = HyperLogLog()
        var b = HyperLogLog()
        for i in 0..<40 { a.add(hash: StableHash.hash(Int64(i))) }
        for i in 20..<5_000 { b.add(hash: StableHash.hash(Int64(i))) }
        #expect(!a.sparse.isEmpty && a.dense.isEmpty)
        #expect(b.sparse.isEmpty && !b.dense.isEmpty)
        var denseA = a
        denseA.convertToDense()
        #expect(denseA.estimate == a.estimate)
        var union = a
        union.formUnion(b)
        var reversed = b
        reversed.formUnion(a)
        #expect(union.estimate == reversed.estimate)
        #expect(Double(abs(union.estimate - 5_000)) <= 4 * union.standardError * 5_000)
    }

    @Test func sparseSketchesStaySmall() {
        var sketch = HyperLogLog(precision: 12)
        #expect(sketch.estimatedBytes == 0)
        for i in 0..<10 { sketch.add(hash: StableHash.hash(Int64(i))) }
        #expect(sketch.estimatedBytes <= 64)
        #expect(sketch.estimate == 10)
    }
}
