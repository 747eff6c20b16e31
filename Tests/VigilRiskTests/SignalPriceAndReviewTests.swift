import Testing
@testable import VigilRisk
import VigilPrimitives

@Suite("Signals: OCR price check and review text")
struct SignalPriceAndReviewTests {
    let check = OCRPriceCheck()

    @Test func pictureFarBelowTheListedPrice() throws {
        let mismatch = try #require(check.largestMismatch(listedPrice: 100_000, imagePrices: [780]))
        #expect(mismatch.imagePrice == 780)
        #expect(abs(mismatch.ratio - 128.205) < 0.01)
        #expect(!mismatch.listedPriceShown)
    }

    @Test func ratioIsSymmetricAndTheLargestWins() throws {
        let mismatch = try #require(check.largestMismatch(listedPrice: 780, imagePrices: [800, 68000, 700]))
        #expect(mismatch.imagePrice == 68000)
        #expect(abs(mismatch.ratio - 68000.0 / 780.0) < 1e-9)
        #expect(!mismatch.listedPriceShown)  // 800 is 2.6 % off
        let shown = try #require(check.largestMismatch(listedPrice: 780, imagePrices: [780, 68000]))
        #expect(shown.listedPriceShown && shown.imagePrice == 68000)
    }

    @Test func matchingPriceHasRatioOne() throws {
        let mismatch = try #require(check.largestMismatch(listedPrice: 899, imagePrices: [899]))
        #expect(mismatch.ratio == 1 && mismatch.listedPriceShown)
    }

    @Test func valuesThatAreNotPricesAreIgnored() {
        #expect(check.largestMismatch(listedPrice: 100, imagePrices: []) == nil)
        #expect(check.largestMismatch(listedPrice: 100, imagePrices: [0, 0.5, -3, .infinity, .nan]) == nil)
        #expect(check.largestMismatch(listedPrice: 0, imagePrices: [100]) == nil)
        #expect(check.largestMismatch(listedPrice: 100, imagePrices: [0.5, 200])?.imagePrice == 200)
        #expect(OCRPriceCheck(minimumImagePrice: 10).largestMismatch(listedPrice: 100, imagePrices: [5]) == nil)
    }

    @Test(arguments: ["good!", "很好", "👍👍👍", "", "  ok  ", "A+"])
    func veryShortTexts(text: String) {
        #expect(ReviewTextSignals.isVeryShort(text))
    }

    @Test(arguments: ["love it", "质量很好", "The strap broke after two days, clearly fake."])
    func notVeryShortTexts(text: String) {
        #expect(!ReviewTextSignals.isVeryShort(text))
    }

    @Test func fingerprintIgnoresCaseSpacingPunctuationAndEmoji() {
        let a = ReviewTextSignals.fingerprint("Great product!!! 👍")
        #expect(a == ReviewTextSignals.fingerprint("great   product"))
        #expect(a == ReviewTextSignals.fingerprint("ＧＲＥＡＴ ＰＲＯＤＵＣＴ。"))
        #expect(a != ReviewTextSignals.fingerprint("great products"))
        #expect(ReviewTextSignals.fingerprint("好评！好评！") == ReviewTextSignals.fingerprint("好评 好评"))
        #expect(ReviewTextSignals.normalized("Great product!!! 👍") == "greatproduct")
        #expect(ReviewTextSignals.fingerprint("!!! 👍") == FNV1a64.offsetBasis)
        // Stable across processes: FNV-1a-64 of "greatproduct", computed independently.
        #expect(a == Self.pinnedGreatProduct)
    }

    static let pinnedGreatProduct: UInt64 = 0xab9f_9158_b02e_8125
}
