import Compass
import CompassMarkdown
import Testing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Compares `text` with the golden file `name` beside this test; records it when COMPASS_RECORD_GOLDEN=1.
func expectGolden(
    _ text: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["COMPASS_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return
    }
    let golden = try String(decoding: Data(contentsOf: url), as: UTF8.self)
    if golden != text {
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(expected, actual)).firstIndex { $0 != $1 } ?? min(expected.count, actual.count)
        let want = line < expected.count ? String(expected[line]) : "<end of file>"
        let got = line < actual.count ? String(actual[line]) : "<end of file>"
        Issue.record(
            "\(name) differs at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(re-record with COMPASS_RECORD_GOLDEN=1)",
            sourceLocation: sourceLocation)
    }
}

@Suite struct MarkdownFactSheetTests {
    let report: Report

    init() throws { report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022)) }

    @Test func englishFactSheetMatchesItsGoldenFile() throws {
        try expectGolden(try MarkdownReporter().render(report), named: "factsheet-2022.en.md")
    }

    @Test func frenchFactSheetMatchesItsGoldenFile() throws {
        try expectGolden(try MarkdownReporter(language: .french).render(report), named: "factsheet-2022.fr.md")
    }

    @Test func frenchUsesFrenchLabelsAndNoBreakSpaces() throws {
        let markdown = try MarkdownReporter(language: .french).render(report)
        #expect(markdown.contains("### 41\u{00A0}562 — Migrants ayant bénéficié d'une assistance"))
        #expect(markdown.contains("| Femmes | 19\u{00A0}950 | 48\u{00A0}% |"))
        #expect(markdown.contains("### 86\u{00A0}% — "))
        #expect(markdown.contains("### \\>\u{00A0}170\u{00A0}000 — "))
        #expect(markdown.contains("## Réintégration durable"))
    }

    @Test func everyHeadlineFigureIsOnThePage() throws {
        let markdown = try MarkdownReporter().render(report)
        for figure in [
            "41,562", "21,818", "16,034", "86%", "446", "2,820", "980", "57", "2,088", "1,585", "15,572", "15,040",
            "\\> 170,000",
        ] {
            #expect(markdown.contains("### \(figure) — "), "\(figure)")
        }
        for share in ["| 48% |", "| 47% |", "| 5% |", "| 54% |", "| 46% |", "| 34% |", "| 66% |"] {
            #expect(markdown.contains(share), "\(share)")
        }
    }

    @Test func renderingIsDeterministic() throws {
        let again = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        #expect(try MarkdownReporter().render(report) == MarkdownReporter().render(again))
    }
}

@Suite struct MarkdownEscapeTests {
    @Test(arguments: [
        ("a | b", "a \\| b"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("line\nbreak\r\nagain", "line break  again"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("# not a heading", "\\# not a heading"),
        ("AT&T", "AT\\&T"),
        ("=cmd|' /C calc'!A0", "\\=cmd\\|' /C calc'\\!A0"),
        ("Migrants d'Afrique", "Migrants d'Afrique"),
        ("مهاجرون", "مهاجرون"),
        ("e\u{301}", "e\u{301}"),
    ])
    func markupIsEscaped(_ text: String, _ escaped: String) {
        #expect(Markdown.escape(text) == escaped)
    }
}
