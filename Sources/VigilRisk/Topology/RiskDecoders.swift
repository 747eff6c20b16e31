import VigilEngine

/// Decodes one contract input topic (`decoder: contract` with `config: {kind: listing}`):
/// strict validation per `shared/CONTRACT.md`; a violation names the field and sends the record
/// to the dead-letter topic unchanged. Payload: ``MarketplaceEvent`` for the four marketplace
/// topics, ``LabelEvent`` for `kind: label` (`marketplace.labels`), keyed by merchant_id.
struct ContractEventDecoder: RecordDecoder {
    /// `nil` for labels.
    let kind: EventKind?
    let decoder = ContractDecoder()

    init(config: ConfigSection) throws {
        let name = try config.string("kind")
        if name == "label" {
            kind = nil
            return
        }
        guard let kind = EventKind(rawValue: name) else {
            throw ConfigError(path: "\(config.path).kind", message: "unknown event kind '\(name)'", hint: "use listing, review, payment, logistics or label")
        }
        self.kind = kind
    }

    func decode(_ record: RawRecord) throws -> DecodedPayload {
        guard let kind else {
            let label = try decoder.decodeLabel(record.value ?? [], key: record.key)
            return DecodedPayload(key: label.merchantID, eventTime: label.ts, value: label)
        }
        let event = try decoder.decode(kind, from: record.value ?? [], key: record.key)
        return DecodedPayload(key: event.merchantID, eventTime: event.ts, value: event)
    }
}

/// Decodes the risk topology's internal topics (`decoder: risk-internal`, `config: {message: …}`).
struct InternalMessageDecoder: RecordDecoder {
    enum Message: String { case sighting, link, ring, ringFeatures = "ring-features" }
    let message: Message

    init(config: ConfigSection) throws {
        let name = try config.string("message")
        guard let message = Message(rawValue: name) else {
            throw ConfigError(path: "\(config.path).message", message: "unknown internal message '\(name)'", hint: "use sighting, link, ring or ring-features")
        }
        self.message = message
    }

    func decode(_ record: RawRecord) throws -> DecodedPayload {
        let bytes = record.value ?? []
        let key = record.keyString ?? ""
        switch self.message {
        case .sighting:
            let value = try InternalCodec.decode(IdentifierSightingMessage.self, bytes)
            return DecodedPayload(key: key, eventTime: value.ts, value: value)
        case .link:
            let value = try InternalCodec.decode(LinkNoticeMessage.self, bytes)
            return DecodedPayload(key: value.merchantID, eventTime: value.ts, value: value)
        case .ring:
            let value = try InternalCodec.decode(RingInputMessage.self, bytes)
            return DecodedPayload(key: "ring", eventTime: value.ts, value: value)
        case .ringFeatures:
            let value = try InternalCodec.decode(RingFeaturesMessage.self, bytes)
            return DecodedPayload(key: value.merchantID, eventTime: value.ts, value: value)
        }
    }
}
