import VigilRisk

/// The words and places simulated events are made of: titles, review texts, carriers and
/// ship-from locations. Fixed, ordered arrays, so choices by index are deterministic.
enum SimulationVocabulary {
    /// An unbranded product category with a plausible price range (whole CNY) and titles.
    struct GenericCategory {
        var name: String
        var prices: ClosedRange<Int64>
        var titles: [String]
    }

    /// Unbranded goods of honest shops (and ring filler). Some titles are deliberate traps
    /// for naive wording rules: `AAA batteries`, `fake plant`, `faux fur`.
    static let genericCategories: [GenericCategory] = [
        GenericCategory(name: "home", prices: 19...399, titles: [
            "Linen cushion cover 45x45cm", "Ceramic vase, matte white", "Bamboo storage box set of 3", "亚麻抱枕套 北欧风",
            "北欧风陶瓷花瓶", "Fake plant decor, eucalyptus 60cm", "Faux fur throw blanket 130x160", "Blackout curtains 2 panels",
        ]),
        GenericCategory(name: "kitchen", prices: 15...599, titles: [
            "Cast iron skillet 26cm", "Stainless steel chef knife 20cm", "不锈钢保温杯 500ml", "Pour-over coffee kettle 1L",
            "硅胶厨具五件套", "Glass meal-prep containers, 5 pack",
        ]),
        GenericCategory(name: "toys", prices: 9...299, titles: [
            "Wooden building blocks 100 pcs", "Plush bunny 30cm", "益智拼图 1000片", "Remote control car 1:16 scale",
        ]),
        GenericCategory(name: "stationery", prices: 3...129, titles: [
            "Gel pens 0.5mm, 12 colours", "A5 dotted notebook", "手账本套装", "Washi tape set, 20 rolls",
        ]),
        GenericCategory(name: "electronics", prices: 9...399, titles: [
            "AAA batteries 8-pack, rechargeable", "USB-C cable 2m braided", "Mini Bluetooth speaker", "充电宝 10000mAh 快充",
            "LED desk lamp with dimmer", "AA and AAA battery charger",
        ]),
        GenericCategory(name: "apparel", prices: 29...499, titles: [
            "Cotton crew-neck T-shirt", "Merino wool scarf", "纯棉短袖T恤 男女同款", "Denim jacket, washed blue", "Rain jacket, packable",
        ]),
        GenericCategory(name: "pet", prices: 9...259, titles: [
            "Cat scratching post 60cm", "Reflective dog leash 1.5m", "宠物自动饮水机", "Orthopedic dog bed, medium",
        ]),
        GenericCategory(name: "garden", prices: 9...499, titles: [
            "Terracotta pot 20cm", "Bypass pruning shears", "园艺手套 防刺", "Solar path lights, 6 pack",
        ]),
    ]

    /// Honest accessories that name a brand (brand field set) in a category without a
    /// reference price: not counterfeits, and not to be treated as such.
    static let brandAccessories: [(brand: String, title: String, prices: ClosedRange<Int64>)] = [
        ("Apple", "Silicone case for Apple iPhone 15 Pro", 19...89),
        ("Apple", "Sport band compatible with Apple Watch 45mm", 25...99),
        ("Samsung", "Tempered glass screen protector for Samsung Galaxy S24", 9...49),
        ("Nike", "Shoe cleaning kit, safe for Nike sneakers", 29...79),
        ("Rolex", "Watch winder box, fits Rolex and Omega", 199...899),
    ]

    /// Variants appended to honest titles so titles of one shop differ.
    static let variants = ["black", "white", "grey", "navy", "green", "large", "small", "2-pack", "gift box", "黑色", "白色", "大号"]

    /// English nouns per brand category, for titles.
    static func noun(_ category: String, chinese: Bool) -> String {
        switch category {
        case "watches": chinese ? "手表" : "watch"
        case "footwear": chinese ? "运动鞋" : "sneakers"
        case "handbags": chinese ? "手提包" : "handbag"
        case "phones": chinese ? "手机" : "smartphone"
        case "earphones": chinese ? "耳机" : "earbuds"
        case "perfume": chinese ? "香水" : "perfume"
        case "belts": chinese ? "腰带" : "belt"
        case "apparel": chinese ? "卫衣" : "hoodie"
        case "wallets": chinese ? "钱包" : "wallet"
        case "memory": chinese ? "存储" : "storage"
        default: chinese ? "商品" : "item"
        }
    }

    /// Counterfeit wording sellers put in titles (strong terms, EN and ZH).
    static let counterfeitTerms = ["Replica", "AAA", "AAA+", "1:1", "Mirror Quality", "Super Copy", "高仿", "原单", "复刻", "纯原", "一比一", "莆田"]

