@testable import VigilRisk

/// The JSON type of a contract field, used to generate wrong-type cases.
enum ContractFieldType: Sendable {
    case string, nullableString, enumeration, integer, number, bool, stringArray, numberArray, object
}

/// One field of a fixture message: its name, type and a valid raw JSON value (or children).
struct ContractField: Sendable {
    var name: String
    var type: ContractFieldType
    var raw: String
    var children: [ContractField] = []

    init(_ name: String, _ type: ContractFieldType, _ raw: String) {
        self.name = name
        self.type = type
        self.raw = raw
    }

    init(_ name: String, object children: [ContractField]) {
        self.name = name
        type = .object
        raw = ""
        self.children = children
    }

    func render() -> String { type == .object ? ContractFixture.render(children) : raw }
}

/// A valid message of one kind as an ordered list of fields, with helpers to break it.
struct ContractFixture: Sendable {
    var kind: EventKind
    var fields: [ContractField]

    static func render(_ fields: [ContractField]) -> String {
        "{" + fields.map { "\"\($0.name)\":\($0.render())" }.joined(separator: ",") + "}"
    }

    var json: String { Self.render(fields) }
    var bytes: [UInt8] { Array(json.utf8) }

    /// Every field path with its type, depth-first (`seller`, `seller.store_age_days`, …).
    var paths: [(path: String, type: ContractFieldType)] {
        func walk(_ fields: [ContractField], _ prefix: String) -> [(String, ContractFieldType)] {
            fields.flatMap { field -> [(String, ContractFieldType)] in
                let path = prefix + field.name
                return [(path, field.type)] + walk(field.children, path + ".")
            }
        }
        return walk(fields, "")
    }

    /// The message without the field at `path`.
    func removing(_ path: String) -> ContractFixture { edit(path) { _ in nil } }

    /// The message with the field at `path` set to `raw` JSON.
    func replacing(_ path: String, with raw: String) -> ContractFixture {
        edit(path) { field in
            var field = field
            field.type = .string
            field.children = []
            field.raw = raw
            return field
        }
    }

    /// The message with an extra field `name: raw` added at the root (or inside the object at `parent`).
    func adding(_ name: String, _ raw: String, in parent: String? = nil) -> ContractFixture {
        guard let parent else {
            var copy = self
            copy.fields.append(ContractField(name, .string, raw))
            return copy
        }
        return edit(parent) { field in
            var field = field
            field.children.append(ContractField(name, .string, raw))
            return field
        }
    }

    private func edit(_ path: String, _ change: (ContractField) -> ContractField?) -> ContractFixture {
        func apply(_ fields: [ContractField], _ components: ArraySlice<Substring>) -> [ContractField] {
            fields.compactMap { field in
                guard field.name == components.first! else { return field }
                if components.count == 1 { return change(field) }
                var field = field
                field.children = apply(field.children, components.dropFirst())
                return field
            }
        }
        var copy = self
        copy.fields = apply(fields, path.split(separator: ".")[...])
        return copy
    }

    static let listing = ContractFixture(kind: .listing, fields: [
        ContractField("event_id", .string, #""e-0001""#),
        ContractField("merchant_id", .string, #""m0000277""#),
        ContractField("ts", .integer, "1732380000123"),
        ContractField("listing_id", .string, #""l-42""#),
        ContractField("action", .enumeration, #""create""#),
        ContractField("title", .string, #""Rolex Submariner 黑水鬼 ⌚️""#),
        ContractField("brand", .nullableString, #""Rolex""#),
        ContractField("category", .string, #""watches""#),
        ContractField("price", .number, "100000"),
        ContractField("currency", .string, #""CNY""#),
        ContractField("stock", .integer, "25"),
        ContractField("image_text_prices", .numberArray, "[780, 68000.5]"),
        ContractField("logos", .stringArray, #"["rolex"]"#),
        ContractField("image_hashes", .stringArray, #"["a1b2", "c3d4"]"#),
        ContractField("seller", object: [
            ContractField("store_age_days", .integer, "12"),
            ContractField("template", .enumeration, #""basic""#),
            ContractField("verified_id", .bool, "false"),
            ContractField("device_id", .string, #""dev-1""#),
            ContractField("ip", .string, #""203.0.113.45""#),
            ContractField("wifi_bssid", .nullableString, #""aa:bb:cc:dd:ee:ff""#),
        ]),
    ])

    static let review = ContractFixture(kind: .review, fields: [
        ContractField("event_id", .string, #""e-0002""#),
        ContractField("merchant_id", .string, #""m0000277""#),
        ContractField("ts", .integer, "1732380000456"),
        ContractField("review_id", .string, #""r-1""#),
        ContractField("listing_id", .string, #""l-42""#),
        ContractField("buyer_id", .string, #""b-9""#),
        ContractField("rating", .integer, "1"),
        ContractField("text", .string, #""假货！fake 👎""#),
        ContractField("buyer_account_age_days", .integer, "3"),
        ContractField("device_id", .string, #""dev-2""#),
        ContractField("ip", .string, #""198.51.100.7""#),
    ])

    static let payment = ContractFixture(kind: .payment, fields: [
        ContractField("event_id", .string, #""e-0003""#),
        ContractField("merchant_id", .string, #""m0000277""#),
        ContractField("ts", .integer, "1732380000789"),
        ContractField("payment_id", .string, #""p-1""#),
        ContractField("order_id", .string, #""o-1""#),
        ContractField("listing_id", .string, #""l-42""#),
        ContractField("buyer_id", .string, #""b-9""#),
        ContractField("kind", .enumeration, #""chargeback""#),
        ContractField("amount", .number, "780.5"),
        ContractField("currency", .string, #""CNY""#),
        ContractField("payout_account", .string, #""acct-7""#),
        ContractField("buyer_account", .string, #""acct-b9""#),
    ])

    static let logistics = ContractFixture(kind: .logistics, fields: [
        ContractField("event_id", .string, #""e-0004""#),
        ContractField("merchant_id", .string, #""m0000277""#),
        ContractField("ts", .integer, "1732380001000"),
        ContractField("shipment_id", .string, #""s-1""#),
        ContractField("order_id", .string, #""o-1""#),
        ContractField("status", .enumeration, #""returned""#),
        ContractField("carrier", .string, #""SF""#),
        ContractField("ship_from", object: [
            ContractField("province", .string, #""广东""#),
            ContractField("city", .string, #""莆田""#),
            ContractField("district", .string, #""荔城区""#),
            ContractField("address_hash", .string, #""ah-1""#),
        ]),
        ContractField("return_address_hash", .string, #""rh-1""#),
        ContractField("receiver_address_hash", .string, #""rv-1""#),
    ])

    static let all: [ContractFixture] = [listing, review, payment, logistics]

    static func of(_ kind: EventKind) -> ContractFixture {
        switch kind {
        case .listing: listing
        case .review: review
        case .payment: payment
        case .logistics: logistics
        }
    }
}

/// Decodes `bytes` of `kind` and returns the violation, or `nil` if it decoded.
func contractViolation(_ kind: EventKind, _ bytes: [UInt8], key: String? = nil) -> ContractViolation? {
    do {
        _ = try ContractDecoder().decode(kind, from: bytes, key: key)
        return nil
    } catch {
        return error
    }
}
