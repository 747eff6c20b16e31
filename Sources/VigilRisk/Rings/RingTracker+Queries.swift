extension RingTracker {
    /// The ring of `merchantID`, or `nil` if it is in none.
    public mutating func ringID(of merchantID: String) -> String? {
        settle()
        guard let number = names.number(of: merchantID) else { return nil }
        return ringIDOfRoot[sets.find(number)]
    }

    /// The ids of all live rings, sorted.
    public mutating func ringIDs() -> [String] {
        settle()
        return rootOfRingID.keys.sorted()
    }

    /// The members of ring `ringID`, sorted; empty if no such ring.
    public mutating func members(of ringID: String) -> [String] {
        settle()
        guard let root = rootOfRingID[ringID] else { return [] }
        return sets.members(ofRoot: root).map { names.name($0) }.sorted()
    }

    /// The full state of ring `ringID`, or `nil` if no such ring.
    public mutating func ring(_ ringID: String) -> RingState? {
        settle()
        guard let root = rootOfRingID[ringID] else { return nil }
        return state(ofRoot: root, ringID: ringID)
    }

    /// Ids of rings that changed and ids retired since the last call.
    public mutating func takeChanges() -> RingChanges {
        settle()
        var updated: Set<String> = []
        var roots: Set<UInt32> = []
        for member in touched {
            let root = sets.find(member)
            if let id = ringIDOfRoot[root] {
                updated.insert(id)
                roots.insert(root)
            }
        }
        var merchants = Set(touched)
        for root in roots { merchants.formUnion(sets.members(ofRoot: root)) }
        let gone = retired.subtracting(updated).filter { rootOfRingID[$0] == nil }
        touched = []
        retired = []
        return RingChanges(updated: updated.sorted(), retired: gone.sorted(), merchants: merchants.map { names.name($0) }.sorted())
    }

    /// Ring features of `merchantID` for scoring (see ``RingFeatures``).
    public mutating func features(for merchantID: String) -> RingFeatures {
        settle()
        guard let number = names.number(of: merchantID) else { return .none }
        let root = sets.find(number)
        let ringID = ringIDOfRoot[root]
        let others = ringID == nil ? [] : sets.members(ofRoot: root).filter { $0 != number }
        let scored = others.compactMap { risks[$0] }
        let total = scored.reduce(0) { $0 + $1.score }
        var shared: [IdentifierKind: Int] = [:]
        for key in identifiersOf[number] ?? [] { shared[key.kind, default: 0] += 1 }
        return RingFeatures(
            ringID: ringID,
            ringSize: ringID == nil ? 1 : others.count + 1,
            linkedIntercepted: scored.filter(\.intercepted).count,
            maxLinkedScore: scored.map(\.score).max() ?? 0,
            meanLinkedScore: scored.isEmpty ? 0 : Double(total) / Double(scored.count),
            sharedIdentifiers: shared
        )
    }

    /// How many live rings there are.
    public mutating func ringCount() -> Int {
        settle()
        return rootOfRingID.count
    }

    /// How many active shared identifiers the tracker holds.
    public var trackedIdentifierCount: Int { identifiers.count }

    /// How many merchant pairs carry a non-zero weight.
    public var weightedPairCount: Int { pairWeights.count }

    private func state(ofRoot root: UInt32, ringID: String) -> RingState {
        let numbers = sets.members(ofRoot: root)
        let inRing = Set(numbers)
        let threshold = configuration.linkThreshold - RingTracker.epsilon
        var keys: Set<IdentifierKey> = []
        for number in numbers { keys.formUnion(identifiersOf[number] ?? []) }
        var links: [LeadLink] = []
        var strong = 0
        var linkEvidence: [(rank: Int, item: LeadEvidence)] = []
        for key in keys {
            guard let tracked = identifiers[key] else { continue }
            let inside = tracked.members.indices.filter { inRing.contains(tracked.members[$0]) }
            guard inside.count >= 2 else { continue }
            links.append(LeadLink(identifier: key.kind, valueHash: key.valueHash, merchants: inside.map { names.name(tracked.members[$0]) }))
            if tracked.weight >= threshold { strong += 1 }
            for index in inside {
                let item = LeadEvidence(merchantID: names.name(tracked.members[index]), eventID: tracked.eventIDs[index], reasonCode: key.kind.sharedReasonCode)
                linkEvidence.append((key.kind.sortRank, item))
            }
        }
        var riskByName: [String: MerchantRisk] = [:]
        for number in numbers { if let risk = risks[number] { riskByName[names.name(number)] = risk } }
        let riskiest = numbers.filter { risks[$0] != nil }.sorted {
            let (left, right) = (risks[$0]!.score, risks[$1]!.score)
            return left != right ? left > right : names.name($0) < names.name($1)
        }
        var evidence: [LeadEvidence] = []
        var seen: Set<LeadEvidence> = []
        for number in riskiest {
            for item in (riskEvidence[number] ?? []).reversed() where seen.insert(item).inserted { evidence.append(item) }
        }
        linkEvidence.sort {
            if $0.rank != $1.rank { return $0.rank < $1.rank }
            if $0.item.merchantID != $1.item.merchantID { return $0.item.merchantID < $1.item.merchantID }
            return $0.item.eventID < $1.item.eventID
        }
        for entry in linkEvidence where seen.insert(entry.item).inserted { evidence.append(entry.item) }
        return RingState(
            ringID: ringID,
            merchants: numbers.map { names.name($0) }.sorted(),
            links: links.sorted(by: LeadLink.ringOrder),
            strongLinkCount: strong,
            risks: riskByName,
            evidence: evidence
        )
    }
}
