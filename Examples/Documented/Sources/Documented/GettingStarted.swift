import Compass

// Documentation/GettingStarted.md

func readingStraightIntoColumns() throws {
// A large dataset is read straight into columns, with no Dataset of records in between.
let prepared = try PreparedDataset(contentsOf: "Data", programme: Programme.compass)
// Prepared once, evaluated for as many periods (or catalogues of the programme) as needed.
for year in 2021...2022 {
    let evaluation = try Engine().evaluate(.compass, on: prepared, period: .year(year))
    print(year, evaluation["migrants-assisted"]?.value ?? .count(0))
}
}

func evaluatingOneIndicator() throws {
let girls = Indicator(id: "girls-assisted", title: ["en": "Girls assisted"],
    measure: .distinctPeople(.assistance), filter: .sex(.female) && .ageGroups(.child))
let dataset = Dataset.compassSample2022()
// A year, a quarter, a month or a range of days names its own days.
print(try Engine().evaluate(girls, on: dataset, period: .year(2022)).value)  // count(4002)
// `.programme` is a programme's whole period: say which programme.
print(try Engine().evaluate(girls, on: dataset, period: .programme, programme: .compass).value)  // count(4285)
// Any days, both ends included.
if let spring = DateRange("2022-03-01", "2022-05-31") {
    print(try Engine().evaluate(girls, on: dataset, dates: spring).value)  // count(1583)
}
}

struct PlainTextReporter: Reporter {
    static let format = ReportFormat(id: "text", fileExtension: "txt", mediaType: "text/plain")
    func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: .english)
        return report.entries.map { "\(style.display($0)) \($0.title[.english])" }.joined(separator: "\n")
    }
}
