import CompassCore
import CompassEngine
import CompassTesting
import Testing

/// A small programme for hand-made datasets.
let testProgramme = Programme(
    name: "TEST", fullName: "Test programme", partners: [], period: DateRange("2021-01-01", "2023-12-31")!,
    budget: nil, partnerCountries: ["MLI", "NER"], workAreas: [WorkArea(id: "protection", title: "Protection")],
    platforms: [Platform(id: "yenna", name: "Yenna")])

func evaluate(
    _ indicator: Indicator, on dataset: Dataset, period: Period = .year(2022)
) throws -> (IndicatorResult, [Finding]) {
    let evaluation = try Engine().evaluate(
        Catalogue(programme: testProgramme, indicators: [indicator]), on: dataset, period: period)
    return (try #require(evaluation.results.first), evaluation.findings)
}

@Suite struct EngineTests {
    let assisted = Indicator(
        id: "assisted", title: "Assisted", workArea: "protection", measure: .distinctPeople(.assistance),
        breakdowns: [.sex])
    let services = Indicator(id: "services", title: "Services", measure: .count(.assistance))

    @Test func distinctPeopleCountEachPersonOnceButRecordsEachTime() throws {
        let data = Dataset {
            Migrant("m1", sex: .female, birthYear: 1990)
            Migrant("m2", sex: .male, birthYear: 1985)
            Assistance(for: "m1", .humanitarianAid, on: "2022-03-01")
            Assistance(for: "m1", .humanitarianAid, on: "2022-04-01")
            Assistance(for: "m1", .comprehensiveAssistance, on: "2022-05-01", in: "NER")
            Assistance(for: "m2", .voluntaryReturn, on: "2022-06-01", in: "NER")
        }
        try expect(assisted, in: data, period: .year(2022), equals: 2, breakdown: [.sex: ["female": 1, "male": 1]])
        try expect(services, in: data, period: .year(2022), equals: 4)
        let aid = Indicator(
            id: "aid", title: "Aid", measure: .distinctPeople(.assistance, where: .kinds(.humanitarianAid)))
        try expect(aid, in: data, period: .year(2022), equals: 1)
    }

    @Test func periodsIncludeBothEndsAndNothingOutside() throws {
        let data = Dataset {
            Migrant("early", sex: .female)
            Migrant("first", sex: .female)
            Migrant("last", sex: .male)
            Migrant("late", sex: .male)
            Assistance(for: "early", .humanitarianAid, on: "2021-12-31")
            Assistance(for: "first", .humanitarianAid, on: "2022-01-01")
            Assistance(for: "last", .humanitarianAid, on: "2022-12-31")
            Assistance(for: "late", .humanitarianAid, on: "2023-01-01")
        }
        try expect(assisted, in: data, period: .year(2022), equals: 2, breakdown: [.sex: ["female": 1, "male": 1]])
        try expect(assisted, in: data, period: .quarter(2022, 1), equals: 1, breakdown: [.sex: ["female": 1]])
        try expect(assisted, in: data, period: .month(2022, 12), equals: 1, breakdown: [.sex: ["male": 1]])
        try expect(assisted, in: data, period: .month(2022, 6), equals: 0)
        try expect(assisted, in: data, period: .programme, equals: 4, programme: testProgramme)
        try expect(assisted, in: data, period: .range(DateRange("2021-12-31", "2022-01-01")!), equals: 2)
    }

    @Test func unknownSexIsACategoryOfItsOwn() throws {
        let data = Dataset {
            Migrant("f", sex: .female)
            Migrant("m", sex: .male)
            Migrant("u", sex: .unknown)
            Assistance("a1", for: "f", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance("a2", for: "m", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance("a3", for: "u", .humanitarianAid, on: "2022-03-01", in: "MLI")
        }
        let (result, _) = try evaluate(assisted, on: data)
        let sex = try #require(result.breakdown(.sex))
        #expect(sex.cells.map(\.category.code) == ["female", "male", "unknown"])
        #expect(sex.cells.map(\.value) == [1, 1, 1])
        // A three-way tie: the spare percent goes to the first category in canonical order.
        #expect(sex.cells.map(\.percent) == [34, 33, 33])
        #expect(sex.cells.map(\.fraction) == [Fraction(1, over: 3), Fraction(1, over: 3), Fraction(1, over: 3)])
        #expect(sex.reconciles)
    }

    @Test func sexSharesAddUpToAHundredAndKeepTheExactFraction() throws {
        let data = Dataset {
            for index in 0..<7 { Migrant(Migrant.ID("f\(index)"), sex: .female) }
            for index in 0..<5 { Migrant(Migrant.ID("m\(index)"), sex: .male) }
            for index in 0..<7 {
                Assistance(
                    Assistance.ID("af\(index)"), for: Migrant.ID("f\(index)"), .humanitarianAid, on: "2022-02-01",
                    in: "MLI")
            }
            for index in 0..<5 {
                Assistance(
                    Assistance.ID("am\(index)"), for: Migrant.ID("m\(index)"), .postArrival, on: "2022-02-01", in: "NER"
                )
            }
        }
        let (result, findings) = try evaluate(assisted, on: data)
        #expect(findings.isEmpty)
        let sex = try #require(result.breakdown(.sex))
        // 7/12 = 58.33 % and 5/12 = 41.67 %: the larger remainder takes the spare unit.
        #expect(sex.cells.map(\.percent) == [58, 42])
        #expect(sex["female"]?.fraction == Fraction(7, over: 12))
        #expect(sex.total == 12)
    }

    @Test func sharesAreExactFractionsOfMatchingRecords() throws {
        let satisfaction = Indicator(
            id: "satisfaction", title: "Satisfied",
            measure: .share(
                .count(.surveys, where: .services(.protection) && .satisfied(true)),
                of: .count(.surveys, where: .services(.protection))))
        let data = Dataset {
            Migrant("m1")
            SatisfactionResponse("s1", by: "m1", about: .protection, on: "2022-01-10", satisfied: true)
            SatisfactionResponse("s2", by: "m1", about: .protection, on: "2022-02-10", satisfied: true)
            SatisfactionResponse("s3", by: "m1", about: .protection, on: "2022-03-10", satisfied: false)
            SatisfactionResponse("s4", by: "m1", about: .return, on: "2022-03-10", satisfied: false)
            SatisfactionResponse("s5", by: "m1", about: .protection, on: "2021-03-10", satisfied: false)
        }
        let (result, _) = try evaluate(satisfaction, on: data)
        #expect(result.value == .share(Fraction(2, over: 3)))
        #expect(result.value.number == 67)
    }

    @Test func sumsAddAggregateCountsInThePeriod() throws {
        let youth = Indicator(id: "youth", title: "Youth", measure: .sum(.youth), breakdowns: [.country])
        let visitors = Indicator(
            id: "visitors", title: "Visitors", measure: .sum(.visitors), presentation: .lowerBound(step: 100))
        let data = Dataset {
            Engagement("e1", on: "2022-01-01", in: "MLI", youth: 10, supportNetwork: 3)
            Engagement("e2", on: "2022-06-01", in: "NER", youth: 25, supportNetwork: 4)
            Engagement("e3", on: "2023-01-01", in: "NER", youth: 1_000, supportNetwork: 4)
            PlatformVisits("yenna", year: 2022, month: 1, visitors: 120)
            PlatformVisits("yenna", year: 2022, month: 12, visitors: 130)
            PlatformVisits("yenna", year: 2023, month: 1, visitors: 5_000)
        }
        let (youthResult, _) = try evaluate(youth, on: data)
        #expect(youthResult.value == .count(35))
        #expect(youthResult.breakdown(.country)?.cells.map(\.category.code) == ["MLI", "NER"])
        #expect(youthResult.breakdown(.country)?.cells.map(\.value) == [10, 25])
        let (visitorResult, _) = try evaluate(visitors, on: data)
        #expect(visitorResult.value == .count(250))
        #expect(
            FigureFormat(language: .english).display(visitorResult.value, presentation: visitors.presentation)
                == "> 200")
    }

    @Test func aPersonInTwoCountriesCountsOnceInTheTotalAndOnceInEachCountry() throws {
        let byCountry = Indicator(
            id: "by-country", title: "By country", measure: .distinctPeople(.assistance), breakdowns: [.country])
        let data = Dataset {
            Migrant("m1", sex: .female)
            Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance("a2", for: "m1", .humanitarianAid, on: "2022-04-01", in: "NER")
        }
        let (result, _) = try evaluate(byCountry, on: data)
        let countries = try #require(result.breakdown(.country))
        #expect(result.value == .count(1))
        #expect(countries.cells.map(\.value) == [1, 1])
        #expect(!countries.reconciles)
        #expect(countries.overcount == 1)
    }

    @Test func trainedPeopleAreCountedOnceAcrossTrainings() throws {
        let trained = Indicator(
            id: "trained", title: "Trained",
            measure: .distinctPeople(.trainingParticipants, where: .topics(.caseManagement)), breakdowns: [.sex])
        let data = Dataset {
            Training(
                "t1", topic: .caseManagement, audience: .socialWorkers, in: "MLI", from: "2022-02-01", to: "2022-02-03")
            Training(
                "t2", topic: .caseManagement, audience: .socialWorkers, in: "MLI", from: "2022-05-01", to: "2022-05-03")
            Training(
                "t3", topic: .migrationManagement, audience: .stakeholders, in: "MLI", from: "2022-05-01",
                to: "2022-05-03")
            TrainingParticipant("p1", in: "t1", sex: .female, organisation: .ngo)
            TrainingParticipant("p1", in: "t2", sex: .female, organisation: .ngo)
            TrainingParticipant("p2", in: "t2", sex: .male, organisation: .government)
            TrainingParticipant("p3", in: "t3", sex: .male, organisation: .government)
        }
        let (result, _) = try evaluate(trained, on: data)
        #expect(result.value == .count(2))
        #expect(result.breakdown(.sex)?.cells.map(\.value) == [1, 1])
    }

    @Test func aServiceForAnUnregisteredMigrantIsCountedAndReported() throws {
        let data = Dataset {
            Migrant("m1", sex: .female)
            Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance("a2", for: "ghost", .humanitarianAid, on: "2022-03-01", in: "MLI")
        }
        let (result, findings) = try evaluate(assisted, on: data)
        #expect(result.value == .count(2))
        #expect(result.breakdown(.sex)?.cells.map(\.category.code) == ["female", "unknown"])
        #expect(findings.map(\.rule) == ["unknown-migrant"])
        #expect(findings.first?.record == "assistance a2")
    }

    @Test func anInvalidCatalogueIsRefusedWithEveryProblem() throws {
        let catalogue = Catalogue(
            programme: testProgramme,
            indicators: [
                Indicator(id: "x", title: "X", measure: .count(.assistance)),
                Indicator(id: "x", title: "X again", measure: .count(.assistance)),
                Indicator(id: "y", title: "Y", workArea: "nowhere", measure: .distinctPeople(.engagements)),
                Indicator(
                    id: "z", title: "Z", measure: .sum(.youth, where: .kinds(.humanitarianAid)), breakdowns: [.sex]),
            ])
        let error = try #require(throws: EvaluationError.self) {
            try Engine().evaluate(catalogue, on: Dataset(), period: .year(2022))
        }
        #expect(
            error.findings.map(\.rule) == [
                "duplicate-indicator", "unknown-work-area", "incoherent-unit", "inapplicable-filter",
                "inapplicable-breakdown",
            ])
        #expect(error.findings.map { $0.indicator?.rawValue } == ["x", "y", "y", "z", "z"])
    }
}
