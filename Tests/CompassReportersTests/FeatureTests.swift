import Compass
import CompassTesting
import Foundation
import Testing

/// Crossed breakdowns, overlap and progress in every built-in format, on the hand-made ``FeatureReport``.
@Suite struct FeatureTests {
    static let cases: [(String, Language)] = [
        ("markdown", .english), ("markdown", .french), ("csv", .english), ("csv", .french), ("json", .english),
        ("json", .french), ("html", .english), ("html", .french),
    ]

    func render(_ format: String, _ language: Language = .english) throws -> String {
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        return try reporter.render(FeatureReport.report())
    }

    @Test(arguments: cases)
    func featureReportMatchesItsGoldenFile(format: String, language: Language) throws {
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        let text = try reporter.render(FeatureReport.report())
        try expectGolden(text, named: "features.\(language.code).\(reporter.format.fileExtension)")
    }

    @Test func theReportHoldsTheFiguresWorkedOutByHand() throws {
        let entry = try #require(try FeatureReport.report()["assisted"])
        #expect(entry.value == .count(4))
        let crossed = try #require(entry.crossBreakdowns.first)
        #expect(
            crossed.cells.map { "\($0.first.code)|\($0.second.code)=\($0.value)" } == [
                "MLI|female=1", "MLI|male=1", "MLI|unknown=1", "NER|female=2",
            ])
        #expect(crossed.firstCategories.map(\.code) == ["MLI", "NER"])
        #expect(crossed.secondCategories.map(\.code) == ["female", "male", "unknown"])
        #expect(crossed.rowSum("MLI") == 3 && crossed.columnSum("female") == 3)
        #expect(!crossed.reconciles && crossed.overcount == 1)
        #expect(
            entry.overlap
                == Overlap(
                    parts: ["aid", "care", "return", "reintegration"], partValues: [2, 1, 1, 1], distinct: 4,
                    peopleInSeveralParts: 1))
        #expect(entry.progress == TargetProgress(baseline: 2, target: 6, achieved: Fraction(2, over: 4)))
    }

    @Test func markdownShowsTheCrossedTableAndTheProgressLine() throws {
        let markdown = try render("markdown")
        #expect(
            markdown.contains(
                """
                ### 4 — Migrants assisted

                Target: 6 (50% reached) · Baseline: 2

                """))
        #expect(
            markdown.contains(
                """
                | Country × Sex | Women | Men | Unknown | Total |
                | :-- | --: | --: | --: | --: |
                | Mali | 1 | 1 | 1 | 3 |
                | Niger | 2 | 0 | 0 | 2 |
                | **Total** | **3** | **1** | **1** | **4** |

                A person can be in more than one category, so the categories add up to more than the total.

                """))
        #expect(markdown.contains("3 of 4\n\nTarget: 80% (75% reached) · Baseline: 60%\n"))
        #expect(markdown.contains("Target: 1,000 (0% reached)\n"))
        let french = try render("markdown", .french)
        #expect(french.contains("Cible\u{00A0}: 6 (50\u{00A0}% atteint) · Valeur de référence\u{00A0}: 2\n"))
        #expect(french.contains("| Pays × Sexe | Femmes | Hommes | Inconnu | Total |"))
        #expect(french.contains("Cible\u{00A0}: 1\u{00A0}000 (0\u{00A0}% atteint)\n"))
    }

    @Test func csvWritesCrossedCellsWithTheSecondDimensionAndProgressOnTheTotalRow() throws {
        let csv = try render("csv")
        let period = "protection,2022-01-01,2022-12-31"
        #expect(csv.contains("\r\nassisted,Migrants assisted,\(period),total,,Total,4,,,,people,4,,,,2,6,50,2,4\r\n"))
        #expect(csv.contains("\r\nassisted,Migrants assisted,\(period),country,MLI,Mali,3,60,3,5,people,3,,,,,,,,\r\n"))
        #expect(
            csv.contains(
                "\r\nassisted,Migrants assisted,\(period),country,MLI,Mali,1,20,1,5,people,1,sex,unknown,Unknown,,,,,\r\n"
            ))
        #expect(
            csv.contains(
                "\r\nassisted,Migrants assisted,\(period),country,NER,Niger,2,40,2,5,people,2,sex,female,Women,,,,,\r\n"
            ))
        #expect(csv.contains("\r\naid,Humanitarian aid,\(period),total,,Total,2,,,,people,2,,,,,1000,0,2,1000\r\n"))
        #expect(
            csv.contains(
                "\r\nsatisfied,Satisfied with protection,\(period),total,,Total,75,75,3,4,percent,75%,,,,60,80,75,60,80\r\n"
            ))
        #expect(csv.components(separatedBy: "\r\n").filter { $0.contains(",sex,") }.count == 4)
    }

    @Test func jsonStatesCrossedBreakdownsOverlapAndProgress() throws {
        let json = try render("json")
        #expect(
            json.contains(
                """
                "values": {
                  "MLI": {
                    "female": 1,
                    "male": 1,
                    "unknown": 1
                  },
                  "NER": {
                    "female": 2
                  }
                }
                """.replacingOccurrences(of: "\n", with: "\n          ")))
        #expect(json.contains("\"dimensions\": [\n            \"country\",\n            \"sex\"\n          ],"))
        #expect(json.contains("\"cell_sum\": 5,") && json.contains("\"reconciles\": false,"))
        #expect(
            json.contains(
                """
                      "overlap": {
                        "distinct": 4,
                        "double_counted": 1,
                """))
        #expect(json.contains("\"people_in_several_parts\": 1,\n        \"sum_of_parts\": 5\n"))
        #expect(
            json.contains(
                """
                      "progress": {
                        "baseline": 2,
                        "denominator": 4,
                        "display": "Target: 6 (50% reached) · Baseline: 2",
                        "numerator": 2,
                        "percent": 50,
                        "target": 6
                      },
                """))
        #expect(json.contains("\"baseline\": null,\n        \"denominator\": 1000,"))
        // Indicators without them have no such members.
        #expect(json.components(separatedBy: "\"progress\": {").count == 4)
        #expect(json.components(separatedBy: "\"cross_breakdowns\": [").count == 2)
        #expect(json.components(separatedBy: "\"overlap\": {").count == 2)
    }

    @Test func htmlShowsAnAccessibleCrossedTableAndAMeter() throws {
        let html = try render("html")
        #expect(
            html.contains(
                """
                <p class="progress"><label for="area-1-figure-1-progress">Target: 6 (50% reached) · Baseline: 2</label> <meter id="area-1-figure-1-progress" min="0" max="100" value="50">50%</meter></p>
                """))
        #expect(html.contains("<caption>Breakdown by country × sex</caption>"))
        #expect(
            html.contains(
                """
                <thead><tr><th scope="col">Country × Sex</th><th scope="col" class="number">Women</th><th scope="col" class="number">Men</th><th scope="col" class="number">Unknown</th><th scope="col" class="number">Total</th></tr></thead>
                """))
        #expect(
            html.contains(
                """
                <tr><th scope="row">Niger</th><td class="number">2</td><td class="number">0</td><td class="number">0</td><td class="number">2</td></tr>
                """))
        #expect(
            html.contains(
                """
                <tfoot><tr><th scope="row">Total</th><td class="number">3</td><td class="number">1</td><td class="number">1</td><td class="number">4</td></tr></tfoot>
                  </table>
                  <p class="note">A person can be in more than one category, so the categories add up to more than the total.</p>
                """.replacingOccurrences(of: "\n", with: "\n          ")))
        #expect(
            html.contains(
                "<p class=\"progress\"><label for=\"area-1-figure-6-progress\">Target: 80% (75% reached) · Baseline: 60%</label>"
            ))
        #expect(html.contains("\ncaption { text-align: left;"))
    }

    @Test func theFactSheetHasNoFeatureStyleSheetAsItHasNoCrossedBreakdownOrTarget() throws {
        let report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        let html = try HTMLReporter().render(report)
        #expect(!html.contains("\ncaption {") && !html.contains("<meter") && !html.contains("class=\"crossed\""))
    }

    @Test func crossedCategoryLabelsAreEscapedInEveryFormat() throws {
        var report = try FeatureReport.report()
        let hostile: LocalizedText = ["en": "<b>|=cmd|\"x\"</b>", "fr": "<b>|=cmd|\"x\"</b>"]
        var entry = try #require(report.sections.first?.entries.first)
        entry.crossBreakdowns[0].cells[0].first.label = hostile
        entry.crossBreakdowns[0].cells[1].first.label = hostile
        entry.crossBreakdowns[0].cells[2].first.label = hostile
        report.sections[0].entries[0] = entry
        let markdown = try MarkdownReporter().render(report)
        #expect(markdown.contains("| \\<b\\>\\|=cmd\\|\"x\"\\</b\\> | 1 | 1 | 1 | 3 |"))
        let html = try HTMLReporter().render(report)
        #expect(html.contains("<tr><th scope=\"row\">&lt;b&gt;|=cmd|&quot;x&quot;&lt;/b&gt;</th>"))
        let csv = try CSVReporter().render(report)
        #expect(csv.contains(",country,MLI,\"<b>|=cmd|\"\"x\"\"</b>\",1,20,1,5,people,1,sex,female,Women,"))
        let json = try JSONReporter().render(report)
        #expect(json.contains("\"label\": \"<b>|=cmd|\\\"x\\\"</b>\""))
    }

    @Test func everyBuiltInReporterStillPassesCheckReporter() throws {
        try checkReporter(MarkdownReporter())
        try checkReporter(CSVReporter())
        try checkReporter(JSONReporter())
        try checkReporter(HTMLReporter(language: .french))
    }

    @Test func columnsMergeTheOrderOfEveryRow() {
        func category(_ dimension: BreakdownDimension, _ code: String) -> Category {
            Category(dimension: dimension, code: code, label: LocalizedText(stringLiteral: code))
        }
        func cell(_ first: String, _ second: String) -> CrossCell {
            CrossCell(
                first: category(.country, first), second: category(.sex, second), value: 1,
                fraction: Fraction(1, over: 4), percent: 25)
        }
        // Mali has only men; Niger, seen later, shows that women come before men.
        let crossed = CrossBreakdown(
            dimensions: .country × .sex,
            cells: [cell("MLI", "male"), cell("NER", "female"), cell("NER", "male"), cell("TCD", "unknown")], total: 4)
        #expect(crossed.firstCategories.map(\.code) == ["MLI", "NER", "TCD"])
        #expect(crossed.secondCategories.map(\.code) == ["female", "male", "unknown"])
        #expect(crossed.rowSum("NER") == 2 && crossed.columnSum("male") == 2 && crossed.rowSum("BFA") == 0)
        #expect(CrossBreakdown(dimensions: .country × .sex, cells: [], total: 0).secondCategories.isEmpty)
    }

    @Test func progressBeyondTheTargetShowsItsPercentAndAFullMeter() throws {
        var report = try FeatureReport.report()
        report.sections[0].entries[0].progress = TargetProgress(
            baseline: nil, target: 2, achieved: Fraction(4, over: 2))
        let html = try HTMLReporter().render(report)
        #expect(
            html.contains(
                "<label for=\"area-1-figure-1-progress\">Target: 2 (200% reached)</label> <meter id=\"area-1-figure-1-progress\" min=\"0\" max=\"100\" value=\"100\">200%</meter>"
            ))
        report.sections[0].entries[0].progress = TargetProgress(
            baseline: 10, target: 20, achieved: Fraction(-6, over: 10))
        let below = try HTMLReporter(language: .french).render(report)
        #expect(
            below.contains(
                "Cible\u{00A0}: 20 (-60\u{00A0}% atteint) · Valeur de référence\u{00A0}: 10</label> <meter id=\"area-1-figure-1-progress\" min=\"0\" max=\"100\" value=\"0\">-60\u{00A0}%</meter>"
            ))
        let csv = try CSVReporter().render(report)
        #expect(csv.contains(",total,,Total,4,,,,people,4,,,,10,20,-60,-6,10\r\n"))
    }
}
