import CompassCommandLine

var registry = ReporterRegistry.builtIn
registry.register(PlainTextReporter().format) { _ in PlainTextReporter() }
CompassCommand(registry: registry).main()

struct PlainTextReporter: Reporter {
    static let format = ReportFormat(id: "text", fileExtension: "txt", mediaType: "text/plain")
    func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: .english)
        return report.entries.map { "\(style.display($0)) \($0.title[.english])" }.joined(separator: "\n")
    }
}
