import Foundation
import Testing
import VigilPrimitives
@testable import VigilRisk

@Suite("Contract: decoding valid events")
struct ContractEventDecodingTests {
    let decoder = ContractDecoder()

    @Test func listingDecodesEveryField() throws {
        let event = try decoder.decodeListing(ContractFixture.listing.bytes, key: Array("m0000277".utf8))
        #expect(event.eventID == "e-0001")
        #expect(event.merchantID == "m0000277")
        #expect(event.ts == 1_732_380_000_123)
        #expect(event.listingID == "l-42")
        #expect(event.action == .create)
        #expect(event.title == "Rolex Submariner 黑水鬼 ⌚️")
        #expect(event.brand == "Rolex")
        #expect(event.category == "watches")
        #expect(event.price == 100_000)
        #expect(event.currency == "CNY")
        #expect(event.stock == 25)
        #expect(event.imageTextPrices == [780, 68000.5])
        #expect(event.logos == ["rolex"])
        #expect(event.imageHashes == ["a1b2", "c3d4"])
        #expect(event.seller == ListingEvent.SellerSnapshot(
            storeAgeDays: 12, template: .basic, verifiedID: false, deviceID: "dev-1", ip: "203.0.113.45",
            wifiBSSID: "aa:bb:cc:dd:ee:ff"))
        #expect(ListingEvent.kind == .listing)
    }

    @Test func reviewDecodesEveryField() throws {
        let event = try decoder.decodeReview(ContractFixture.review.bytes)
        #expect(event == ReviewEvent(
            eventID: "e-0002", merchantID: "m0000277", ts: 1_732_380_000_456, reviewID: "r-1", listingID: "l-42",
            buyerID: "b-9", rating: 1, text: "假货！fake 👎", buyerAccountAgeDays: 3, deviceID: "dev-2", ip: "198.51.100.7"))
    }

    @Test func paymentDecodesEveryField() throws {
        let event = try decoder.decodePayment(ContractFixture.payment.bytes)
        #expect(event == PaymentEvent(
            eventID: "e-0003", merchantID: "m0000277", ts: 1_732_380_000_789, paymentID: "p-1", orderID: "o-1",
            listingID: "l-42", buyerID: "b-9", kind: .chargeback, amount: 780.5, currency: "CNY",
            payoutAccount: "acct-7", buyerAccount: "acct-b9"))
    }

    @Test func logisticsDecodesEveryField() throws {
        let event = try decoder.decodeLogistics(ContractFixture.logistics.bytes)
        #expect(event == LogisticsEvent(
            eventID: "e-0004", merchantID: "m0000277", ts: 1_732_380_001_000, shipmentID: "s-1", orderID: "o-1",
            status: .returned, carrier: "SF",
            shipFrom: .init(province: "广东", city: "莆田", district: "荔城区", addressHash: "ah-1"),
            returnAddressHash: "rh-1", receiverAddressHash: "rv-1"))
    }

    @Test(arguments: EventKind.allCases)
    func decodeByKindWrapsTheRightCase(kind: EventKind) throws {
        let event = try decoder.decode(kind, from: ContractFixture.of(kind).bytes, key: "m0000277")
        #expect(event.kind == kind)
        #expect(event.merchantID == "m0000277")
        #expect(event.eventID.hasPrefix("e-000"))
        #expect(event.ts > 1_732_380_000_000)
    }

    @Test(arguments: EventKind.allCases)
    func unknownFieldsAreIgnoredAtEveryLevel(kind: EventKind) throws {
        var fixture = ContractFixture.of(kind)
            .adding("extra_number", "1.5e300")
            .adding("extra_object", #"{"a":[1,{"b":null}],"c":"\u00e9"}"#)
            .adding("zzz_bool", "true")
        if kind == .listing { fixture = fixture.adding("future_flag", #"["x"]"#, in: "seller") }
        if kind == .logistics { fixture = fixture.adding("lat", "22.5", in: "ship_from") }
        let plain = try decoder.decode(kind, from: ContractFixture.of(kind).bytes)
        let extended = try decoder.decode(kind, from: fixture.bytes)
        #expect(plain == extended)
    }

    @Test func nullableFieldsAcceptNull() throws {
        let fixture = ContractFixture.listing.replacing("brand", with: "null").replacing("seller.wifi_bssid", with: "null")
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(event.brand == nil)
        #expect(event.seller.wifiBSSID == nil)
    }

    @Test func emptyArraysAreAccepted() throws {
        let fixture = ContractFixture.listing
            .replacing("image_text_prices", with: "[]").replacing("logos", with: "[ ]").replacing("image_hashes", with: "[]")
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(event.imageTextPrices.isEmpty && event.logos.isEmpty && event.imageHashes.isEmpty)
    }

    @Test(arguments: [
        "Rolex 劳力士 绿水鬼 116610LV 高仿 ⌚️🔥",
        "e\u{301}te\u{301} — cafe\u{301} noir",  // combining acute accents stay decomposed
        "👨‍👩‍👧‍👦 family emoji, 🇨🇳 flag, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "ＡＡＡ full-width stays full-width",
        "quote \" backslash \\ slash / tab \t newline \n nul-less control \u{1}",
    ])
    func unicodeTitlesRoundTripExactly(title: String) throws {
        let escaped = JSONWriter.quoted(title)
        let fixture = ContractFixture.listing.replacing("title", with: escaped)
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(event.title == title)
        #expect(Array(event.title.utf8) == Array(title.utf8))
    }

    @Test func unicodeEscapesAndSurrogatePairsDecode() throws {
        let fixture = ContractFixture.listing.replacing("title", with: #""\u9ad8\u4eff \ud83d\udd25 \u0041\u030a""#)
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(Array(event.title.unicodeScalars) == Array("高仿 🔥 A\u{30A}".unicodeScalars))
    }

    @Test(arguments: [("12.0", 12), ("1.2e1", 12), ("0", 0), ("-0", 0), ("120E-1", 12)])
    func integralNumbersAreIntegers(raw: String, expected: Int) throws {
        let event = try decoder.decodeListing(ContractFixture.listing.replacing("stock", with: raw).bytes)
        #expect(event.stock == expected)
    }

    @Test func largeEpochMillisecondsFitAndNumbersAcceptIntegers() throws {
        let fixture = ContractFixture.listing.replacing("ts", with: "9007199254740993").replacing("price", with: "1")
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(event.ts == 9_007_199_254_740_993)
        #expect(event.price == 1)
    }

    @Test func escapedKeysMatchTheirFieldNames() throws {
        let json = ContractFixture.review.json.replacingOccurrences(of: #""rating":1"#, with: #""r\u0061ting":4"#)
        #expect(json.contains(#"r\u0061ting"#))
        #expect(try decoder.decodeReview(Array(json.utf8)).rating == 4)
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        let fixture = ContractFixture.listing.adding("stock", "7")
        #expect(try decoder.decodeListing(fixture.bytes).stock == 7)
    }

    @Test func whitespaceAroundTokensIsAccepted() throws {
        let json = " \n\t{ \"event_id\" : \"e\" , \"merchant_id\" :\"m\",\"ts\":1,\"review_id\":\"r\",\"listing_id\":\"l\","
            + "\"buyer_id\":\"b\",\"rating\": 5 ,\"text\":\"\",\"buyer_account_age_days\":0,\"device_id\":\"d\",\"ip\":\"i\" }\r\n"
        let event = try decoder.decodeReview(Array(json.utf8))
        #expect(event.rating == 5 && event.text.isEmpty)
    }

    @Test func identifierLengthLimitsAreInclusive() throws {
        let fixture = ContractFixture.listing
            .replacing("event_id", with: "\"" + String(repeating: "e", count: 128) + "\"")
            .replacing("merchant_id", with: "\"" + String(repeating: "漢", count: 64) + "\"")
        let event = try decoder.decodeListing(fixture.bytes)
        #expect(event.eventID.count == 128 && event.merchantID.unicodeScalars.count == 64)
    }
}
