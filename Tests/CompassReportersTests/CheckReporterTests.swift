import Compass
import CompassTesting
import Synchronization
import Testing

/// `checkReporter` itself: each broken reporter below breaks one rule, and the check says which.
@Suite struct CheckReporterTests {
    /// Runs the check and expects issues: each must contain one of `messages`, and each message must be seen.
    func expectIssues(
        _ reporter: some Reporter, _ messages: [String], sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let seen = Seen()
        try withKnownIssue(sourceLocation: sourceLocation) {
            try checkReporter(reporter)
        } matching: { issue in
            let found = messages.filter { message in issue.comments.contains { $0.rawValue.contains(message) } }
            seen.insert(found)
            return !found.isEmpty
        }
        #expect(seen.messages == Set(messages), sourceLocation: sourceLocation)
    }

    /// The messages matched so far.
    final class Seen: Sendable {
        private let storage = Mutex(Set<String>())
        func insert(_ messages: [String]) { storage.withLock { $0.formUnion(messages) } }
        var messages: Set<String> { storage.withLock { $0 } }
    }

    struct Empty: Reporter {
        static let format = ReportFormat(id: "empty", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String { " \n" }
    }

    struct Random: Reporter {
        static let format = ReportFormat(id: "random", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String {
            report.entries.map { $0.title[.english] }.joined(separator: "\n") + "\n\(UInt64.random(in: .min ... .max))"
        }
    }

    struct ValuesOnly: Reporter {
        static let format = ReportFormat(id: "values", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String { report.entries.map { "\($0.value)" }.joined(separator: "\n") }
    }

    struct RawHTML: Reporter {
        static let format = ReportFormat(id: "raw-html", fileExtension: "html", mediaType: "text/html")
        func render(_ report: Report) throws -> String {
            report.entries.map { "<h2>\($0.title[.english])</h2>" }.joined(separator: "\n")
        }
    }

    struct NaiveCSV: Reporter {
        static let format = ReportFormat(id: "naive-csv", fileExtension: "csv", mediaType: "text/csv")
        func render(_ report: Report) throws -> String {
            "id,title\r\n" + report.entries.map { "\($0.id),\($0.title[.english])\r\n" }.joined()
        }
    }

    struct UnguardedCSV: Reporter {
        static let format = ReportFormat(id: "unguarded-csv", fileExtension: "csv", mediaType: "text/csv")
        func render(_ report: Report) throws -> String {
            "title\r\n" + report.entries.map { CSV.quote($0.title[.english]) + "\r\n" }.joined()
        }
    }

    struct NaiveJSON: Reporter {
        static let format = ReportFormat(id: "naive-json", fileExtension: "json", mediaType: "application/json")
        func render(_ report: Report) throws -> String {
            "[" + report.entries.map { "\"\($0.title[.english])\"" }.joined(separator: ",") + "]"
        }
    }

    struct NaiveMarkdown: Reporter {
        static let format = ReportFormat(id: "naive-markdown", fileExtension: "md", mediaType: "text/markdown")
        func render(_ report: Report) throws -> String {
            "| Title | Value |\n| --- | --- |\n"
                + report.entries.map { "| \($0.title[.english]) | \($0.value.number ?? 0) |\n" }.joined()
        }
    }

    @Test func emptyOutputIsReported() throws {
        try expectIssues(Empty(), ["the output is empty"])
    }

    @Test func nondeterministicOutputIsReported() throws {
        try expectIssues(Random(), ["two renders of the same report differ", "two renders of equal reports differ"])
    }

    @Test func missingTitlesAreReported() throws {
        try expectIssues(ValuesOnly(), ["does not appear, intact or escaped"])
    }

    @Test func unescapedHTMLIsReported() throws {
        try expectIssues(
            RawHTML(),
            [
                "the title \"<script>alert(1)</script>\" appears unescaped",
                "the title \"</td></tr></table><!-- comment\" appears unescaped",
            ])
    }

    @Test func unquotedCSVIsReported() throws {
        try expectIssues(NaiveCSV(), ["the output is not valid CSV: line 10: a quote inside an unquoted field"])
    }

