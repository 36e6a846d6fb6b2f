import Compass
import CompassTesting
import Testing

// Documentation/WritingAReporter.md: checking a format checkReporter does not know.

/// One figure per line: line breaks and tabs in titles become spaces.
struct OneLinePerFigure: Reporter {
    static let format = ReportFormat(id: "lines", fileExtension: "txt", mediaType: "text/plain")
    func render(_ report: Report) throws -> String {
        report.entries.map { "\($0.id)\t\(flattened($0.title[.english]))\n" }.joined()
    }
}

/// The text with each line feed, carriage return and tab replaced by a space.
func flattened(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { ["\n", "\r", "\t"].contains($0) ? " " : $0 }))
}

@Test func aPlainTextReporterObeysTheContract() throws {
try checkReporter(OneLinePerFigure()) { title, output in output.contains(flattened(title)) }
}
