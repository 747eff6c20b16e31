extension SlidingWindow {
    /// Writes the window's contents (its head and non-empty buckets) without its configuration,
    /// every aggregate as a compact number (``StateWriter/writeCompact(_:)``): for owners that
    /// keep many windows whose configuration is fixed by their own format, such as a profile
    /// with one window per metric. An empty window is one byte; a bucket holding only a count
    /// of a few events is two. Read it back with ``decodeCompactContents(from:)`` into a window
    /// of the same configuration.
    public func encodeCompactContents(to writer: inout StateWriter) {
        guard !isEmpty else {
            writer.writeVarint(0)
            return
        }
        // The head as a zig-zag varint plus one, so that 0 can mean "empty".
        writer.writeVarint(ZigZag.encode(head) &+ 1)
        encodeBuckets(to: &writer, compact: true)
    }

    /// Reads what ``encodeCompactContents(to:)`` wrote into this window, which must be empty and
    /// configured like the window that wrote it; it then behaves exactly as that window did.
    /// - Throws: `StateDecodingError` naming the field and offset of truncated or corrupt contents.
    public mutating func decodeCompactContents(from reader: inout StateReader) throws(StateDecodingError) {
        precondition(isEmpty, "SlidingWindow.decodeCompactContents: the window must be empty")
        let raw = try reader.readVarint("SlidingWindow.head")
        guard raw != 0 else { return }
        moveHead(to: ZigZag.decode(raw - 1))
        try decodeBuckets(from: &reader, compact: true)
    }
}
