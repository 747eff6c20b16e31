/// The ring stage: groups merchants into rings from ``LinkEvent``s and keeps
/// the member risks that ring features and leads need.
///
/// ## Rings
/// Every active identifier gives each pair of its merchants its pair weight
/// (see ``LinkPolicy``); the weights of all identifiers a pair shares are
/// added. A pair whose sum reaches ``RingTrackerConfiguration/linkThreshold``
/// is *linked*, and a ring is a connected component of linked pairs with two
/// or more merchants. Components are kept in an incremental union-find
/// (path halving, union by size).
///
/// ## Stable ring ids
/// - Two lone merchants that link found a ring: `"ring-"` + FNV-1a hash of
///   their sorted ids `"a|b"`.
/// - A merchant joining a ring: the ring keeps its id.
/// - Two rings merging: the result keeps the id of the larger ring (on a
///   tie, the lexicographically smaller id); the other id is retired.
///
/// ## Withdrawn links (lazy rebuild)
/// Union-find cannot split. When a pair stops being linked (its identifier
/// became common, or grew so crowded that its weight fell), the component
/// holding the pair is marked dirty and nothing else happens. Before any
/// read (``ring(_:)``, ``features(for:)``, ``takeChanges()``, …) each dirty
/// component is rebuilt from scratch: its members are reset to singletons
/// and re-joined along the pairs that are still linked. The largest piece
/// keeps the old id (tie: the piece holding the smallest merchant id),
/// other pieces of two or more get ids seeded from the old id, and the old
/// id is retired if nothing is left. Rebuild cost is the component's size
/// plus its linked pairs, paid once per batch of withdrawals, which is rare
/// (an identifier turns common at most once). This is why reads are
/// `mutating`.
///
/// So an honest crowd on one public Wi-Fi is never one ring: Wi-Fi alone
/// never reaches the threshold, and once common its weight is gone.
///
/// ## Deployment
/// A ring spans merchants of every partition, so the tracker must see all
/// link events (one instance on a single-partition link topic). Link events
/// are rare next to raw events: only a new merchant on an identifier
/// emits one. ``updateMerchantRisk(merchantID:score:intercepted:evidence:)``
/// is merchant-keyed input from the scoring stage.
public struct RingTracker: Sendable {
    /// The settings.
    public let configuration: RingTrackerConfiguration

    struct TrackedIdentifier: Sendable {
        var members: [UInt32]
        var eventIDs: [String]
        var weight: Double
    }

    static let epsilon = 1e-9

    var names = MerchantInterner()
    var sets = DisjointSets()
    var ids = RingIDIssuer()
    var ringIDOfRoot: [UInt32: String] = [:]
    var rootOfRingID: [String: UInt32] = [:]
    var identifiers: [IdentifierKey: TrackedIdentifier] = [:]
    var identifiersOf: [UInt32: [IdentifierKey]] = [:]
    var pairWeights: [UInt64: Double] = [:]
    var linkedNeighbours: [UInt32: [UInt32]] = [:]
    var dirtyRoots: Set<UInt32> = []
    var risks: [UInt32: MerchantRisk] = [:]
    var riskEvidence: [UInt32: [LeadEvidence]] = [:]
    var touched: Set<UInt32> = []
    var retired: Set<String> = []

    /// Creates an empty tracker.
    public init(configuration: RingTrackerConfiguration = RingTrackerConfiguration()) {
        self.configuration = configuration
    }

    /// The id a ring founded by merchants `a` and `b` gets (unless that id
    /// was already issued, see ``RingTracker``).
    public static func foundingRingID(_ a: String, _ b: String) -> String {
        RingIDIssuer.id(for: RingIDIssuer.founding(a, b))
    }

    // MARK: - Input

    /// Applies one link event: replaces what the tracker knew about the
    /// event's identifier with the event's members and weight (`common`
    /// removes the identifier), then links or unlinks the affected pairs.
    public mutating func apply(_ event: LinkEvent) {
        let key = event.identifier
        var before: [UInt64: Double] = [:]
        if let old = identifiers.removeValue(forKey: key) {
            addWeight(-old.weight, among: old.members, recordingInto: &before)
            for member in old.members {
                identifiersOf[member]?.removeAll { $0 == key }
                if identifiersOf[member]?.isEmpty == true { identifiersOf[member] = nil }
                touched.insert(member)
            }
        }
        if event.status == .active, event.members.count >= 2, event.weight > 0 {
            let numbers = event.members.map { names.intern($0.merchantID) }
            sets.ensure(count: names.count)
            identifiers[key] = TrackedIdentifier(members: numbers, eventIDs: event.members.map(\.eventID), weight: event.weight)
            addWeight(event.weight, among: numbers, recordingInto: &before)
            for member in numbers {
                identifiersOf[member, default: []].append(key)
                touched.insert(member)
            }
        }
        let threshold = configuration.linkThreshold - RingTracker.epsilon
        for pair in before.keys.sorted() {
            let was = before[pair]! >= threshold
            let weight = pairWeights[pair] ?? 0
            if weight <= RingTracker.epsilon { pairWeights[pair] = nil }
            let now = weight >= threshold
            let (a, b) = RingTracker.split(pair)
            if now && !was {
                linkedNeighbours[a, default: []].append(b)
                linkedNeighbours[b, default: []].append(a)
                link(a, b)
            } else if was && !now {
                linkedNeighbours[a]?.removeAll { $0 == b }
                linkedNeighbours[b]?.removeAll { $0 == a }
                if linkedNeighbours[a]?.isEmpty == true { linkedNeighbours[a] = nil }
                if linkedNeighbours[b]?.isEmpty == true { linkedNeighbours[b] = nil }
                dirtyRoots.insert(sets.find(a))
            }
        }
    }

