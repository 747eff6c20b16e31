import VigilState
import VigilPrimitives

extension MerchantProfile {
    private static let magic: UInt16 = 0x504D  // "MP"
    /// Version 2 writes each window's contents without its configuration (fixed by
    /// ``MerchantMetric``) and the numbers of windows and listings compactly; version 1 wrote
    /// every window self-describing and every number at full width. Both are read.
    private static let version: UInt8 = 2

    /// The profile's complete state in Vigil's binary state format (deterministic: equal
    /// profiles encode to equal bytes). Restore it with ``init(decoding:)``.
    public func encoded() -> [UInt8] {
        var w = StateWriter(capacity: 512)
        w.write(Self.magic)
        w.write(Self.version)
        w.write(merchantID)
        w.write(lastEventTime)
        w.write(UInt8(lastMerchantDecision.map { VerdictDecision.allCases.firstIndex(of: $0)! + 1 } ?? 0))
        w.writeLength(settings.newAccountMaxAgeDays)
        w.writeLength(settings.veryShortReviewLength)
        w.write(settings.ocrMismatchRatio)
        w.writeLength(windows.count)
        for window in windows { window.encodeCompactContents(to: &w) }
        w.writeLength(listings.count)
        for (id, record) in listings.sorted(by: { $0.key < $1.key }) {
            w.write(id)
            record.encode(to: &w)
        }
        w.write(seller != nil)
        if let seller {
            w.write(sellerSnapshotTime)
            w.write(Int64(seller.storeAgeDays))
            w.write(seller.template == .basic)
            w.write(seller.verifiedID)
            w.write(seller.deviceID)
            w.write(seller.ip)
            w.write(seller.wifiBSSID != nil)
            if let wifi = seller.wifiBSSID { w.write(wifi) }
        }
        for list in [sellerDevices, sellerIPs] {
            w.writeLength(list.count)
            for hash in list { w.write(hash) }
        }
        links.encode(to: &w)
        encodeRing(to: &w)
        reviewFingerprints.encode(to: &w)
        topBuyers.encode(to: &w)
        recentEvents.encode(to: &w)
        w.write(latestReturnAddress != nil)
        if let latestReturnAddress {
            w.write(latestReturnAddress)
            w.write(latestReturnAddressTime)
        }
        return w.bytes
    }

