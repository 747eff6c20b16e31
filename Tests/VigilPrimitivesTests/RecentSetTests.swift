import Testing
import VigilPrimitives

@Suite("RecentSet: the bounded redelivery guard")
struct RecentSetTests {
    @Test func aSecondInsertOfTheSameElementIsRejected() {
        var set = RecentSet<String>(capacity: 3)
        let first = set.insert("e-1")
        let again = set.insert("e-1")
        #expect(first)
        #expect(!again)
        #expect(set.contains("e-1"))
        #expect(set.count == 1)
    }

    @Test func theOldestIsForgottenFirstWhenFull() {
        var set = RecentSet<UInt64>(capacity: 3)
        for value in [1, 2, 3, 4] as [UInt64] { set.insert(value) }
        #expect(set.elements == [2, 3, 4])
        #expect(!set.contains(1))
        let reinserted = set.insert(1)
        #expect(reinserted, "forgotten, so new again")
        #expect(set.elements == [3, 4, 1])
        // A rejected duplicate does not refresh its age.
        let duplicate = set.insert(3)
        #expect(!duplicate)
        set.insert(5)
        #expect(set.elements == [4, 1, 5])
    }

    @Test func reinsertingTheElementsInOrderRebuildsAnEqualSet() {
        var original = RecentSet<String>(capacity: 4)
        for n in 0..<10 { original.insert("e-\(n % 7)") }
        var restored = RecentSet<String>(capacity: 4)
        for element in original.elements { restored.insert(element) }
        #expect(restored == original)
        #expect(restored.hashValue == original.hashValue)
    }
}
