import Compass

// Records in: the built-in sample here; a directory of CSV files in real use.
let dataset = Dataset.compassSample2022()
// Validated indicators out: the 13 figures of the COMPASS fact sheet for 2022.
let report = try Engine().report(.compass, on: dataset, period: .year(2022))
print(report["migrants-assisted"]!.value)  // count(41562)
// An indicator of your own is a value: inspectable, validated, evaluated the same way.
let girls = Indicator(id: "girls-assisted", title: ["en": "Girls assisted", "fr": "Filles assistées"],
    measure: .distinctPeople(.assistance), filter: .sex(.female) && .ageGroups(.child), breakdowns: [.country])
print(try Engine().evaluate(girls, on: dataset, dates: report.dates).value)
// Any format, any language, through one small protocol.
print(try MarkdownReporter(language: .french).render(report))