    @Test func formulaInjectionIsReported() throws {
        try expectIssues(UnguardedCSV(), ["would run as a spreadsheet formula"])
    }

    @Test func invalidJSONIsReported() throws {
        try expectIssues(NaiveJSON(), ["the output is not valid JSON"])
    }

    @Test func unescapedMarkdownIsReported() throws {
        try expectIssues(NaiveMarkdown(), ["raw markup in the line", "cell borders, the header", "does not appear"])
    }

    /// One figure per line: line breaks and tabs in titles become spaces (Documentation/WritingAReporter.md).
    struct OneLinePerFigure: Reporter {
        static let format = ReportFormat(id: "lines", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String {
            report.entries.map { "\($0.id)\t\(flattened($0.title[.english]))\n" }.joined()
        }
    }

    /// Every title, then every breakdown cell as `code value`, the value printed as it is in the report.
    struct EveryCellValue: Reporter {
        static let format = ReportFormat(id: "cell-values", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String {
            report.entries.map { entry in
                "\(entry.title[.english])\n"
                    + entry.breakdowns.flatMap(\.cells).map { "\($0.category.code) \($0.value)\n" }.joined()
            }.joined()
        }
    }

    /// The same, with each cell as `FigureFormat.cell(_:_:)` shows it: `–` for a suppressed cell.
    struct EveryCellShown: Reporter {
        static let format = ReportFormat(id: "cells-shown", fileExtension: "txt", mediaType: "text/plain")
        func render(_ report: Report) throws -> String {
            let style = FigureFormat(language: .english)
            return report.entries.map { entry in
                "\(entry.title[.english])\n"
                    + entry.breakdowns.flatMap(\.cells).map {
                        "\($0.category.code) \(style.cell($0.value, $0.protection))\n"
                    }
                    .joined()
            }.joined()
        }
    }

    @Test func theHostileReportHasSuppressedAndPublishedCells() throws {
        let report = try HostileReport.report()
        #expect(report.disclosure?.control == .k5)
        let script = try #require(report["script"])
        let shown = script.breakdowns.map { breakdown in
            breakdown.cells.map { "\($0.category.code) \($0.value) \($0.protection?.code ?? "published")" }
        }
        #expect(
            shown == [
                ["female 11 published", "male 0 suppressed-primary", "unknown 0 suppressed-primary"],
                ["MLI 0 suppressed-secondary", "NER 0 suppressed-primary"],
            ])
        let platforms = try #require(report["formula"]?.breakdowns.first)
        #expect(platforms.cells.map(\.value) == [120, 35])
        #expect(platforms.cells.allSatisfy { $0.protection == nil })
    }

    @Test func aSuppressedCellPrintedAsANumberIsReported() throws {
        try expectIssues(EveryCellValue(), ["a suppressed cell shows a number: its value in the report is 0"])
    }

    @Test func aSuppressedCellShownAsTheMarkerPasses() throws {
        try checkReporter(EveryCellShown())
        // Its published cells, the 11 women and the platforms' visitors, are numbers as counted.
        let output = try EveryCellShown().render(HostileReport.report())
        #expect(output.contains("\nfemale 11\nmale –\nunknown –\nMLI –\nNER –\n"))
        #expect(output.contains("\nevil,\"platform\" 120\nplain 35\n"))
    }

    @Test func aClosureDecidesForFormatsTheCheckDoesNotKnow() throws {
        try checkReporter(OneLinePerFigure()) { title, output in output.contains(flattened(title)) }
        try withKnownIssue {
            try checkReporter(OneLinePerFigure()) { title, output in output.contains(title) }
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("the title \"line\\nbreak\" does not appear") }
                || issue.comments.contains {
                    $0.rawValue.contains("the title \"carriage\\r\\nreturn\" does not appear")
                }
                || issue.comments.contains { $0.rawValue.contains("the title \"\\tleading tab\" does not appear") }
        }
    }
}

/// The text with each line feed, carriage return and tab replaced by a space.
func flattened(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { ["\n", "\r", "\t"].contains($0) ? " " : $0 }))
}
