public import Compass

extension Indicator {
    /// Girls (0–17) who received any assistance, each counted once, by country.
    public static let girlsAssisted = Indicator(
        id: "girls-assisted",
        title: ["en": "Girls assisted", "fr": "Filles assistées"],
        workArea: "protection",
        measure: .distinctPeople(.assistance),
        filter: .sex(.female) && .ageGroups(.child),
        breakdowns: [.country])
}

extension Catalogue {
    /// The COMPASS catalogue with the field office's own indicator added.
    public static let fieldOffice = Catalogue(
        programme: .compass, indicators: Catalogue.compass.indicators + [.girlsAssisted])
}

/// A text-message summary: one short line per figure, for colleagues in the field.
public struct TextMessageReporter: Reporter {
    /// The format: id `sms`, extension `txt`.
    public static let format = ReportFormat(id: "sms", fileExtension: "txt", mediaType: "text/plain; charset=utf-8")
    /// The language of the message.
    public var language: Language

    /// Creates a reporter writing in `language`.
    public init(language: Language = .english) { self.language = language }

    public func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: language)
        var lines = ["\(report.programme.name) \(style.period(report.period, dates: report.dates))"]
        for entry in report.entries {
            // One line per figure: control characters would break the message, so they become spaces.
            let title = String(String.UnicodeScalarView(entry.title[language].unicodeScalars.map {
                $0.properties.generalCategory == .control ? " " : $0
            }))
            lines.append("\(style.display(entry)) \(title)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
