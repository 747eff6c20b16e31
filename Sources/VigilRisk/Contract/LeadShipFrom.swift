/// A likely production or storage location of a ring in a lead: `{"province", "city",
/// "district", "count"}`. The same value the ring stage ranks (``ShipFromCount``), so a lead
/// carries the ring's counts as they are.
public typealias LeadShipFrom = ShipFromCount
