import Compass
import Testing

/// The 2022 report from the built-in sample, computed once for every test here.
let sampleEvaluation: Evaluation? = try? Engine().evaluate(
    .compass, on: .compassSample2022(), period: .year(2022))

@Suite struct FactSheet2022Tests {
    let evaluation: Evaluation

    init() throws { evaluation = try #require(sampleEvaluation) }

    @Test(arguments: [
        ("migrants-assisted", 41_562),
        ("humanitarian-aid", 21_818),
        ("comprehensive-assistance", 16_034),
        ("social-workers-trained", 446),
        ("return-assistance", 2_820),
        ("reintegration-assistance", 980),
        ("knowledge-products", 57),
        ("knowledge-product-audience", 2_088),
        ("stakeholders-trained", 1_585),
        ("youth-engaged", 15_572),
        ("support-network-engaged", 15_040),
    ])
    func everyPublishedCount(_ id: String, _ published: Int) throws {
        let result = try #require(evaluation[Indicator.ID(id)])
        #expect(result.value == .count(published))
    }

    @Test func satisfactionIs86Percent() throws {
        let result = try #require(evaluation["protection-satisfaction"])
        #expect(result.value == .share(Fraction(2_150, over: 2_500)))
        #expect(result.value.number == 86)
    }

    @Test func platformVisitorsArePublishedAsMoreThan170000() throws {
        let result = try #require(evaluation["platform-visitors"])
        #expect(result.value == .count(171_384))
        let indicator = try #require(Catalogue.compass["platform-visitors"])
        #expect(
            FigureFormat(language: .english).display(result.value, presentation: indicator.presentation) == "> 170,000")
        #expect(result.breakdown(.platform)?.cells.map(\.category.code) == ["yenna", "waka_well", "ctdc"])
        #expect(result.breakdown(.platform)?.reconciles == true)
    }

    @Test(arguments: [
        ("migrants-assisted", [19_950, 19_534, 2_078], [48, 47, 5]),
        ("social-workers-trained", [241, 205], [54, 46]),
        ("stakeholders-trained", [539, 1_046], [34, 66]),
    ])
    func everyPublishedShare(_ id: String, _ counts: [Int], _ percents: [Int]) throws {
        let sex = try #require(evaluation[Indicator.ID(id)]?.breakdown(.sex))
        #expect(sex.cells.map(\.value) == counts)
        #expect(sex.cells.map(\.percent) == percents)
        #expect(sex.reconciles)
    }

    @Test func peopleWithSeveralKindsOfAssistanceAreCountedOnce() throws {
        let parts = ["humanitarian-aid", "comprehensive-assistance", "return-assistance", "reintegration-assistance"]
        let sum = try parts.map { try #require(evaluation[Indicator.ID($0)]?.value.number) }.reduce(0, +)
        #expect(sum == 41_652)
        #expect(evaluation["migrants-assisted"]?.value == .count(41_562))
    }

    @Test func theSampleIsCleanAndFindsNothing() {
        #expect(evaluation.findings.isEmpty)
    }

    @Test func otherYearsDifferBecauseRecordsCountByTheirOwnDate() throws {
        let year2021 = try Engine().evaluate(.compass, on: .compassSample2022(), period: .year(2021))
        let assisted2021 = try #require(year2021["migrants-assisted"]?.value.number)
        #expect(assisted2021 > 0)
        #expect(assisted2021 != 41_562)
        let programme = try Engine().evaluate(.compass, on: .compassSample2022(), period: .programme)
        let assistedEver = try #require(programme["migrants-assisted"]?.value.number)
        #expect(assistedEver > 41_562)
        #expect(assistedEver < 41_562 + assisted2021)
    }
}

@Suite struct SampleTests {
    @Test func theSampleIsTheSameEveryTimeItIsGenerated() {
        let first = CalibratedSample.generate()
        #expect(first == CalibratedSample.generate())
        #expect(first == Dataset.compassSample2022())
        #expect(first.migrants.count == 41_562 + 6_000 + 400)
        #expect(first.assistance.count == 88_413)
    }

    @Test func theSampleIsLabelledSynthetic() throws {
        let description = try #require(Dataset.compassSample2022().description)
        #expect(description[.english].contains("Synthetic"))
        #expect(description[.french].contains("synthétique"))
    }

    @Test func theSampleHasTheShapeOfRealRecords() {
        let data = Dataset.compassSample2022()
        let people = Set(data.assistance.map(\.migrant))
        // Services outnumber people: some people were assisted several times.
        #expect(data.assistance.count > people.count)
        // Every record names a registered migrant, and ids are unique.
        #expect(people.isSubset(of: Set(data.migrants.map(\.id))))
        #expect(Set(data.assistance.map(\.id)).count == data.assistance.count)
        // Records of 2021 are there too, and individual trainees and survey answers.
        #expect(data.assistance.contains { $0.date.year == 2021 })
        #expect(data.surveys.count > 2_500)
        #expect(Set(data.participants.map(\.person)).count < data.participants.count)
        #expect(Set(data.assistance.map(\.country)) == Set(Programme.compass.partnerCountries))
        #expect(data.platformVisits.count == 72)
    }
}

@Suite struct CatalogueTests {
    @Test func theCompassCatalogueHasTheThirteenHeadlineIndicators() {
        #expect(
            Catalogue.compass.indicators.map(\.id.rawValue) == [
                "migrants-assisted", "humanitarian-aid", "comprehensive-assistance", "protection-satisfaction",
                "social-workers-trained", "return-assistance", "reintegration-assistance", "knowledge-products",
                "knowledge-product-audience", "stakeholders-trained", "youth-engaged", "support-network-engaged",
                "platform-visitors",
            ])
        #expect(Catalogue.compass.validate().isEmpty)
    }

    @Test func everyIndicatorHasATitleInEnglishAndFrenchAndAWorkArea() {
        let areas = Set(Programme.compass.workAreas.map(\.id))
        for indicator in Catalogue.compass.indicators {
            #expect(indicator.title.translations[.english]?.isEmpty == false, "\(indicator.id)")
            #expect(indicator.title.translations[.french]?.isEmpty == false, "\(indicator.id)")
            #expect(indicator.workArea.map(areas.contains) == true, "\(indicator.id)")
        }
    }

    @Test func theProgrammeIsAsPublished() {
        let programme = Programme.compass
        #expect(programme.period == DateRange("2021-01-01", "2023-12-31"))
        #expect(programme.budget == Money(minorUnits: 5_500_000_000, currency: "EUR"))
        #expect(programme.partnerCountries.count == 14)
        #expect(Set(programme.partnerCountries.map(\.code)).count == 14)
        #expect(programme.workAreas.count == 6)
        #expect(programme.platforms.map(\.id) == ["yenna", "waka_well", "ctdc"])
    }
}
