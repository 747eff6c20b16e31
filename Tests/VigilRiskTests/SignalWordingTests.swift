import Testing
@testable import VigilRisk

@Suite("Signals: counterfeit and complaint wording")
struct SignalWordingTests {
    let counterfeit = CounterfeitWording()
    let complaint = ComplaintWording()

    @Test(arguments: [
        ("Rolex Submariner REPLICA watch", "replica"),
        ("AAA quality Gucci bag", "aaa"),
        ("Nike Air Jordan 1:1 top version", "1:1"),
        ("LV Neverfull mirror quality", "mirror quality"),
        ("Super-Copy Cartier Love bracelet", "super copy"),
        ("Hermes Birkin dupe, best dupes 2024", "dupe"),
        ("Omega replicas wholesale", "replica"),
        ("劳力士 高仿 绿水鬼", "高仿"),
        ("耐克原单AJ1", "原单"),
        ("复刻版 百达翡丽", "复刻"),
        ("LV A货 女包", "a货"),
        ("Ａ货 full-width letter", "a货"),
        ("ＡＡＡ Gucci full width", "aaa"),
        ("Dior １：１ full-width colon", "1:1"),
        ("精仿香奈儿", "精仿"),
        ("高仿replica表", "replica"),
        ("knock-off Yeezy", "knock off"),
    ])
    func strongCounterfeitTermsAreFlagged(title: String, term: String) {
        let matches = counterfeit.matches(in: title)
        #expect(matches.contains { $0.term == term && $0.strength == .strong }, "\(matches)")
        #expect(counterfeit.isFlagged(title))
    }

    @Test(arguments: [
        "AAA batteries 24 pack",
        "Duracell AAA Battery",
        "Apple iPhone case",
        "Apple iPhone 15 Pro Max 256GB",
        "Genuine Rolex Submariner with papers",
        "Faux fur coat, fake fur, warm",
        "Meeting 11:15 room booking",
        "Ratio 1:10 scale model car",
        "Duplex printer paper",
        "Original Nike Air Max",
        "正品 劳力士 带票",
        "仿佛 dream dress",
        "",
    ])
    func innocentTitlesAreNotFlagged(title: String) {
        #expect(!counterfeit.isFlagged(title), "\(counterfeit.matches(in: title))")
    }

    @Test func weakTermsNeedCompany() {
        #expect(counterfeit.matches(in: "Chanel inspired tweed jacket").map(\.term) == ["inspired"])
        #expect(!counterfeit.isFlagged("Chanel inspired tweed jacket"))
        #expect(!counterfeit.isFlagged("明星同款 T恤"))
        #expect(counterfeit.isFlagged("明星同款 Chanel inspired jacket"))
    }

    @Test func matchesAreInOrderAndOncePerTerm() {
        let matches = counterfeit.matches(in: "replica replica 高仿 AAA")
        #expect(matches.map(\.term) == ["replica", "aaa", "高仿"].sorted { a, b in
            matches.first { $0.term == a }!.offset < matches.first { $0.term == b }!.offset
        })
        #expect(matches.count == 3)
        #expect(matches.map(\.offset) == matches.map(\.offset).sorted())
    }

    @Test(arguments: [
        ("This is FAKE, do not buy", "fake"),
        ("counterfeit product, logo is wrong", "counterfeit"),
        ("Not genuine at all", "not genuine"),
        ("obvious knockoff", "knockoff"),
        ("假货！差评", "假货"),
        ("收到的是假的", "假的"),
        ("明显是仿品", "仿品"),
        ("不是正品，退货", "不是正品"),
        ("ＦＡＫＥ full width", "fake"),
    ])
    func complaintsAreFlagged(text: String, term: String) {
        #expect(complaint.matches(in: text).contains { $0.term == term }, "\(complaint.matches(in: text))")
        #expect(complaint.isFlagged(text))
    }

    @Test(arguments: [
        "Great watch, genuine, not fake!",
        "Not a fake, checked with the store",
        "no fake here, 100% authentic",
        "正品，不是假货，好评",
        "绝对不是假的",
        "Fast shipping, love it",
        "质量很好",
        "Fakeless? nope: fakery is not a word we use",  // 'fake' only as a whole word
    ])
    func praiseAndNegatedComplaintsAreNotFlagged(text: String) {
        #expect(!complaint.isFlagged(text), "\(complaint.matches(in: text))")
    }

    @Test func weakComplaintsAreReportedButNotFlagged() {
        let matches = complaint.matches(in: "Not as described, poor quality")
        #expect(matches.map(\.term) == ["not as described", "poor quality"])
        #expect(!complaint.isFlagged("Not as described, poor quality"))
    }
}
