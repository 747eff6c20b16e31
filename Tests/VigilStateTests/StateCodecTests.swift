import Testing
@testable import VigilState

@Suite struct StateCodecTests {
    @Test func primitivesRoundTripBitForBit() throws {
        var writer = StateWriter()
        writer.write(UInt8(0xAB))
        writer.write(true)
        writer.write(Int32(-7))
        writer.write(Int64.min)
        writer.write(UInt64.max)
        writer.write(-0.0)
        writer.write(Double(bitPattern: 0x7FF8_0000_0000_1234))  // NaN with a payload
        writer.writeVarint(300)
        writer.writeVarint(.max)
        writer.write("Grüße, 世界")
        writer.write(bytes: [1, 2, 3])
        #expect(Array(writer.bytes[2...5]) == [0xF9, 0xFF, 0xFF, 0xFF])  // little-endian

        var reader = StateReader(writer.bytes)
        #expect(try reader.readUInt8("a") == 0xAB)
        #expect(try reader.readBool("b") == true)
        #expect(try reader.readInt32("c") == -7)
        #expect(try reader.readInt64("d") == .min)
        #expect(try reader.readUInt64("e") == .max)
        #expect(try reader.readDouble("f").bitPattern == (-0.0).bitPattern)
        #expect(try reader.readDouble("g").bitPattern == 0x7FF8_0000_0000_1234)
        #expect(try reader.readVarint("h") == 300)
        #expect(try reader.readVarint("i") == .max)
        #expect(try reader.readString("j") == "Grüße, 世界")
        #expect(try reader.readBytes("k") == [1, 2, 3])
        #expect(reader.isAtEnd)
    }

    @Test func truncatedInputNamesTheField() {
        var writer = StateWriter()
        writer.write(Int64(42))
        var reader = StateReader(Array(writer.bytes.prefix(5)))
        do {
            _ = try reader.readInt64("SlidingWindow.head")
            Issue.record("read past the end")
        } catch {
            #expect(error.reason == .truncated(needed: 8, available: 5))
            #expect(error.description.contains("truncated"))
            #expect(error.description.contains("SlidingWindow.head"))
        }
    }

    func sampleWindows() throws -> KeyedWindows<String> {
        var windows = try KeyedWindows<String>(KeyedWindowsConfiguration(
            metric: "payment_amount",
            windows: [try WindowSpec(parsing: "1h/5m"), try WindowSpec(parsing: "24h")],
            idleTTLMs: 3_600_000
        ))
        for i in 0..<500 {
            let key = "merchant-\(i % 17)"
            windows.add(key: key, value: Double(i % 97) * 1.25, distinctHash: StableHash.hash("buyer-\(i % 41)"), at: Int64(i) * 37_000)
        }
        return windows
    }

    @Test func keyedWindowsRoundTripAndBehaveIdentically() throws {
        var original = try sampleWindows()
        var restored = try KeyedWindows<String>(decodingState: original.encodedState())
        #expect(restored == original)
        let asOf = Int64(499) * 37_000
        for key in original.keys {
            #expect(restored.snapshots(of: key, asOf: asOf) == original.snapshots(of: key, asOf: asOf))
        }
        for i in 500..<900 {
            let key = "merchant-\(i % 23)"
            let hash = StableHash.hash("buyer-\(i % 53)")
            let t = Int64(i) * 41_000 - Int64(i % 5) * 60_000
            #expect(original.add(key: key, value: Double(i), distinctHash: hash, at: t) == restored.add(key: key, value: Double(i), distinctHash: hash, at: t))
        }
        #expect(original.evictIdle(asOf: 900 * 41_000) == restored.evictIdle(asOf: 900 * 41_000))
        #expect(restored == original)
        #expect(restored.encodedState() == original.encodedState())
    }

    @Test func everyTruncationOfAStateThrowsAReadableError() throws {
        let bytes = try sampleWindows().encodedState()
        // Every proper prefix must be refused, none may crash or decode to something else.
        var truncatedSeen = 0
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            do {
                _ = try KeyedWindows<String>(decodingState: Array(bytes.prefix(length)))
                Issue.record("a \(length)-byte prefix of \(bytes.count) bytes decoded")
            } catch {
                if case .truncated = error.reason { truncatedSeen += 1 }
                #expect(error.description.contains(error.field))
                #expect(error.description.contains("byte"))
            }
        }
        #expect(truncatedSeen > 0)
        do {
            _ = try KeyedWindows<String>(decodingState: Array(bytes.prefix(bytes.count - 3)))
            Issue.record("truncated state decoded")
        } catch {
            #expect(error.description.hasPrefix("state is truncated"))
        }
    }

    @Test func corruptOrForeignBytesAreRefused() throws {
        let window = try sampleWindows()
        var bytes = window.encodedState()
        bytes[0] ^= 0xFF
        #expect {
            try KeyedWindows<String>(decodingState: bytes)
        } throws: { error in
            (error as? StateDecodingError)?.description.contains("KeyedWindows magic") ?? false
        }
        let sketchBytes = HyperLogLog().encodedState()
        #expect(throws: StateDecodingError.self) { try SlidingWindow(decodingState: sketchBytes) }
        #expect(throws: StateDecodingError.self) { try KeyedWindows<String>(decodingState: window.encodedState() + [0]) }
    }

    @Test func hyperLogLogRoundTripsInBothModes() throws {
        for n in [0, 5, 5_000] {
            var sketch = HyperLogLog(precision: 10)
            for i in 0..<n { sketch.add(hash: StableHash.hash(Int64(i))) }
            let restored = try HyperLogLog(decodingState: sketch.encodedState())
            #expect(restored == sketch)
            #expect(restored.estimate == sketch.estimate)
        }
    }
}
