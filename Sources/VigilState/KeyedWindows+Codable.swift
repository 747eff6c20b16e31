extension KeyedWindows: BinaryStateCodable where Key: BinaryStateCodable {
    static var magic: UInt16 { 0x574B }  // "KW"

    /// Writes the configuration and every key's windows, in key order.
    public func encode(to writer: inout StateWriter) {
        writer.write(Self.magic)
        writer.write(UInt8(1))
        writer.write(configuration.metric)
        writer.writeLength(configuration.windows.count)
        for spec in configuration.windows { writer.write(spec) }
        writer.write(configuration.kinds.rawValue)
        writer.write(UInt8(configuration.hllPrecision))
        writer.write(configuration.idleTTLMs ?? 0)
        writer.writeLength(entries.count)
        for entry in entries {
            writer.write(entry.key)
            writer.write(entry.lastEventTimeMs)
            for window in entry.windows { window.encodeContents(to: &writer) }
        }
    }

    /// Restores windows written by ``encode(to:)``: same keys in the same order, same state.
    public init(from reader: inout StateReader) throws(StateDecodingError) {
        _ = try reader.readHeader("KeyedWindows", magic: Self.magic, maximumVersion: 1)
        let metric = try reader.readString("KeyedWindows.metric")
        let specCount = try reader.readLength("KeyedWindows.windowCount", limit: 64)
        var specs: [WindowSpec] = []
        for _ in 0..<specCount { specs.append(try reader.read(WindowSpec.self)) }
        let kinds = try SlidingWindow.readKinds(from: &reader)
        let precision = try SlidingWindow.readPrecision(from: &reader)
        let ttl = try reader.readInt64("KeyedWindows.idleTTLMs")
        let configuration = KeyedWindowsConfiguration(
            metric: metric, windows: specs, kinds: kinds, hllPrecision: precision, idleTTLMs: ttl == 0 ? nil : ttl
        )
        let configurationOffset = reader.offset
        do {
            try self.init(configuration)
        } catch {
            throw StateDecodingError(field: "KeyedWindows.configuration", offset: configurationOffset, reason: .corrupt(error.description))
        }
        let count = try reader.readLength("KeyedWindows.keyCount", elementSize: 9)
        entries.reserveCapacity(count)
        index.reserveCapacity(count)
        for _ in 0..<count {
            let keyOffset = reader.offset
            let key = try reader.read(Key.self)
            guard index[key] == nil else {
                throw StateDecodingError(field: "KeyedWindows.key", offset: keyOffset, reason: .corrupt("key \(key) appears twice"))
            }
            let lastEventTime = try reader.readInt64("KeyedWindows.lastEventTimeMs")
            var windows = template
            for i in windows.indices { try windows[i].decodeContents(from: &reader) }
            index[key] = entries.count
            entries.append(Entry(key: key, lastEventTimeMs: lastEventTime, windows: windows))
        }
    }
}

extension KeyedWindows: Equatable {
    /// Equal when the configuration, the keys (in order) and every window's state are equal.
    public static func == (lhs: KeyedWindows, rhs: KeyedWindows) -> Bool {
        guard lhs.configuration == rhs.configuration, lhs.entries.count == rhs.entries.count else { return false }
        for (a, b) in zip(lhs.entries, rhs.entries) {
            guard a.key == b.key, a.lastEventTimeMs == b.lastEventTimeMs, a.windows == b.windows else { return false }
        }
        return true
    }
}
