/// The identifier-keyed stage: remembers which merchants used each
/// identifier and emits a ``LinkEvent`` whenever a new merchant joins an
/// identifier that another merchant already used.
///
/// In production this stage runs after a Kafka repartition by
/// ``IdentifierKey``, so an instance only needs the identifiers of its own
/// partition; nothing here looks at any other identifier.
///
/// ## Common identifiers
/// An identifier shared by more merchants than its kind's cap (see
/// ``LinkPolicy``) is *common*: a mall's public Wi-Fi or a carrier hub's
/// ship-from address says nothing about who works with whom. The sighting
/// that tips it over emits one ``LinkEvent`` with status `common` and weight
/// 0, telling the ring tracker to drop every link the identifier made; after
/// that it emits nothing more and its member list is freed (only the fact
/// that it is common is kept).
///
/// ## Official imagery
/// A photo that a brand's authorised seller uses is the brand's own imagery: every genuine shop
/// of that brand may show it, and counterfeiters copy it too, so it says nothing about who works
/// with whom. An ``IdentifierSighting/official`` sighting makes its identifier common at once,
/// whatever the cap, withdrawing the links it made.
///
/// Re-sightings of a known merchant emit nothing (redelivered events and
/// repeat logins are harmless). Events of one identifier come out in order.
public struct IdentifierIndex: Sendable {
    /// What is known about one identifier. A single merchant is stored
    /// inline: most identifiers (a shop's own device, its own photos) never
    /// get a second merchant, so they cost no extra allocation.
    private enum Slot: Sendable {
        case single(UInt32, String)
        case shared([UInt32], [String])
        case common
    }

    /// The cap and weight rule.
    public let policy: LinkPolicy
    private var slots: [IdentifierKey: Slot] = [:]
    private var merchants = MerchantInterner()
    private var commonTotal = 0

    /// Creates an empty index.
    /// - Parameter policy: caps and strengths per kind; ``LinkPolicy/default`` unless given.
    public init(policy: LinkPolicy = .default) {
        self.policy = policy
    }

    /// Records a sighting; returns the link event it causes, if any.
    ///
    /// - A first merchant on an identifier: nothing (no link yet).
    /// - A merchant already known on it, or a common identifier: nothing.
    /// - A new merchant, still within the cap: an `active` event with all
    ///   merchants and the new pair weight.
    /// - A new merchant beyond the cap: a `common` event (weight 0) listing
    ///   the merchants known so far plus the new one.
    /// - An official sighting: the identifier becomes common (a `common` event when it had linked
    ///   merchants, nothing when it had none).
    public mutating func record(_ sighting: IdentifierSighting) -> LinkEvent? {
        let key = sighting.identifier
        let merchant = merchants.intern(sighting.merchantID)
        if sighting.official { return retire(key, merchant, sighting) }
        switch slots[key] {
        case nil:
            slots[key] = .single(merchant, sighting.eventID)
            return nil
        case .common:
            return nil
        case .single(let first, let firstEvent):
            if first == merchant { return nil }
            return grow(key, [first], [firstEvent], merchant, sighting)
        case .shared(let numbers, let events):
            if numbers.contains(merchant) { return nil }
            slots[key] = .common  // release the arrays' storage before appending
            return grow(key, numbers, events, merchant, sighting)
        }
    }

    private mutating func grow(
        _ key: IdentifierKey, _ numbers: [UInt32], _ events: [String], _ merchant: UInt32, _ sighting: IdentifierSighting
    ) -> LinkEvent {
        var numbers = numbers
        var events = events
        numbers.append(merchant)
        events.append(sighting.eventID)
        let members = zip(numbers, events).map { LinkMember(merchantID: merchants.name($0), eventID: $1) }
        if numbers.count > policy.commonCap(for: key.kind) {
            slots[key] = .common
            commonTotal += 1
            return LinkEvent(identifier: key, members: members, weight: 0, status: .common, ts: sighting.ts)
        }
        slots[key] = .shared(numbers, events)
        let weight = policy.weight(kind: key.kind, merchantCount: numbers.count)
        return LinkEvent(identifier: key, members: members, weight: weight, status: .active, ts: sighting.ts)
    }

    /// Makes `key` common because it is official imagery; reports the withdrawal when it linked anyone.
    private mutating func retire(_ key: IdentifierKey, _ merchant: UInt32, _ sighting: IdentifierSighting) -> LinkEvent? {
        let numbers: [UInt32], events: [String]
        switch slots[key] {
        case .common: return nil
        case nil: (numbers, events) = ([], [])
        case .single(let first, let event): (numbers, events) = ([first], [event])
        case .shared(let known, let knownEvents): (numbers, events) = (known, knownEvents)
        }
        slots[key] = .common
        commonTotal += 1
        guard numbers.count >= 2 || (numbers.count == 1 && numbers[0] != merchant) else { return nil }
        var members = zip(numbers, events).map { LinkMember(merchantID: merchants.name($0), eventID: $1) }
        if !numbers.contains(merchant) { members.append(LinkMember(merchantID: sighting.merchantID, eventID: sighting.eventID)) }
        return LinkEvent(identifier: key, members: members, weight: 0, status: .common, ts: sighting.ts)
    }

    /// The merchants known on `identifier`, sorted; `nil` if never seen,
    /// empty if it is common (its members are no longer kept).
    public func merchants(of identifier: IdentifierKey) -> [String]? {
        switch slots[identifier] {
        case nil: nil
        case .single(let number, _): [merchants.name(number)]
        case .shared(let numbers, _): numbers.map { merchants.name($0) }.sorted()
        case .common: []
        }
    }

    /// Whether `identifier` was ever seen.
    public func contains(_ identifier: IdentifierKey) -> Bool { slots[identifier] != nil }

    /// Whether `identifier` has become common.
    public func isCommon(_ identifier: IdentifierKey) -> Bool {
        if case .common = slots[identifier] { return true }
        return false
    }

    /// How many distinct identifiers were seen (common ones included).
    public var identifierCount: Int { slots.count }

    /// How many identifiers are common.
    public var commonCount: Int { commonTotal }

    /// How many distinct merchants were seen.
    public var merchantCount: Int { merchants.count }
}
