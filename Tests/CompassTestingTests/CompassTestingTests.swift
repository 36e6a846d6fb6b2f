import Compass
import CompassTesting
import Testing

let girlsAssisted = Indicator(
    id: "girls-assisted", title: ["en": "Girls assisted", "fr": "Filles assistées"],
    measure: .distinctPeople(.assistance), filter: .sex(.female) && .ageGroups(.child), breakdowns: [.country])

let twoGirls = Dataset {
    Migrant("m1", sex: .female, birthYear: 2012)
    Migrant("m2", sex: .female, birthYear: 2010)
    Migrant("m3", sex: .female, birthYear: 1990)
    Assistance(for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
    Assistance(for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "MLI")
    Assistance(for: "m2", .humanitarianAid, on: "2022-05-01", in: "NER")
    Assistance(for: "m3", .humanitarianAid, on: "2022-05-01", in: "NER")
}

@Suite struct ExpectationTests {
    @Test func girlsAreCountedOnce() throws {
        try expect(
            girlsAssisted, in: twoGirls, period: .year(2022), equals: 2, breakdown: [.country: ["MLI": 1, "NER": 1]])
    }

    @Test func recordsWithoutIdsAreNumberedByTheBuilder() {
        #expect(
            twoGirls.assistance.map(\.id.rawValue) == ["assistance-1", "assistance-2", "assistance-3", "assistance-4"])
        #expect(twoGirls.migrants.map(\.id.rawValue) == ["m1", "m2", "m3"])
    }

    @Test func aWrongValueNamesExpectedAndActualAtTheCallersLine() throws {
        let line = #line + 2
        try withKnownIssue {
            try expect(girlsAssisted, in: twoGirls, period: .year(2022), equals: 3)
        } matching: { issue in
            issue.comments.map(\.rawValue) == ["girls-assisted in 2022: expected 3, got 2"]
                && issue.sourceLocation?.line == line && issue.sourceLocation?.fileName == "CompassTestingTests.swift"
        }
    }

    @Test func wrongCellsAreListedWithExpectedAndActual() throws {
        try withKnownIssue {
            try expect(
                girlsAssisted, in: twoGirls, period: .year(2022), equals: 2,
                breakdown: [.country: ["MLI": 2, "TCD": 1]])
        } matching: { issue in
            issue.comments.map(\.rawValue) == [
                """
                girls-assisted in 2022, cells by country differ:
                  country  expected  actual
                  MLI      2         1
                  NER      –         1
                  TCD      1         –
                """
            ]
        }
    }

    @Test func aMissingBreakdownIsNamed() throws {
        try withKnownIssue {
            try expect(girlsAssisted, in: twoGirls, period: .year(2022), equals: 2, breakdown: [.sex: ["female": 2]])
        } matching: { issue in
            issue.comments.map(\.rawValue) == [
                "girls-assisted in 2022 has no breakdown by sex; add .sex to the indicator's breakdowns"
            ]
        }
    }

    @Test func sharesAreExpectedAsExactFractions() throws {
        let satisfaction = Indicator(
            id: "satisfaction", title: "Satisfied",
            measure: .share(.count(.surveys, where: .satisfied(true)), of: .count(.surveys)))
        let data = Dataset {
            Migrant("m1")
            SatisfactionResponse(by: "m1", on: "2022-01-10", satisfied: true)
            SatisfactionResponse(by: "m1", on: "2022-02-10", satisfied: true)
            SatisfactionResponse(by: "m1", on: "2022-03-10", satisfied: false)
        }
        try expect(satisfaction, in: data, period: .year(2022), equals: Fraction(2, over: 3))
        try withKnownIssue {
            try expect(satisfaction, in: data, period: .year(2022), equals: Fraction(3, over: 4))
        } matching: { issue in
            issue.comments.map(\.rawValue) == ["satisfaction in 2022: expected 3/4, got 2/3 (75% vs 67%)"]
        }
    }

    @Test func anInvalidIndicatorThrows() {
        let broken = Indicator(id: "broken", title: "Broken", measure: .distinctPeople(.engagements))
        #expect(throws: EvaluationError.self) {
            try expect(broken, in: twoGirls, period: .year(2022), equals: 0)
        }
    }
}

@Suite struct CheckCatalogueTests {
    @Test func theCompassCatalogueIsSound() {
        checkCatalogue(.compass)
    }

    @Test func aCatalogueWithErrorsFailsTheCheck() {
        let catalogue = Catalogue(
            programme: .testing,
            indicators: [
                Indicator(id: "x", title: "X", measure: .count(.assistance)),
                Indicator(id: "x", title: "X", measure: .count(.assistance)),
            ])
        withKnownIssue {
            checkCatalogue(catalogue, randomDatasets: 1)
        } matching: { issue in
            issue.comments.first?.rawValue.hasPrefix("catalogue: error [duplicate-indicator]") == true
        }
    }

    @Test func randomDatasetsAreReproducibleAndClean() throws {
        #expect(Dataset.random(seed: 4) == Dataset.random(seed: 4))
        #expect(Dataset.random(seed: 4) != Dataset.random(seed: 5))
        let evaluation = try Engine().evaluate(
            Catalogue(programme: .testing, indicators: []), on: .random(seed: 4), period: .programme)
        #expect(evaluation.findings.isEmpty)
    }
}