    /// Restores a profile from ``encoded()`` bytes; it then behaves exactly as the original.
    /// - Throws: `StateDecodingError` naming the field and byte offset of truncated or corrupt state.
    public init(decoding bytes: [UInt8]) throws {
        var r = StateReader(bytes)
        let version = try r.readHeader("MerchantProfile", magic: Self.magic, maximumVersion: Self.version)
        let merchantID = try r.readString("MerchantProfile.merchantID")
        let lastEventTime = try r.readInt64("MerchantProfile.lastEventTime")
        let decisionOffset = r.offset
        let decision = Int(try r.readUInt8("MerchantProfile.lastMerchantDecision"))
        guard decision <= VerdictDecision.allCases.count else {
            throw StateDecodingError(field: "MerchantProfile.lastMerchantDecision", offset: decisionOffset, reason: .corrupt("unknown decision \(decision)"))
        }
        let settings = FeatureSettings(
            newAccountMaxAgeDays: try r.readLength("FeatureSettings.newAccountMaxAgeDays"),
            veryShortReviewLength: try r.readLength("FeatureSettings.veryShortReviewLength"),
            ocrMismatchRatio: try r.readDouble("FeatureSettings.ocrMismatchRatio"))
        self.init(merchantID: merchantID, settings: settings)
        self.lastEventTime = lastEventTime
        lastMerchantDecision = decision == 0 ? nil : VerdictDecision.allCases[decision - 1]
        let windowsOffset = r.offset
        let windowCount = try r.readLength("MerchantProfile.windows")
        guard windowCount == MerchantMetric.allCases.count else {
            throw StateDecodingError(field: "MerchantProfile.windows", offset: windowsOffset,
                                     reason: .corrupt("\(windowCount) windows, expected \(MerchantMetric.allCases.count)"))
        }
        for metric in MerchantMetric.allCases {
            if version >= 2 {
                try windows[metric.rawValue].decodeCompactContents(from: &r)
                continue
            }
            let offset = r.offset
            let window = try r.read(SlidingWindow.self)
            guard window.spec == MerchantMetric.specs[metric.rawValue], window.kinds == metric.kinds else {
                throw StateDecodingError(field: "MerchantProfile.windows[\(metric)]", offset: offset,
                                         reason: .corrupt("window \(window.spec) does not match \(metric.windowText)"))
            }
            windows[metric.rawValue] = window
        }
        let listingCount = try r.readLength("MerchantProfile.listings", limit: ProfileLimits.maxListings)
        for _ in 0..<listingCount {
            let id = try r.readString("MerchantProfile.listingID")
            listings[id] = version >= 2 ? try ListingRecord(from: &r) : try ListingRecord(version1: &r)
        }
        if try r.readBool("MerchantProfile.hasSeller") {
            sellerSnapshotTime = try r.readInt64("SellerSnapshot.time")
            let age = Int(try r.readInt64("SellerSnapshot.storeAgeDays"))
            let basic = try r.readBool("SellerSnapshot.basic")
            let verified = try r.readBool("SellerSnapshot.verifiedID")
            let device = try r.readString("SellerSnapshot.deviceID")
            let ip = try r.readString("SellerSnapshot.ip")
            let wifi = try r.readBool("SellerSnapshot.hasWifi") ? try r.readString("SellerSnapshot.wifi") : nil
            seller = .init(storeAgeDays: age, template: basic ? .basic : .custom, verifiedID: verified, deviceID: device, ip: ip, wifiBSSID: wifi)
        }
        for which in 0..<2 {
            let n = try r.readLength("MerchantProfile.sellerIdentifiers", limit: ProfileLimits.maxSellerIdentifiers, elementSize: 8)
            var list: [UInt64] = []
            for _ in 0..<n { list.append(try r.readUInt64("MerchantProfile.sellerIdentifier")) }
            if which == 0 { sellerDevices = list } else { sellerIPs = list }
        }
        links = try LinkTable(from: &r)
        ring = try Self.decodeRing(from: &r)
        reviewFingerprints = try RecentSet<UInt64>(capacity: ProfileLimits.maxReviewFingerprints, from: &r, field: "MerchantProfile.reviewFingerprints")
        topBuyers = try TopBuyerCounter(from: &r)
        recentEvents = try RecentSet<UInt64>(capacity: ProfileLimits.maxRecentEvents, from: &r, field: "MerchantProfile.recentEvents")
        if try r.readBool("MerchantProfile.hasReturnAddress") {
            latestReturnAddress = try r.readString("MerchantProfile.latestReturnAddress")
            latestReturnAddressTime = try r.readInt64("MerchantProfile.latestReturnAddressTime")
        }
        try r.expectEnd(after: "MerchantProfile")
    }

    private func encodeRing(to w: inout StateWriter) {
        w.write(ring.ringID != nil)
        if let id = ring.ringID { w.write(id) }
        w.writeLength(ring.ringSize)
        w.writeLength(ring.linkedIntercepted)
        w.write(Int64(ring.maxLinkedScore))
        w.write(ring.meanLinkedScore)
        let shared = ring.sharedIdentifiers.sorted { $0.key.rawValue < $1.key.rawValue }
        w.writeLength(shared.count)
        for (kind, count) in shared {
            w.write(kind.rawValue)
            w.writeLength(count)
        }
    }

    private static func decodeRing(from r: inout StateReader) throws(StateDecodingError) -> RingFeatures {
        let id = try r.readBool("RingFeatures.hasID") ? try r.readString("RingFeatures.ringID") : nil
        let size = try r.readLength("RingFeatures.ringSize")
        let intercepted = try r.readLength("RingFeatures.linkedIntercepted")
        let maxScore = Int(try r.readInt64("RingFeatures.maxLinkedScore"))
        let mean = try r.readDouble("RingFeatures.meanLinkedScore")
        let n = try r.readLength("RingFeatures.shared", limit: IdentifierKind.allCases.count)
        var shared: [IdentifierKind: Int] = [:]
        for _ in 0..<n {
            let offset = r.offset
            let raw = try r.readString("RingFeatures.kind")
            guard let kind = IdentifierKind(rawValue: raw) else {
                throw StateDecodingError(field: "RingFeatures.kind", offset: offset, reason: .corrupt("unknown identifier kind \"\(raw)\""))
            }
            shared[kind] = try r.readLength("RingFeatures.count")
        }
        return RingFeatures(ringID: id, ringSize: size, linkedIntercepted: intercepted, maxLinkedScore: maxScore,
                            meanLinkedScore: mean, sharedIdentifiers: shared)
    }
}
