/// A bounded set that forgets its oldest elements first (FIFO): the redelivery guard.
///
/// Kafka delivers at least once, so a stage remembers the ids (or hashes) of the last
/// ``capacity`` events it applied and skips one it has seen. Inserting into a full set evicts
/// the oldest element. Insertion order is kept (``elements``), so a checkpoint can write the
/// elements in order and a restore that re-inserts them rebuilds the same set.
public struct RecentSet<Element: Hashable & Sendable>: Sendable {
    /// The most elements kept.
    public let capacity: Int
    /// The elements remembered, oldest first.
    public private(set) var elements: [Element] = []
    private var members: Set<Element> = []

    /// Creates an empty set that keeps at most `capacity` elements.
    public init(capacity: Int) {
        precondition(capacity > 0, "RecentSet needs a positive capacity")
        self.capacity = capacity
    }

    /// The number of elements remembered (at most ``capacity``).
    public var count: Int { elements.count }

    /// Whether `element` is remembered.
    public func contains(_ element: Element) -> Bool { members.contains(element) }

    /// Remembers `element`, forgetting the oldest one when full; returns `false` (and changes
    /// nothing) when `element` was already remembered.
    @discardableResult
    public mutating func insert(_ element: Element) -> Bool {
        guard members.insert(element).inserted else { return false }
        elements.append(element)
        if elements.count > capacity { members.remove(elements.removeFirst()) }
        return true
    }
}

extension RecentSet: Equatable {
    /// Two sets are equal when they have the same capacity and remember the same elements in
    /// the same order.
    public static func == (lhs: RecentSet, rhs: RecentSet) -> Bool {
        lhs.capacity == rhs.capacity && lhs.elements == rhs.elements
    }
}

extension RecentSet: Hashable {
    /// Hashes the capacity and the elements in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(capacity)
        hasher.combine(elements)
    }
}
