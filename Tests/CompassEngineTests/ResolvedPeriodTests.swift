import Compass
import Testing

/// A period is resolved once against a catalogue, and the reader and the engine take that value.
@Suite struct ResolvedPeriodTests {
    @Test func aYearReadsTheDaysItsRulesRead() throws {
        let resolved = try #require(Catalogue.compass.resolve(.year(2022)))
        #expect(resolved.period == .year(2022))
        #expect(resolved.dates == DateRange("2022-01-01", "2022-12-31"))
        // The rule `reintegration-after-return` reads the programme's start to the period's end.
        #expect(resolved.readDays == DateRange("2021-01-01", "2022-12-31"))
        #expect(resolved.programmeDates == Programme.compass.period)
        #expect(resolved.description == "2022 (2022-01-01..2022-12-31)")
        #expect(Catalogue.compass.resolve(.quarter(2022, 5)) == nil)
        #expect(throws: EvaluationError.self) { try Engine.resolve(.month(2022, 13), for: .compass) }
    }

    @Test func evaluatingAResolvedPeriodGivesTheSameReport() throws {
        let prepared = PreparedDataset(Dataset.compassSample2022(), programme: Programme.compass)
        let resolved = try Engine.resolve(.year(2022), for: .compass)
        let byPeriod = try Engine().report(.compass, on: prepared, period: .year(2022))
        let byResolved = try Engine().report(.compass, on: prepared, period: resolved)
        #expect(byResolved == byPeriod)
        #expect(byResolved["migrants-assisted"]?.value == .count(41_562))
    }

    @Test func aPeriodResolvedForAnotherProgrammeIsRefused() throws {
        var other = Catalogue.compass
        other.programme.period = try #require(DateRange("2020-01-01", "2023-12-31"))
        let resolved = try #require(other.resolve(.year(2022)))
        let prepared = PreparedDataset(Dataset.compassSample2022(), programme: Programme.compass)
        #expect(throws: EvaluationError.self) { try Engine().evaluate(.compass, on: prepared, period: resolved) }
    }

    /// The README's indicator: girls assisted, each once, by country.
    static let girls = Indicator(
        id: "girls-assisted", title: ["en": "Girls assisted"], measure: .distinctPeople(.assistance),
        filter: .sex(.female) && .ageGroups(.child), breakdowns: [.country])

    @Test func oneIndicatorIsEvaluatedForAPeriodAsForItsDays() throws {
        let dataset = Dataset.compassSample2022()
        let days = try #require(DateRange("2022-01-01", "2022-12-31"))
        let byDays = try Engine().evaluate(Self.girls, on: dataset, dates: days)
        #expect(try Engine().evaluate(Self.girls, on: dataset, period: .year(2022)) == byDays)
        #expect(try Engine().evaluate(Self.girls, on: dataset, period: .year(2022), programme: .compass) == byDays)
        let third = try #require(DateRange("2022-07-01", "2022-09-30"))
        #expect(
            try Engine().evaluate(Self.girls, on: dataset, period: .quarter(2022, 3))
                == Engine().evaluate(Self.girls, on: dataset, dates: third))
    }

    @Test func theProgrammePeriodIsTheGivenProgrammes() throws {
        let dataset = Dataset.compassSample2022()
        let whole = try Engine().evaluate(Self.girls, on: dataset, period: .programme, programme: .compass)
        #expect(whole == (try Engine().evaluate(Self.girls, on: dataset, dates: Programme.compass.period)))
        // The same as the indicator's result in a catalogue of that programme.
        let catalogue = Catalogue(programme: .compass, indicators: [Self.girls])
        #expect(try Engine().evaluate(catalogue, on: dataset, period: .programme)["girls-assisted"] == whole)
    }

    @Test func aPeriodThatDoesNotExistIsRefused() throws {
        let dataset = Dataset.compassSample2022()
        let noProgramme = #expect(throws: EvaluationError.self) {
            try Engine().evaluate(Self.girls, on: dataset, period: .programme)
        }
        #expect(
            noProgramme?.description
                == "the period programme is a programme's own period: pass the programme to evaluate an indicator over it"
        )
        let month = #expect(throws: EvaluationError.self) {
            try Engine().evaluate(Self.girls, on: dataset, period: .month(2022, 13))
        }
        #expect(month?.description == "the period 2022-13 does not exist")
        #expect(throws: EvaluationError.self) {
            try Engine().evaluate(Self.girls, on: dataset, period: .quarter(2022, 5), programme: .compass)
        }
    }
}
