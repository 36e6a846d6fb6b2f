import Compass
import CompassMarkdown
import Testing

/// Crossed breakdowns and progress in Markdown, on the hand-made ``FeatureReport``.
@Suite struct MarkdownFeatureTests {
    @Test func theCrossedBreakdownIsOneTableWithTotalsAndANoteWhenItDoesNotReconcile() throws {
        let markdown = try MarkdownReporter().render(FeatureReport.report())
        #expect(
            markdown.contains(
                """
                | Country × Sex | Women | Men | Unknown | Total |
                | :-- | --: | --: | --: | --: |
                | Mali | 1 | 1 | 1 | 3 |
                | Niger | 2 | 0 | 0 | 2 |
                | **Total** | **3** | **1** | **1** | **4** |

                A person can be in more than one category, so the categories add up to more than the total.

                *The 4 services add up to 5 people; 4 distinct people were counted, as 1 received more than one and is counted once.*
                """))
    }

    @Test func progressIsALineUnderTheFigureInEnglishAndFrench() throws {
        let report = try FeatureReport.report()
        let english = try MarkdownReporter().render(report)
        #expect(
            english.contains(
                "### 4 — Migrants assisted\n\nTarget: 6 (50% reached) · Baseline: 2\n\n| Country | People | Share |"))
        #expect(
            english.contains(
                "### 75% — Satisfied with protection\n\n3 of 4\n\nTarget: 80% (75% reached) · Baseline: 60%\n"))
        let french = try MarkdownReporter(language: .french).render(report)
        #expect(
            french.contains(
                "### 4 — Migrants assistés\n\nCible\u{00A0}: 6 (50\u{00A0}% atteint) · Valeur de référence\u{00A0}: 2\n"
            ))
        #expect(
            french.contains(
                "Cible\u{00A0}: 80\u{00A0}% (75\u{00A0}% atteint) · Valeur de référence\u{00A0}: 60\u{00A0}%\n"))
        #expect(
            french.contains(
                "| Pays × Sexe | Femmes | Hommes | Inconnu | Total |\n| :-- | --: | --: | --: | --: |\n| Mali | 1 | 1 | 1 | 3 |"
            ))
    }

    @Test func aReconcilingCrossedBreakdownHasNoNoteAndAnEmptyOneNoTable() throws {
        var report = try FeatureReport.report()
        var entry = try #require(report.sections.first?.entries.first)
        let women: LocalizedText = ["en": "Women", "fr": "Femmes"]
        let mali = Category(dimension: .country, code: "MLI", label: ["en": "Mali", "fr": "Mali"])
        entry.breakdowns = []
        entry.notes = []
        entry.overlap = nil
        entry.progress = nil
        entry.crossBreakdowns = [
            CrossBreakdown(
                dimensions: .country × .sex,
                cells: [
                    CrossCell(
                        first: mali, second: Category(dimension: .sex, code: "female", label: women), value: 4,
                        fraction: Fraction(4, over: 4), percent: 100)
                ], total: 4),
            CrossBreakdown(dimensions: .sex × .ageGroup, cells: [], total: 4),
        ]
        report.sections[0].entries[0] = entry
        let markdown = try MarkdownReporter().render(report)
        #expect(
            markdown.contains(
                "### 4 — Migrants assisted\n\n| Country × Sex | Women | Total |\n| :-- | --: | --: |\n| Mali | 4 | 4 |\n| **Total** | **4** | **4** |\n\n### 2 — Humanitarian aid"
            ))
        #expect(!markdown.contains("Sex × Age group"))
    }
}
