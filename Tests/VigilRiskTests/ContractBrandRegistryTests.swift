import Foundation
import Testing
@testable import VigilRisk

@Suite("Contract: brand registry")
struct ContractBrandRegistryTests {
    static let file = #"""
    {"currency": "CNY",
     "brands": {"Rolex": {"reference_prices": {"watches": 68000.0},
                          "authorized_merchants": ["m0000277", "m0000916"]},
                "Nike": {"reference_prices": {"footwear": 899, "apparel": 299.5}, "authorized_merchants": [],
                         "notes": "unknown fields are ignored"}},
     "version": 3}
    """#

    private func load(_ text: String = file) throws(BrandRegistryError) -> BrandRegistry {
        try BrandRegistry(fileBytes: Array(text.utf8), source: "brands.json")
    }

    @Test func loadsTheFileFormat() throws {
        let registry = try load()
        #expect(registry.currency == "CNY")
        #expect(registry.count == 2)
        #expect(registry.referencePrice(brand: "Rolex", category: "watches") == 68000)
        #expect(registry.referencePrice(brand: "Nike", category: "apparel") == 299.5)
        #expect(registry.referencePrice(brand: "Rolex", category: "footwear") == nil)
        #expect(registry.referencePrice(brand: "Omega", category: "watches") == nil)
        #expect(registry.isAuthorized(merchant: "m0000916", brand: "Rolex"))
        #expect(!registry.isAuthorized(merchant: "m0000001", brand: "Rolex"))
        #expect(!registry.isAuthorized(merchant: "m0000277", brand: "Nike"))
        #expect(!registry.isAuthorized(merchant: "m0000277", brand: "Omega"))
    }

    @Test func brandNamesMatchIgnoringCase() throws {
        let registry = try load()
        for name in ["rolex", "ROLEX", "RoLeX", "Rolex"] {
            #expect(registry.knows(brand: name))
            #expect(registry.referencePrice(brand: name, category: "watches") == 68000)
            #expect(registry.isAuthorized(merchant: "m0000277", brand: name))
        }
        #expect(registry.record(for: "rolex")?.name == "Rolex")
        #expect(!registry.knows(brand: "Rolexx"))
    }

    @Test func loadsFromAFileOnDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-brands-\(UInt32.random(in: 0...UInt32.max)).json").path
        try Data(Self.file.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let registry = try BrandRegistry(contentsOfFile: path)
        #expect(registry.knows(brand: "nike"))
    }

    @Test func missingFileNamesThePath() {
        #expect {
            _ = try BrandRegistry(contentsOfFile: "/nonexistent/vigil-brands.json")
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/vigil-brands.json: ") && "\(error)".contains("cannot read")
        }
    }

    @Test func topicRecordsAddReplaceAndDelete() throws {
        var registry = try load()
        try registry.apply(key: "Omega", value: Array(#"{"reference_prices": {"watches": 45000}, "authorized_merchants": ["m1"]}"#.utf8))
        #expect(registry.referencePrice(brand: "omega", category: "watches") == 45000)
        #expect(registry.isAuthorized(merchant: "m1", brand: "OMEGA"))

        // The latest record wins, whatever the case of the key.
        try registry.apply(key: "ROLEX", value: Array(#"{"reference_prices": {"watches": 70000}, "authorized_merchants": []}"#.utf8))
        #expect(registry.referencePrice(brand: "Rolex", category: "watches") == 70000)
        #expect(!registry.isAuthorized(merchant: "m0000277", brand: "Rolex"))
        #expect(registry.count == 3)

        // Tombstone, empty, whitespace and JSON null all delete.
        try registry.apply(key: "rolex", value: nil)
        try registry.apply(key: "Nike", value: [])
        try registry.apply(key: "Omega", value: Array(" null ".utf8))
        #expect(registry.count == 0)
        try registry.apply(key: "Unknown", value: Array("  ".utf8))  // deleting an unknown brand is fine
        #expect(!registry.knows(brand: "Rolex"))
    }

    @Test func topicRecordWithKeyBytes() throws {
        var registry = BrandRegistry(currency: "CNY")
        try registry.apply(key: Array("Gucci".utf8), value: Array(#"{"reference_prices": {}, "authorized_merchants": ["m9"]}"#.utf8))
        #expect(registry.isAuthorized(merchant: "m9", brand: "gucci"))
        #expect(throws: BrandRegistryError.self) { try registry.apply(key: nil, value: nil) }
        #expect(throws: BrandRegistryError.self) { try registry.apply(key: [0xFF], value: nil) }
    }

    @Test(arguments: [
        (#"{"reference_prices": {"watches": -1}, "authorized_merchants": []}"#, "field 'reference_prices.watches': must be > 0, got -1"),
        (#"{"reference_prices": {"watches": "68000"}, "authorized_merchants": []}"#, "field 'reference_prices.watches': expected a number"),
        (#"{"authorized_merchants": []}"#, "field 'reference_prices': required field is missing"),
        (#"{"reference_prices": {}}"#, "field 'authorized_merchants': required field is missing"),
        (#"{"reference_prices": {}, "authorized_merchants": [1]}"#, "field 'authorized_merchants[0]': expected a string"),
        (#"{"reference_prices": {}, "authorized_merchants": [], "currency": "USD"}"#, "field 'currency': must equal the registry's currency \"CNY\""),
        (#"["Rolex"]"#, "message: expected a JSON object, got an array"),
        (#"{"reference_prices": {}"#, "not valid JSON"),
    ])
    func badTopicRecordsAreErrorsAndChangeNothing(value: String, message: String) throws {
        var registry = try load()
        let before = registry
        do {
            try registry.apply(key: "Rolex", value: Array(value.utf8))
            Issue.record("accepted \(value)")
        } catch {
            #expect(error.description.hasPrefix("marketplace.brands record \"Rolex\": "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
        #expect(registry == before)
    }

    @Test(arguments: [
        (#"{"brands": {}}"#, "field 'currency': required field is missing"),
        (#"{"currency": "CNY"}"#, "field 'brands': required field is missing"),
        (#"{"currency": "CNY", "brands": []}"#, "field 'brands': expected an object, got an array"),
        (#"{"currency": "yuan", "brands": {}}"#, "field 'currency': must be a three-letter ISO 4217 code"),
        (#"{"currency": "CNY", "brands": {"Rolex": {"reference_prices": {"watches": 0}, "authorized_merchants": []}}}"#,
         "field 'brands.Rolex.reference_prices.watches': must be > 0, got 0"),
        (#"{"currency": "CNY", "brands": {"Rolex": {"reference_prices": {}, "authorized_merchants": "m1"}}}"#,
         "field 'brands.Rolex.authorized_merchants': expected an array, got string \"m1\""),
        (#"{"currency": "CNY", "brands": {"Rolex": {"authorized_merchants": []}}}"#,
         "field 'brands.Rolex.reference_prices': required field is missing"),
        (#"{"currency": "CNY", "brands": {"Rolex": {"reference_prices": {}, "authorized_merchants": []}, "ROLEX": {"reference_prices": {}, "authorized_merchants": []}}}"#,
         "field 'brands.ROLEX': duplicates brand \"Rolex\""),
        (#"{"currency": "CNY", "brands": {"Rolex": 5}}"#, "field 'brands.Rolex': expected an object, got number 5"),
        (#"{"currency": "CNY", "brands": {}"#, "not valid JSON"),
    ])
    func badFilesNameTheFileAndPath(text: String, message: String) {
        do {
            _ = try load(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.hasPrefix("brands.json: "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func currencyMayFollowTheBrands() throws {
        let registry = try load(#"{"brands": {"Rolex": {"reference_prices": {"watches": 1}, "authorized_merchants": [], "currency": "USD"}}, "currency": "USD"}"#)
        #expect(registry.currency == "USD" && registry.knows(brand: "rolex"))
    }
}
