import VigilPrimitives
import VigilRisk

extension SimulatedBrand {
    /// The perceptual hash of the brand's official product photo of `model`, for the data
    /// set of `seed`: what authorised and discount sellers (and sometimes resellers and
    /// adaptive counterfeiters) put in `image_hashes`, and what the rights holder publishes
    /// as `official_image_hashes` when the scenario says so.
    static func officialImageHash(brand: String, model: String, seed: UInt64) -> String {
        FNV1a64.hex(FNV1a64.fnv1a64("official|\(brand)|\(model)", seed: seed))
    }

    /// The official photo hashes of every model of the brand, in catalog order.
    func officialImageHashes(seed: UInt64) -> [String] {
        lines.flatMap { line in line.models.map { Self.officialImageHash(brand: name, model: $0, seed: seed) } }
    }
}