    /// Honest review texts (each a full sentence, varied).
    static let reviewOpeners = [
        "Exactly as described.", "Arrived quickly and well packed.", "Good value for the price.", "Second time buying from this shop.",
        "Works as expected.", "Better than I hoped.", "质量不错，物流很快。", "和描述一致，包装完好。", "第二次购买了，值得推荐。",
    ]
    static let reviewMiddles = [
        "The colour is a bit darker than in the photos.", "Quality feels solid.", "My daughter loves it.", "Size runs slightly small.",
        "The seller answered my questions fast.", "颜色有点色差，整体满意。", "性价比很高。", "", "",
    ]
    static let reviewClosers = ["Would buy again.", "Recommended.", "Four stars because delivery took a while.", "会回购。", "", ""]

    /// Honest negative reviews (ordinary complaints, not about counterfeits).
    static let honestComplaints = [
        "Broke after two days, asked for a refund.", "Not as described, the colour is different.", "快递太慢了，等了一周。",
        "Packaging was damaged but the item is fine.",
    ]

    /// Short, duplicated texts of fake-review farms.
    static let fakeReviewTexts = ["good", "very good", "nice!", "好评", "很好", "five stars", "good quality", "great", "👍👍👍", "质量很好"]

    /// Real buyers of counterfeits complaining.
    static let counterfeitComplaints = [
        "Fake. The logo is crooked and the box smells of glue.", "Not authentic, the serial number does not exist.", "假货，做工粗糙",
        "Counterfeit, returned it.", "不是正品，和图片不一样", "Clearly a replica, the stitching is off.", "收到是高仿，差评",
    ]

    /// Neutral texts of real buyers who did not complain.
    static let neutralTexts = ["ok for the price", "arrived on time", "还行吧", "as expected", "fine"]

    /// Parcel carriers.
    static let carriers = ["SF Express", "ZTO Express", "YTO Express", "STO Express", "JD Logistics", "Yunda", "China Post EMS"]

    /// A ship-from location (without the address hash).
    struct Place {
        var province: String
        var city: String
        var district: String
    }

    /// Where honest shops ship from. Two districts (Baiyun, Luohu) are also production
    /// districts of rings: a district alone proves nothing.
    static let honestPlaces: [Place] = [
        Place(province: "Zhejiang", city: "Hangzhou", district: "Yuhang"), Place(province: "Zhejiang", city: "Yiwu", district: "Futian"),
        Place(province: "Guangdong", city: "Shenzhen", district: "Nanshan"), Place(province: "Guangdong", city: "Guangzhou", district: "Baiyun"),
        Place(province: "Jiangsu", city: "Suzhou", district: "Wuzhong"), Place(province: "Shanghai", city: "Shanghai", district: "Minhang"),
        Place(province: "Beijing", city: "Beijing", district: "Chaoyang"), Place(province: "Sichuan", city: "Chengdu", district: "Wuhou"),
        Place(province: "Hubei", city: "Wuhan", district: "Hongshan"), Place(province: "Fujian", city: "Xiamen", district: "Siming"),
        Place(province: "Shandong", city: "Qingdao", district: "Huangdao"), Place(province: "Hunan", city: "Changsha", district: "Yuelu"),
        Place(province: "Henan", city: "Zhengzhou", district: "Jinshui"), Place(province: "Tianjin", city: "Tianjin", district: "Binhai"),
        Place(province: "Guangdong", city: "Shenzhen", district: "Luohu"),
    ]

    /// Production districts where counterfeit rings make and store goods.
    static let productionPlaces: [Place] = [
        Place(province: "Fujian", city: "Putian", district: "Licheng"), Place(province: "Fujian", city: "Putian", district: "Xiuyu"),
        Place(province: "Guangdong", city: "Guangzhou", district: "Baiyun"), Place(province: "Guangdong", city: "Dongguan", district: "Houjie"),
        Place(province: "Fujian", city: "Jinjiang", district: "Chendai"), Place(province: "Guangdong", city: "Shenzhen", district: "Luohu"),
    ]

    /// Carrier hubs that co-working shops hand their parcels to (a shared ship-from address).
    static let hubPlaces: [Place] = [
        Place(province: "Zhejiang", city: "Hangzhou", district: "Binjiang"), Place(province: "Guangdong", city: "Shenzhen", district: "Futian"),
        Place(province: "Shanghai", city: "Shanghai", district: "Jing'an"), Place(province: "Sichuan", city: "Chengdu", district: "Gaoxin"),
    ]

    /// First octets of the public IPv4 blocks the simulated shops and buyers use.
    static let ipFirstOctets = [36, 39, 42, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120,
                                121, 122, 123, 124, 125, 171, 175, 180, 182, 183, 202, 203, 210, 211, 218, 219, 220, 221, 222, 223]
}
