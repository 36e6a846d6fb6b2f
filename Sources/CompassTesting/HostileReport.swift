public import CompassCore
import CompassEngine

/// A report whose every text is hostile: markup, quotes, delimiters, formulas, line breaks, bidirectional text.
///
/// Reporters must survive text like this, since catalogues and datasets are written
/// by people and tools outside the reporter's control. ``checkReporter(_:labelSurvives:sourceLocation:)``
/// renders this report; you can render it yourself too.
///
/// ```swift
/// let report = try HostileReport.report()
/// let html = try HTMLReporter().render(report)
/// ```
public enum HostileReport {
    /// The indicator titles, one per indicator of ``catalogue``, each a kind of trouble.
    ///
    /// Every reporter must show each of them, intact or escaped as its format requires.
    public static let titles: [String] = [
        "<script>alert(1)</script>",
        "\"quotes\" & 'apostrophes'",
        "a | pipe",
        "=cmd|' /C calc'!A0",
        "line\nbreak",
        "carriage\r\nreturn",
        "مهاجرون (migrants) — right to left",
        "Cafe\u{301} e\u{301}le\u{300}ve",
        "*stars* _under_ [link](http://example.org) `code` # ~tilde~ !bang \\ back\\slash",
        "@SUM(A1:A9)",
        "+1+1",
        "-1-1",
        "\tleading tab",
        "</td></tr></table><!-- comment",
        "1. not a list, 2) nor this",
    ]

    /// The ids of the indicators, in the order of ``titles``; one holds a comma and quotes.
    public static let ids: [Indicator.ID] = [
        "script", "quotes", "pipe", "formula", "line-feed", "crlf", "right-to-left", "combining", "markup",
        "at-sign", "plus", "minus", "tab", "closing-tags", "id,with \"quotes\"",
    ]

    /// A programme whose name, work areas, partners and platforms are hostile too.
    public static let programme = Programme(
        name: "Hostile <b>&amp;</b> \"programme\"",
        fullName: "Full name with <i>tags</i>, 'quotes' | pipes and\na line break",
        partners: ["Partner <one> & \"two\"", "=HYPERLINK(\"http://example.org\")"],
        period: DateRange("2022-01-01", "2022-12-31")!,
        budget: Money(major: 1_234_567, currency: "EUR"),
        partnerCountries: ["MLI", "NER"],
        managementSite: "Site <em>&</em> 'elsewhere'",
        workAreas: [
            WorkArea(id: "main", title: "Work area <h1>&</h1> | \"one\""),
            WorkArea(id: "second", title: "=Second | area"),
        ],
        platforms: [
            Platform(id: "evil,\"platform\"", name: "Platform <img src=x onerror=alert(1)> | one"),
            Platform(id: "plain", name: "-Platform, two\r\nlines"),
        ])

    /// The catalogue: one indicator per title, with breakdowns by sex, country and platform.
    public static var catalogue: Catalogue {
        let measures: [Measure] = [
            .distinctPeople(.assistance), .count(.assistance),
            .share(.count(.surveys, where: .satisfied(true)), of: .count(.surveys)),
            .sum(.visitors), .count(.surveys), .distinctPeople(.surveys),
            .distinctPeople(.assistance, where: .kinds(.humanitarianAid)),
        ]
        let breakdowns: [[BreakdownDimension]] = [[.sex, .country], [], [], [.platform]]
        var indicators: [Indicator] = []
        for (index, title) in titles.enumerated() {
            let measure = measures[index % measures.count]
            let dimensions = index < breakdowns.count ? breakdowns[index] : []
            indicators.append(
                Indicator(
                    id: ids[index], title: LocalizedText(stringLiteral: title),
                    workArea: index % 2 == 0 ? "main" : "second", measure: measure, breakdowns: dimensions,
                    presentation: measure == .sum(.visitors) ? .lowerBound(step: 10) : .exact,
                    note: index == 0 ? "Note <u>with</u> | markup & \"quotes\"\nand a line break" : nil))
        }
        return Catalogue(programme: programme, indicators: indicators)
    }

    /// A small dataset: thirteen people assisted in two countries, survey answers, platform visits.
    ///
    /// Eleven of the people are women, so that the report's breakdowns by sex and by country
    /// publish some cells and suppress others.
    public static var dataset: Dataset {
        var data = Dataset {
            Migrant("m1", sex: .female, birthYear: 1990, nationality: "MLI")
            Migrant("m2", sex: .male, birthYear: 2010, nationality: "NER")
            Migrant("m3", sex: .unknown)
            Assistance("a1", for: "m1", .humanitarianAid, on: "2022-02-01", in: "MLI")
            Assistance("a2", for: "m1", .comprehensiveAssistance, on: "2022-03-01", in: "NER")
            Assistance("a3", for: "m2", .humanitarianAid, on: "2022-04-01", in: "NER")
            Assistance("a4", for: "m3", .voluntaryReturn, on: "2022-05-01", in: "MLI")
            for number in 4...13 {
                Migrant(Migrant.ID("m\(number)"), sex: .female, birthYear: 1985, nationality: "MLI")
                Assistance(
                    Assistance.ID("a\(number + 1)"), for: Migrant.ID("m\(number)"), .humanitarianAid, on: "2022-07-01",
                    in: "MLI")
            }
            Migrant("m14", sex: .male, birthYear: 1980, nationality: "NER")
            Assistance("a15", for: "m14", .humanitarianAid, on: "2022-08-01", in: "NER")
            SatisfactionResponse("s1", by: "m1", about: .protection, on: "2022-06-01", satisfied: true)
            SatisfactionResponse("s2", by: "m2", about: .protection, on: "2022-06-02", satisfied: true)
            SatisfactionResponse("s3", by: "m3", about: .protection, on: "2022-06-03", satisfied: false)
            PlatformVisits("evil,\"platform\"", year: 2022, month: 1, visitors: 120)
            PlatformVisits("plain", year: 2022, month: 2, visitors: 35)
        }
        data.description = "Hostile data description <script>x</script> & \"quotes\" | =1+1"
        return data
    }

    /// The report of ``catalogue`` on ``dataset`` for 2022, with one hostile finding added.
    ///
    /// Disclosure control is the standard one, as in a published report: the first indicator's
    /// breakdowns by sex and by country have suppressed cells, whose value in the report is 0,
    /// beside published ones; every hostile platform name still reaches the reporters in a
    /// published cell.
    ///
    /// - Throws: `EvaluationError` if the catalogue cannot be evaluated, which would be a defect of this type.
    public static func report() throws -> Report {
        var report = try Engine().report(catalogue, on: dataset, period: .year(2022), disclosure: .k5)
        report.findings.append(
            Finding(
                .warning, rule: "hostile-finding",
                message: "A finding with <b>markup</b>, | pipes, \"quotes\"\nand =1+1",
                indicator: ids[0], record: "assistance a1,\"x\""))
        return report
    }
}
