/// Seeds written as `1-6`, `1,2,3` or `1001-1003,2001` (ranges inclusive).
import Foundation

enum SeedList {
    static func parse(_ text: String) throws -> [UInt64] {
        var seeds: [UInt64] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1: guard let seed = bounds[0] else { throw SweepError.badSeeds(text) }; seeds.append(seed)
            case 2: guard let low = bounds[0], let high = bounds[1], low <= high else { throw SweepError.badSeeds(text) }; seeds += Array(low...high)
            default: throw SweepError.badSeeds(text)
            }
        }
        guard !seeds.isEmpty else { throw SweepError.badSeeds(text) }
        return seeds
    }
}
