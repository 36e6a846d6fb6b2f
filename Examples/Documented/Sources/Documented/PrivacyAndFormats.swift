import Compass

// Documentation/Privacy.md

func protectedReports(of dataset: Dataset) throws -> [Report] {
let report = try Engine().report(.compass, on: dataset, period: .year(2022))           // k = 11
let k5 = try Engine().report(.compass, on: dataset, period: .year(2022), disclosure: .k5)
let raw = try Engine().report(.compass, on: dataset, period: .year(2022), disclosure: .off)
return [report, k5, raw]
}

// Documentation/ReportFormats.md

func unguardedCSV(of report: Report) throws -> String {
let unguarded = try CSVReporter(formulaGuard: false).render(report)
return unguarded
}

func csvWithHXL(of report: Report) throws -> String {
let withHXL = try CSVReporter(language: .french, formulaGuard: true, hxl: true).render(report)
return withHXL
}
