import Testing
import VigilPrimitives
@testable import VigilState

@Suite struct CompactEncodingTests {
    /// Values of every shape a window holds: counts, money, negative sums, fractions, the
    /// identities of min and max, `-0.0`, a NaN payload and an `Int64` stored as a bit pattern.
    static let values: [Double] = [
        0, 1, -1, 31, -32, 32, 1_000_000, 0x1p52, -0x1p52, 0x1p52 + 2, 0.5, -123.25, 1e-300, .leastNonzeroMagnitude,
        .infinity, -.infinity, -0.0, Double(bitPattern: 0x7FF8_0000_0000_1234), Double(bitPattern: UInt64(bitPattern: Int64.min)),
        Double(bitPattern: UInt64(bitPattern: Int64(1_732_380_000_000))),
    ]

    @Test func compactDoublesRoundTripBitForBit() throws {
        var writer = StateWriter()
        for value in Self.values { writer.writeCompact(value) }
        var reader = StateReader(writer.bytes)
        for value in Self.values {
            #expect(try reader.readCompactDouble("value").bitPattern == value.bitPattern, "\(value)")
        }
        #expect(reader.isAtEnd)
    }

    @Test func wholeNumbersAreShortAndEverythingElseNineBytes() {
        func size(_ value: Double) -> Int {
            var writer = StateWriter()
            writer.writeCompact(value)
            return writer.bytes.count
        }
        #expect(size(0) == 1)
        #expect(size(31) == 1)
        #expect(size(-32) == 1)
        #expect(size(32) == 2)
        #expect(size(199_900) == 3)  // money in minor units
        #expect(size(0x1p52) == 8)
        #expect(size(0x1p52 + 2) == 9)
        #expect(size(0.5) == 9)
        #expect(size(-0.0) == 9)
        #expect(size(.infinity) == 9)
    }

    @Test func corruptCompactNumbersNameTheField() {
        for bytes: [UInt8] in [[0x03], [0x01, 0x00, 0x00], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]] {
            var reader = StateReader(bytes)
            do {
                _ = try reader.readCompactDouble("bucket value")
                Issue.record("\(bytes) should not decode")
            } catch {
                #expect(error.field == "bucket value")
            }
        }
    }

    @Test func zigZagRoundTripsAndKeepsSmallMagnitudesShort() throws {
        let values: [Int64] = [0, -1, 1, 63, -64, 64, .max, .min, 1_732_380_000_000]
        var writer = StateWriter()
        for value in values { writer.writeZigZag(value) }
        var reader = StateReader(writer.bytes)
        for value in values { #expect(try reader.readZigZag("n") == value) }
        #expect(reader.isAtEnd)
        var one = StateWriter()
        one.writeZigZag(-64)
        #expect(one.bytes == [127])
    }

    @Test func compactContentsRestoreAWindowThatBehavesIdentically() throws {
        var rng = SplitMix64(seed: 11)
        for text in ["1h/5m", "30d", "10m/1m"] {
            var window = SlidingWindow(spec: try WindowSpec(parsing: text), kinds: .all)
            var t: Int64 = 1_732_380_000_000
            for _ in 0..<500 {
                t += Int64(rng.next() % 120_000)
                let value = rng.next() % 3 == 0 ? Double(rng.next() % 1000) / 7 : Double(rng.next() % 50_000)
                _ = window.add(value: value, distinctHash: rng.next() % 40, at: t - Int64(rng.next() % 30_000))
            }
            var writer = StateWriter()
            window.encodeCompactContents(to: &writer)
            var restored = SlidingWindow(spec: window.spec, kinds: window.kinds)
            var reader = StateReader(writer.bytes)
            try restored.decodeCompactContents(from: &reader)
            #expect(reader.isAtEnd)
            // The self-describing encoding holds every bit of the state: equal bytes, equal windows.
            #expect(restored.encodedState() == window.encodedState(), "\(text)")
            #expect(restored.snapshot(asOf: t) == window.snapshot(asOf: t))
            #expect(writer.bytes.count < window.encodedState().count)
        }
    }

    @Test func emptyAndCountOnlyWindowsAreTiny() throws {
        let spec = try WindowSpec(parsing: "24h")
        var window = SlidingWindow(spec: spec, kinds: .count)
        var writer = StateWriter()
        window.encodeCompactContents(to: &writer)
        #expect(writer.bytes == [0])
        _ = window.add(value: 1, at: 1_732_380_000_000)
        _ = window.add(value: 1, at: 1_732_380_000_000)
        writer = StateWriter()
        window.encodeCompactContents(to: &writer)
        // The head (epoch 481,216 of the 1 h buckets: 3 bytes), one bucket, its age and its count of 2.
        #expect(writer.bytes.count == 3 + 1 + 1 + 1)
        var restored = SlidingWindow(spec: spec, kinds: .count)
        var reader = StateReader(writer.bytes)
        try restored.decodeCompactContents(from: &reader)
        #expect(restored.snapshot(asOf: 1_732_380_000_000).count == 2)
    }

    @Test func aBucketWithoutEventsIsRefused() throws {
        let spec = try WindowSpec(parsing: "24h")
        var writer = StateWriter()
        writer.writeVarint(ZigZag.encode(20_050) + 1)  // head
        writer.writeLength(1)  // one bucket
        writer.writeVarint(0)  // age 0
        writer.writeCompact(0)  // count 0: never written by a window
        var window = SlidingWindow(spec: spec, kinds: .count)
        var reader = StateReader(writer.bytes)
        #expect(throws: StateDecodingError.self) { try window.decodeCompactContents(from: &reader) }
    }
}
