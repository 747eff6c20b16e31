/// Compares a listing's price with the prices read by OCR from its images.
///
/// Counterfeit sellers often list at a believable (high) price and put the real price
/// in the picture, or the reverse; a large gap between the two is a strong signal.
///
/// Rule: every OCR value that is finite and at least ``minimumImagePrice`` (default 1, so
/// fractions such as ratings, sizes or `0.5` are ignored) is compared with the listed price;
/// the mismatch is `max(listed, image) / min(listed, image)` (always >= 1, symmetric), and the
/// largest one is reported. Example: image 780, listed 100,000 → ratio ≈ 128.2. Nothing is
/// reported when the listed price is not > 0 or no OCR value qualifies. A match also tells
/// whether some OCR value shows the listed price itself (within ``shownTolerance``), as an
/// image may show both the real price and a struck-out "original" price.
public struct OCRPriceCheck: Sendable, Hashable {
    /// The largest gap found.
    public struct Mismatch: Sendable, Hashable {
        /// The listing's price.
        public var listedPrice: Double
        /// The OCR value furthest from it (by ratio).
        public var imagePrice: Double
        /// `max(listed, image) / min(listed, image)`, >= 1.
        public var ratio: Double
        /// Whether some OCR value is within the tolerance of the listed price.
        public var listedPriceShown: Bool
    }

    /// OCR values below this are not taken as prices.
    public var minimumImagePrice: Double
    /// Relative tolerance for "the image shows the listed price" (default 2 %).
    public var shownTolerance: Double

    /// Creates a check.
    public init(minimumImagePrice: Double = 1, shownTolerance: Double = 0.02) {
        self.minimumImagePrice = minimumImagePrice
        self.shownTolerance = shownTolerance
    }

    /// The largest ratio mismatch between `listedPrice` and `imagePrices`, or `nil` if none can be computed.
    public func largestMismatch(listedPrice: Double, imagePrices: [Double]) -> Mismatch? {
        guard listedPrice > 0, listedPrice.isFinite else { return nil }
        var best: Mismatch?
        var shown = false
        for price in imagePrices where price.isFinite && price >= minimumImagePrice {
            let ratio = max(price, listedPrice) / min(price, listedPrice)
            if ratio <= 1 + shownTolerance { shown = true }
            if best == nil || ratio > best!.ratio {
                best = Mismatch(listedPrice: listedPrice, imagePrice: price, ratio: ratio, listedPriceShown: false)
            }
        }
        best?.listedPriceShown = shown
        return best
    }
}
