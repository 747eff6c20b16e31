extension Topology {
    /// The same topology reading and writing other topic names: every source, sink, dead-letter
    /// and late topic named in `renames` (old name → new name) is renamed; others keep theirs.
    /// `vigil run` uses it for the `topics:` section of its configuration.
    public func renamingTopics(_ renames: [String: String]) -> Topology {
        guard !renames.isEmpty else { return self }
        var renamed = self
        renamed.sources = sources.map { source in
            var source = source
            source.topic = renames[source.topic] ?? source.topic
            return source
        }
        renamed.sinkTopics = sinkTopics.mapValues { renames[$0] ?? $0 }
        renamed.deadLetterTopic = renames[deadLetterTopic] ?? deadLetterTopic
        renamed.lateTopic = lateTopic.map { renames[$0] ?? $0 }
        return renamed
    }
}
