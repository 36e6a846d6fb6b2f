import Compass

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

// A rule of your own: nobody is helped to return twice as often as people are assisted.
let returnsWithinAssisted = ValidationRule(
    id: "returns-within-assisted",
    title: ["en": "Returns within the people assisted", "fr": "Retours parmi les personnes assistées"],
    left: .value("return-assistance"),
    .lessThanOrEqual,
    right: .value("migrants-assisted", in: .programmeToDate),
    importance: .medium,
    missingValues: .skipIfAnyValueMissing)

var catalogue = Catalogue.compass
catalogue.indicators.append(girlsAssisted)
catalogue.rules.append(returnsWithinAssisted)

let data = Dataset {
    Migrant("m1", sex: .female, birthYear: 2012, nationality: "MLI")
    Migrant("m2", sex: .female, birthYear: 2009, nationality: "NER")
    Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
    Assistance("a2", for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "NER")
    Assistance("a3", for: "m2", .humanitarianAid, on: "2022-12-31", in: "NER")
}

let evaluation = try Engine().evaluate(catalogue, on: data, period: .year(2022))
if let girls = evaluation["girls-assisted"], let byCountry = girls.breakdown(.country) {
    print(girls.value)                                      // count(2)
    print(byCountry.cells.map { "\($0.category.code) \($0.value)" })  // ["MLI 1", "NER 2"]
    print(byCountry.categoriesOverlap, byCountry.overcount) // true 1: m1 was assisted in both countries
    print(girls.progress?.percent ?? 0)                     // 50: 2 of the target of 4, from a baseline of 0
}
if let assisted = evaluation["migrants-assisted"], let overlap = assisted.overlap {
    print(overlap.sumOfParts, overlap.distinct, overlap.peopleInSeveralParts)  // 3 2 1
}
for finding in evaluation.findings { print(finding) }