    /// Records the latest score and decision of a merchant (from the scoring
    /// stage) and, optionally, the evidence behind it. Evidence is kept per
    /// merchant without duplicates, the newest
    /// ``RingTrackerConfiguration/maxRiskEvidencePerMerchant`` items.
    public mutating func updateMerchantRisk(merchantID: String, score: Int, intercepted: Bool, evidence: [LeadEvidence] = []) {
        let number = names.intern(merchantID)
        sets.ensure(count: names.count)
        let risk = MerchantRisk(score: score, intercepted: intercepted)
        let known = riskEvidence[number] ?? []
        let fresh = evidence.filter { !known.contains($0) }
        if risks[number] == risk && fresh.isEmpty { return }
        risks[number] = risk
        if !fresh.isEmpty {
            var merged = known
            for item in fresh where !merged.contains(item) { merged.append(item) }
            riskEvidence[number] = Array(merged.suffix(configuration.maxRiskEvidencePerMerchant))
        }
        touched.insert(number)
    }

    /// Marks `merchantID`'s ring as changed (e.g. its shipments changed) so the next
    /// ``takeChanges()`` re-reports it; a merchant the tracker does not know is ignored.
    public mutating func touch(merchantID: String) {
        guard let number = names.number(of: merchantID) else { return }
        touched.insert(number)
    }

    // MARK: - Internals

    static func pairKey(_ a: UInt32, _ b: UInt32) -> UInt64 {
        a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
    }

    static func split(_ pair: UInt64) -> (UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: pair >> 32), UInt32(truncatingIfNeeded: pair))
    }

    private mutating func addWeight(_ delta: Double, among members: [UInt32], recordingInto before: inout [UInt64: Double]) {
        for i in members.indices {
            for j in members.indices where j > i {
                let pair = RingTracker.pairKey(members[i], members[j])
                let current = pairWeights[pair] ?? 0
                if before[pair] == nil { before[pair] = current }
                pairWeights[pair] = current + delta
            }
        }
    }

    /// Joins the components of `a` and `b`, applying the ring id rules.
    private mutating func link(_ a: UInt32, _ b: UInt32) {
        let rootA = sets.find(a)
        let rootB = sets.find(b)
        guard rootA != rootB else { return }
        let sizeA = sets.size(ofRoot: rootA)
        let sizeB = sets.size(ofRoot: rootB)
        let idA = ringIDOfRoot.removeValue(forKey: rootA)
        let idB = ringIDOfRoot.removeValue(forKey: rootB)
        let dirtyA = dirtyRoots.remove(rootA) != nil
        let dirtyB = dirtyRoots.remove(rootB) != nil
        let kept: String
        switch (idA, idB) {
        case let (x?, y?):
            let keepA = sizeA > sizeB || (sizeA == sizeB && x < y)
            kept = keepA ? x : y
            let lost = keepA ? y : x
            rootOfRingID[lost] = nil
            retired.insert(lost)
        case let (x?, nil):
            kept = x
        case let (nil, y?):
            kept = y
        case (nil, nil):
            kept = ids.issue(seed: RingIDIssuer.founding(names.name(a), names.name(b)))
        }
        let root = sets.union(rootA, rootB)
        ringIDOfRoot[root] = kept
        rootOfRingID[kept] = root
        if dirtyA || dirtyB { dirtyRoots.insert(root) }
    }

    /// Rebuilds every dirty component (see ``RingTracker``, "Withdrawn links").
    mutating func settle() {
        guard !dirtyRoots.isEmpty else { return }
        let roots = dirtyRoots.sorted()
        dirtyRoots = []
        for root in roots {
            let members = sets.members(ofRoot: root)
            let oldID = ringIDOfRoot.removeValue(forKey: root)
            if let oldID { rootOfRingID[oldID] = nil }
            sets.reset(members)
            for member in members {
                for neighbour in linkedNeighbours[member] ?? [] where member < neighbour {
                    sets.union(member, neighbour)
                }
            }
            var pieces: [UInt32: [String]] = [:]
            for member in members {
                let pieceRoot = sets.find(member)
                if sets.size(ofRoot: pieceRoot) >= 2 { pieces[pieceRoot, default: []].append(names.name(member)) }
            }
            let ordered = pieces.map { (root: $0.key, names: $0.value.sorted()) }.sorted {
                $0.names.count != $1.names.count ? $0.names.count > $1.names.count : $0.names[0] < $1.names[0]
            }
            for (index, piece) in ordered.enumerated() {
                let id: String
                if index == 0, let oldID {
                    id = oldID
                } else {
                    id = ids.issue(seed: "\(oldID ?? "")/" + RingIDIssuer.founding(piece.names[0], piece.names[1]))
                }
                ringIDOfRoot[piece.root] = id
                rootOfRingID[id] = piece.root
            }
            if ordered.isEmpty, let oldID { retired.insert(oldID) }
            touched.formUnion(members)
        }
    }
}
