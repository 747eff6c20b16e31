/// One named feature of the risk feature vector.
public struct FeatureDefinition: Sendable, Hashable {
    /// The stable snake_case name models refer to (e.g. `listing_ocr_price_ratio`).
    public let name: String
    /// The family the feature belongs to.
    public let group: FeatureGroup
    /// The event-time window it is computed over (`"1h"`, `"24h"`, `"7d"`, `"30d"`), or `nil` for
    /// a per-listing value, the latest known state, or a lifetime figure.
    public let window: String?
    /// What the value means, its unit, and its value when there is no data.
    public let meaning: String

    /// Creates a definition.
    public init(name: String, group: FeatureGroup, window: String?, meaning: String) {
        self.name = name
        self.group = group
        self.window = window
        self.meaning = meaning
    }
}
