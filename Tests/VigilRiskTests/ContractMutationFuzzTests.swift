import Testing
@testable import VigilRisk
@testable import VigilSimulation

@Suite("Contract: mutated messages never crash the decoder")
struct ContractMutationFuzzTests {
    /// Bytes that tend to break JSON and UTF-8 in interesting ways.
    static let interesting: [UInt8] = Array(#"{}[]",:\-+.eE0123456789tfnul "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE4, 0xED, 0xF0, 0xF4, 0xFF]

    @Test(arguments: EventKind.allCases)
    func randomByteEditsDecodeOrThrowAViolation(kind: EventKind) {
        var rng = SimulationRNG(seed: 0x5eed_0000 + UInt64(EventKind.allCases.firstIndex(of: kind)!))
        let original = ContractFixture.of(kind).bytes
        var violations = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let position = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[position] = Self.interesting.randomElement(using: &rng)!
                case 1: bytes.remove(at: position)
                default: bytes.insert(Self.interesting.randomElement(using: &rng)!, at: position)
                }
                if bytes.isEmpty { break }
            }
            // Either outcome is fine; what matters is no trap and a readable message.
            if let violation = contractViolation(kind, bytes) {
                violations += 1
                #expect(!violation.description.isEmpty)
                #expect(violation.field.map { !$0.isEmpty } ?? true, "\(violation)")
            }
        }
        #expect(violations > 1_000)
    }
}
