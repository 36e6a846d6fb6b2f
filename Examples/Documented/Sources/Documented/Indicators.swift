import Compass

// Documentation/Indicators.md

// An indicator of your own: girls assisted, by country, by country × sex, with a target.
let girlsAssisted = Indicator(
    id: "girls-assisted",
    title: ["en": "Girls assisted", "fr": "Filles assistées"],
    workArea: "protection",
    measure: .distinctPeople(.assistance),
    filter: .sex(.female) && .ageGroups(.child),
    breakdowns: [.country],
    crossBreakdowns: [.country × .sex],
    baseline: 0,
    target: 4)

func evaluating(_ catalogue: Catalogue, on data: Dataset) throws {
let evaluation = try Engine().evaluate(catalogue, on: data, period: .year(2022))
if let girls = evaluation["girls-assisted"], let byCountry = girls.breakdown(.country) {
    print(girls.value)                                      // count(2)
    print(byCountry.cells.map { "\($0.category.code) \($0.value)" })  // ["MLI 1", "NER 2"]
    print(byCountry.categoriesOverlap, byCountry.overcount) // true 1: m1 was assisted in both countries
    print(girls.progress?.percent ?? 0)                     // 50: 2 of the target of 4, from a baseline of 0
}
}

// A rule of your own: nobody is helped to return twice as often as people are assisted.
let returnsWithinAssisted = ValidationRule(
    id: "returns-within-assisted",
    title: ["en": "Returns within the people assisted", "fr": "Retours parmi les personnes assistées"],
    left: .value("return-assistance"),
    .lessThanOrEqual,
    right: .value("migrants-assisted", in: .programmeToDate),
    importance: .medium,
    missingValues: .skipIfAnyValueMissing)
