import Compass

// The examples of Documentation/Privacy.md and Documentation/ReportFormats.md, compiled.
let dataset = Dataset.compassSample2022()

let report = try Engine().report(.compass, on: dataset, period: .year(2022))           // k = 11
let k5 = try Engine().report(.compass, on: dataset, period: .year(2022), disclosure: .k5)
let raw = try Engine().report(.compass, on: dataset, period: .year(2022), disclosure: .off)

let unguarded = try CSVReporter(formulaGuard: false).render(report)
let withHXL = try CSVReporter(language: .french, formulaGuard: true, hxl: true).render(report)
print(report.disclosure.map { "\($0)" } ?? "", k5.entries.count, raw.entries.count, unguarded.count, withHXL.count)
