/// Maps merchant ids to dense `UInt32` numbers and back, so the ring
/// structures store 4 bytes per merchant reference instead of a string.
struct MerchantInterner: Sendable {
    private var numbers: [String: UInt32] = [:]
    private(set) var names: [String] = []

    /// The number of `merchantID`, assigning the next free one if new.
    mutating func intern(_ merchantID: String) -> UInt32 {
        if let number = numbers[merchantID] { return number }
        precondition(names.count < Int(UInt32.max), "more than 4 294 967 294 merchants in one ring stage")
        let number = UInt32(names.count)
        numbers[merchantID] = number
        names.append(merchantID)
        return number
    }

    /// The number of `merchantID` if it was seen.
    func number(of merchantID: String) -> UInt32? { numbers[merchantID] }

    /// The merchant id of `number`.
    func name(_ number: UInt32) -> String { names[Int(number)] }

    /// How many merchants were seen.
    var count: Int { names.count }
}
