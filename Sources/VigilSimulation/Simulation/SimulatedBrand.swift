import VigilRisk

/// A brand the simulator knows: what its genuine goods cost and which products it makes.
///
/// The catalog (``catalog``) is the source of the brand registry the simulator writes
/// (`brands.json`): every product line's category becomes one `reference_prices` entry.
public struct SimulatedBrand: Sendable, Hashable {
    /// One product line of a brand in one category.
    public struct ProductLine: Sendable, Hashable {
        /// Category, as in listings (e.g. `"watches"`).
        public var category: String
        /// Typical price of a genuine item, in whole currency units (CNY).
        public var referencePrice: Int64
        /// Model names used in titles.
        public var models: [String]

        /// Creates a product line.
        public init(category: String, referencePrice: Int64, models: [String]) {
            self.category = category
            self.referencePrice = referencePrice
            self.models = models
        }
    }

    /// The brand's name as the rights holder spells it.
    public var name: String
    /// Its product lines, one per category.
    public var lines: [ProductLine]

    /// Creates a brand.
    public init(name: String, lines: [ProductLine]) {
        self.name = name
        self.lines = lines
    }

    /// The brands of every simulation, in a fixed order (reference prices in CNY).
    public static let catalog: [SimulatedBrand] = [
        SimulatedBrand(name: "Rolex", lines: [
            ProductLine(category: "watches", referencePrice: 68_000, models: ["Submariner Date 41mm", "Datejust 36", "Daytona Cosmograph", "GMT-Master II"]),
        ]),
        SimulatedBrand(name: "Omega", lines: [
            ProductLine(category: "watches", referencePrice: 42_000, models: ["Seamaster Diver 300M", "Speedmaster Moonwatch"]),
        ]),
        SimulatedBrand(name: "Nike", lines: [
            ProductLine(category: "footwear", referencePrice: 899, models: ["Air Jordan 1 Retro High", "Air Force 1 '07", "Dunk Low", "Air Max 90"]),
            ProductLine(category: "apparel", referencePrice: 399, models: ["Tech Fleece Hoodie", "Dri-FIT Tee"]),
        ]),
        SimulatedBrand(name: "Adidas", lines: [
            ProductLine(category: "footwear", referencePrice: 1_099, models: ["Yeezy Boost 350 V2", "Ultraboost 22", "Samba OG"]),
        ]),
        SimulatedBrand(name: "Apple", lines: [
            ProductLine(category: "earphones", referencePrice: 1_899, models: ["AirPods Pro (2nd generation)", "AirPods Max"]),
            ProductLine(category: "phones", referencePrice: 7_999, models: ["iPhone 15 Pro 256GB"]),
            ProductLine(category: "watches", referencePrice: 2_999, models: ["Apple Watch Series 9 45mm"]),
        ]),
        SimulatedBrand(name: "Samsung", lines: [
            ProductLine(category: "memory", referencePrice: 899, models: ["990 PRO 2TB NVMe SSD", "EVO Plus 512GB microSD"]),
            ProductLine(category: "phones", referencePrice: 6_999, models: ["Galaxy S24 Ultra 256GB"]),
        ]),
        SimulatedBrand(name: "Louis Vuitton", lines: [
            ProductLine(category: "handbags", referencePrice: 16_500, models: ["Neverfull MM", "Speedy 30", "Keepall 50"]),
            ProductLine(category: "wallets", referencePrice: 4_800, models: ["Zippy Wallet"]),
            ProductLine(category: "belts", referencePrice: 4_200, models: ["Initiales 40mm Belt"]),
        ]),
        SimulatedBrand(name: "Chanel", lines: [
            ProductLine(category: "handbags", referencePrice: 42_000, models: ["Classic Flap Bag Medium", "Boy Bag"]),
            ProductLine(category: "perfume", referencePrice: 1_150, models: ["N°5 Eau de Parfum 100ml", "Coco Mademoiselle 100ml"]),
        ]),
        SimulatedBrand(name: "Gucci", lines: [
            ProductLine(category: "handbags", referencePrice: 19_800, models: ["GG Marmont Matelassé", "Dionysus GG Supreme"]),
            ProductLine(category: "belts", referencePrice: 3_900, models: ["GG Marmont Belt"]),
            ProductLine(category: "footwear", referencePrice: 6_500, models: ["Ace Sneaker"]),
        ]),
        SimulatedBrand(name: "Hermès", lines: [
            ProductLine(category: "handbags", referencePrice: 85_000, models: ["Birkin 30", "Kelly 28"]),
            ProductLine(category: "belts", referencePrice: 7_600, models: ["H Belt Buckle 32mm"]),
        ]),
        SimulatedBrand(name: "Dior", lines: [
            ProductLine(category: "perfume", referencePrice: 990, models: ["Sauvage EDT 100ml", "J'adore EDP 100ml"]),
            ProductLine(category: "handbags", referencePrice: 28_000, models: ["Lady Dior Medium", "Saddle Bag"]),
        ]),
        SimulatedBrand(name: "Prada", lines: [
            ProductLine(category: "handbags", referencePrice: 18_000, models: ["Re-Edition 2005", "Galleria Saffiano"]),
        ]),
    ]
}
