import Compass

// Documentation/GettingStarted.md: your own reporter.
struct PlainTextReporter: Reporter {
    static let format = ReportFormat(id: "text", fileExtension: "txt", mediaType: "text/plain")
    func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: .english)
        return report.entries.map { "\(style.display($0)) \($0.title[.english])" }.joined(separator: "\n")
    }
}
