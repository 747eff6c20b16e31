import VigilRisk

/// Words and places of the honest look-alike populations and traits.
extension SimulationVocabulary {
    /// Used-condition wording of second-hand resellers: English suffixes.
    static let usedConditionEnglish = ["pre-owned, good condition", "pre-owned, with original box", "used, excellent condition",
                                       "pre-owned, light signs of wear", "second-hand, receipt included"]
    /// Used-condition wording of second-hand resellers: Chinese prefixes.
    static let usedConditionChinese = ["二手", "二手 9成新", "二手 95新", "闲置 二手", "二手 正品 有小票"]

    /// Honest titles with a harmless phrase that reads like counterfeit slang: a whole-word
    /// `replica`, `1:1`, `AAA` before a word that is not `batteries`, or `复刻` ("reissue").
    /// Every one is flagged by ``CounterfeitWording`` (that is the point of the trap).
    static let harmlessSlangTitles: [(category: String, title: String, prices: ClosedRange<Int64>)] = [
        ("home", "Museum replica of a 1960s Danish table lamp", 299...1_299),
        ("home", "Fossil replica: T-rex tooth cast, 12cm", 39...199),
        ("toys", "1:1 scale replica of a Viking longsword, wall décor", 199...899),
        ("kitchen", "1:1 ratio sourdough starter jar 1L", 29...99),
        ("jewellery", "AAA grade natural jade bangle", 199...2_999),
        ("jewellery", "AAA+ grade Akoya pearl stud earrings", 299...1_999),
        ("electronics", "AAA rated energy-efficient desk fan", 99...399),
        ("toys", "复刻版 经典掌上游戏机 内置200款游戏", 99...299),
        ("toys", "复刻 80年代 铁皮青蛙 怀旧玩具", 15...59),
    ]

    /// Where fulfilment warehouses ship from.
    static let fulfilmentPlaces: [Place] = [
        Place(province: "Zhejiang", city: "Jiaxing", district: "Nanhu"), Place(province: "Guangdong", city: "Dongguan", district: "Humen"),
        Place(province: "Jiangsu", city: "Kunshan", district: "Huaqiao"), Place(province: "Tianjin", city: "Tianjin", district: "Wuqing"),
        Place(province: "Henan", city: "Zhengzhou", district: "Xinzheng"), Place(province: "Hubei", city: "Wuhan", district: "Dongxihu"),
    ]
}
