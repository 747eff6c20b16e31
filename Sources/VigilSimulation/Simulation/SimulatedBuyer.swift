import VigilPrimitives
import VigilRisk

/// A marketplace buyer, derived entirely from its number and the seed (nothing stored):
/// the same buyer always has the same account, device, IP and delivery address.
struct SimulatedBuyer {
    let id: String
    let account: String
    let accountAgeDays: Int
    let device: String
    let ip: String
    let addressHash: String

    init(number: Int, seed: UInt64) {
        id = "b" + sevenDigits(number)
        var rng = SimulationRNG(seed: FNV1a64.fnv1a64(id, seed: seed ^ 0x6275_7965_7273))
        account = "acct-" + rng.hex64()
        accountAgeDays = rng.int(in: 30...3_000)
        device = "dev-" + rng.hex64()
        ip = "\(rng.pick(SimulationVocabulary.ipFirstOctets)).\(rng.int(in: 0...255)).\(rng.int(in: 0...255)).\(rng.int(in: 1...254))"
        addressHash = rng.hex64()
    }
}
