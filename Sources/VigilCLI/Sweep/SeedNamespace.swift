import Foundation

/// Makes the merchant and listing ids of one simulated scenario distinct from another's, so the
/// feature logs and labels of several scenarios can be trained on together: every scenario
/// numbers its merchants `m0000001`…, and `m0000001` of seed 1 is not `m0000001` of seed 2.
///
/// Works on the compact JSON lines Vigil writes (feature-log rows, contract labels): the values
/// of `"merchant_id":"` and `"listing_id":"` get the prefix `s<seed>-`; `null` listing ids stay.
enum SeedNamespace {
    static func prefix(_ line: Substring, seed: UInt64) -> String {
        var text = String(line)
        for key in ["\"merchant_id\":\"", "\"listing_id\":\""] {
            text = text.replacingOccurrences(of: key, with: key + "s\(seed)-")
        }
        return text
    }
}
