import Compass
import CompassTesting
import Testing

/// Every built-in reporter, in both languages, against the hostile report.
@Suite struct HostileLabelTests {
    static let reporters: [any Reporter] = [
        MarkdownReporter(), MarkdownReporter(language: .french), CSVReporter(), CSVReporter(language: .french),
        CSVReporter(hxl: true), JSONReporter(), JSONReporter(language: .french), HTMLReporter(),
        HTMLReporter(language: .french),
    ]

    @Test(arguments: reporters.indices)
    func builtInReporterPassesTheConformanceCheck(index: Int) throws {
        try checkReporter(Self.reporters[index])
    }

    @Test func htmlEscapesEveryHostileTextAndHasNoMarkupFromData() throws {
        let html = try HTMLReporter().render(HostileReport.report())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<h1>&"))
        #expect(!html.contains("<!--"))
        #expect(html.contains("<h1>Hostile &lt;b&gt;&amp;amp;&lt;/b&gt; &quot;programme&quot;: 2022 in numbers</h1>"))
        #expect(html.contains("<h3 id=\"area-1-figure-1\" dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</h3>"))
        #expect(
            html.contains("<h3 id=\"area-2-figure-1\" dir=\"auto\">&quot;quotes&quot; &amp; &#39;apostrophes&#39;</h3>")
        )
        #expect(html.contains("<th scope=\"row\">Platform &lt;img src=x onerror=alert(1)&gt; | one</th>"))
        #expect(html.ranges(of: "<h1").count == 1)
        #expect(html.contains("Cafe\u{301} e\u{301}le\u{300}ve"))
        #expect(html.contains("مهاجرون (migrants) — right to left"))
    }

    @Test func htmlEscapesAttributeAndTextCharacters() {
        #expect(HTML.escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(HTML.escape("tab\tline\ncr\r") == "tab\tline\ncr\r")
        #expect(
            HTML.escape("nul\u{0}bell\u{7}del\u{7F}c1\u{85}non\u{FFFE}")
                == "nul\u{FFFD}bell\u{FFFD}del\u{FFFD}c1\u{FFFD}non\u{FFFD}")
        #expect(HTML.escape("مهاجرون e\u{301}") == "مهاجرون e\u{301}")
    }

    @Test func csvQuotesDelimitersAndGuardsFormulas() throws {
        let csv = try CSVReporter().render(HostileReport.report())
        #expect(csv.contains("\r\ncrlf,\"carriage\r\nreturn\",second,"))
        #expect(csv.contains("\r\nline-feed,\"line\nbreak\",main,"))
        #expect(csv.contains("\r\nformula,'=cmd|' /C calc'!A0,second,"))
        #expect(csv.contains("\r\nat-sign,'@SUM(A1:A9),second,"))
        #expect(csv.contains("\r\nplus,'+1+1,main,"))
        #expect(csv.contains("\r\nminus,'-1-1,second,"))
        #expect(csv.contains("\r\ntab,'\tleading tab,main,"))
        #expect(csv.contains("\r\nquotes,\"\"\"quotes\"\" & 'apostrophes'\",second,"))
        #expect(csv.contains("\r\n\"id,with \"\"quotes\"\"\",\"1. not a list, 2) nor this\",main,"))
        #expect(
            csv.contains(
                ",platform,\"evil,\"\"platform\"\"\",Platform <img src=x onerror=alert(1)> | one,120,77,120,155,visitors,120,,,,,,,,\r\n"
            ))
        #expect(csv.contains(",platform,plain,\"'-Platform, two\r\nlines\",35,23,35,155,visitors,35,,,,,,,,\r\n"))
    }

    @Test func csvFormulaGuardCanBeTurnedOff() throws {
        let csv = try CSVReporter(formulaGuard: false).render(HostileReport.report())
        #expect(csv.contains("\r\nformula,=cmd|' /C calc'!A0,second,"))
        #expect(csv.contains("\r\nminus,-1-1,second,"))
        #expect(!csv.contains(",'"))
    }

    @Test func jsonEscapesControlCharactersAndNotSlashes() throws {
        let json = try JSONReporter().render(HostileReport.report())
        #expect(json.contains("\"title\": \"carriage\\r\\nreturn\""))
        #expect(json.contains("\"title\": \"\\tleading tab\""))
        #expect(json.contains("\"title\": \"<script>alert(1)</script>\""))
        #expect(
            json.contains(
                "\"title\": \"*stars* _under_ [link](http://example.org) `code` # ~tilde~ !bang \\\\ back\\\\slash\""))
        #expect(json.contains("\"id\": \"id,with \\\"quotes\\\"\""))
        #expect(!json.contains("\\/"))
    }

    @Test func markdownKeepsHostileTitlesInsideTheirLines() throws {
        let markdown = try MarkdownReporter().render(HostileReport.report())
        #expect(markdown.contains("\n### 67% — a \\| pipe\n"))
        #expect(markdown.contains("\n### 3 — carriage  return\n"))
        #expect(markdown.contains("\n### 14 — \\<script\\>alert(1)\\</script\\>\n"))
        #expect(markdown.contains("\n| Platform \\<img src=x onerror=alert(1)\\> \\| one | 120 | 77% |\n"))
    }
}
