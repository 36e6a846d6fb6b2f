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
}
