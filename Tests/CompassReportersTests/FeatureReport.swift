import Compass

/// A small catalogue that uses every feature reporters must show, evaluated on hand-made records.
///
/// Worked out by hand for 2022: four people were assisted (2 baseline, 6 target: 50 %
/// of the way). By country, Mali has m1, m2 and m4 and Niger m1 and m3: m1 was
/// assisted in both, so country × sex (Mali: 1 woman, 1 man, 1 unknown; Niger: 2
/// women) adds up to 5, one more than the total. The four services add up to 5
/// people (aid 2, care 1, return 1, reintegration 1), one person received two.
/// Three of four survey answers are satisfied: 75 %, three quarters of the way from
/// a 60 % baseline to an 80 % target.
enum FeatureReport {
    static let data = Dataset {
        Migrant("m1", sex: .female, birthYear: 1995, nationality: "MLI")
        Migrant("m2", sex: .male, birthYear: 1988, nationality: "MLI")
        Migrant("m3", sex: .female, birthYear: 2001, nationality: "NER")
        Migrant("m4")
        Assistance("a1", for: "m1", .humanitarianAid, on: "2022-02-01", in: "MLI")
        Assistance("a2", for: "m1", .comprehensiveAssistance, on: "2022-05-12", in: "NER")
        Assistance("a3", for: "m2", .humanitarianAid, on: "2022-07-30", in: "MLI")
        Assistance("a4", for: "m3", .voluntaryReturn, on: "2022-09-15", in: "NER")
        Assistance("a5", for: "m4", .reintegration, on: "2022-11-02", in: "MLI")
        SatisfactionResponse("s1", by: "m1", about: .protection, on: "2022-06-01", satisfied: true)
        SatisfactionResponse("s2", by: "m2", about: .protection, on: "2022-08-01", satisfied: true)
        SatisfactionResponse("s3", by: "m3", about: .protection, on: "2022-10-01", satisfied: false)
        SatisfactionResponse("s4", by: "m4", about: .protection, on: "2022-12-01", satisfied: true)
    }

    static func service(_ id: Indicator.ID, _ title: String, _ kinds: AssistanceKind..., target: Int? = nil)
        -> Indicator
    {
        Indicator(
            id: id, title: ["en": title, "fr": title], workArea: "protection",
            measure: .distinctPeople(.assistance, where: .kinds(Set(kinds))), target: target)
    }

    static let catalogue = Catalogue(
        programme: .compass,
        indicators: [
            Indicator(
                id: "assisted", title: ["en": "Migrants assisted", "fr": "Migrants assistés"], workArea: "protection",
                measure: .distinctPeople(.assistance), breakdowns: [.country], crossBreakdowns: [.country × .sex],
                baseline: 2, target: 6, parts: ["aid", "care", "return", "reintegration"]),
            service("aid", "Humanitarian aid", .humanitarianAid, target: 1_000),
            service("care", "Comprehensive assistance", .comprehensiveAssistance),
            service("return", "Return assistance", .preDeparture, .postArrival, .voluntaryReturn),
            service("reintegration", "Reintegration assistance", .reintegration),
            Indicator(
                id: "satisfied", title: ["en": "Satisfied with protection", "fr": "Satisfaits de la protection"],
                workArea: "protection",
                measure: .share(
                    .count(.surveys, where: .services(.protection) && .satisfied(true)),
                    of: .count(.surveys, where: .services(.protection))),
                baseline: 60, target: 80),
        ])

    static func report() throws -> Report {
        try Engine().report(catalogue, on: data, period: .year(2022), disclosure: .off)
    }
}
