/// The immutable configuration of a ``SlidingWindow``, shared by reference between all the
/// windows made from it (e.g. every key's copy in a ``KeyedWindows``), so that a window's own
/// inline size is five words and updating many keys' windows touches fewer cache lines.
@usableFromInline
final class WindowShape: Sendable {
    @usableFromInline let spec: WindowSpec
    @usableFromInline let kinds: AggregateKinds
    @usableFromInline let hllPrecision: Int
    @usableFromInline let layout: BucketLayout
    @usableFromInline let bucketCount: Int
    @usableFromInline let bucketMs: Int64

    init(spec: WindowSpec, kinds: AggregateKinds, hllPrecision: Int) {
        self.spec = spec
        self.kinds = kinds
        self.hllPrecision = hllPrecision
        self.layout = BucketLayout(kinds: kinds)
        self.bucketCount = spec.bucketCount
        self.bucketMs = spec.bucketMs
    }
}
