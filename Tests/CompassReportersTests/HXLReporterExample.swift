// The example of Documentation/WritingAReporter.md, compiled and tested here.
// ExampleTests checks that the documentation shows this file's code unchanged.

// BEGIN EXAMPLE
import Compass

/// Writes one row per indicator, with the sex breakdown as columns, under HXL hashtags.
struct HXLReporter: Reporter {
    static let format = ReportFormat(id: "hxl", fileExtension: "csv", mediaType: "text/csv; charset=utf-8")
    var language: Language = .english

    func render(_ report: Report) throws -> String {
        var rows = [
            ["Indicator", "Title", "Start", "End", "Value", "Women", "Men", "Sex unknown"],
            [
                "#indicator+code", "#indicator+name", "#date+start", "#date+end", "#reached", "#reached+f",
                "#reached+m", "#reached+sex_unknown",
            ],
        ]
        for entry in report.entries {
            let bySex = entry.breakdowns.first { $0.dimension == .sex }
            func sex(_ code: String) -> String {
                guard let cell = bySex?[code] else { return "" }
                // A suppressed cell's value is 0 in the report, not its count: show the marker instead.
                return cell.protection?.isSuppressed == true ? CellProtection.marker : String(cell.value)
            }
            rows.append([
                CSV.guardFormula(entry.id.rawValue), CSV.guardFormula(entry.title[language]),
                report.dates.start.description, report.dates.end.description,
                entry.value.number.map(String.init) ?? "", sex("female"), sex("male"), sex("unknown"),
            ])
        }
        return rows.map { $0.map(CSV.quote).joined(separator: ",") + "\r\n" }.joined()
    }
}
// END EXAMPLE
