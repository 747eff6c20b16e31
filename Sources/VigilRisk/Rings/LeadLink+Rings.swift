extension LeadLinkKind {
    /// The contract's name for links on identifiers of `kind`: `device_id` and `wifi_bssid` for
    /// devices and Wi-Fi networks, the kind's own name for the others.
    public init(_ kind: IdentifierKind) {
        switch kind {
        case .device: self = .deviceID
        case .wifi: self = .wifiBSSID
        case .ip: self = .ip
        case .payoutAccount: self = .payoutAccount
        case .returnAddress: self = .returnAddress
        case .shipFromAddress: self = .shipFromAddress
        case .imageHash: self = .imageHash
        }
    }

    /// The identifier kind this name stands for; `nil` for a name Vigil does not produce.
    public var identifierKind: IdentifierKind? { IdentifierKind.allCases.first { LeadLinkKind($0) == self } }

    /// The name as leads wrote it before they used the contract's names (`device`, `wifi`),
    /// mapped to the contract's; any other name unchanged. Used to read stored cases.
    public init(legacyName name: String) {
        switch name {
        case "device": self = .deviceID
        case "wifi": self = .wifiBSSID
        default: self.init(rawValue: name)
        }
    }

    /// Ring order: the strongest identifier kind first (``IdentifierKind`` order), names Vigil
    /// does not produce last, by name.
    static func ringOrder(_ lhs: LeadLinkKind, _ rhs: LeadLinkKind) -> Bool {
        switch (lhs.identifierKind, rhs.identifierKind) {
        case let (left?, right?): left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.rawValue < rhs.rawValue
        }
    }
}

extension LeadLink {
    /// A link on a shared identifier of `kind`, with its `merchants` sorted.
    public init(identifier kind: IdentifierKind, valueHash: String, merchants: [String]) {
        self.init(kind: LeadLinkKind(kind), valueHash: valueHash, merchants: merchants.sorted())
    }

    /// Ring order: by kind strength (``LeadLinkKind/ringOrder(_:_:)``), then value hash.
    static func ringOrder(_ lhs: LeadLink, _ rhs: LeadLink) -> Bool {
        lhs.kind == rhs.kind ? lhs.valueHash < rhs.valueHash : LeadLinkKind.ringOrder(lhs.kind, rhs.kind)
    }
}

extension LeadEvidence {
    /// A reason code as ring evidence wrote it before it named kinds with the contract's link
    /// kinds (`shared_device`, `shared_wifi`), mapped to today's (``IdentifierKind/sharedReasonCode``);
    /// any other code unchanged. Used to read stored cases.
    static func reasonCode(legacy code: String) -> String {
        IdentifierKind.allCases.first { "shared_\($0.rawValue)" == code }?.sharedReasonCode ?? code
    }
}
