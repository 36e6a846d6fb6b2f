import Compass
import CompassTesting
import Testing

/// Crossed breakdowns, overlap and progress in every built-in format, on the hand-made ``FeatureReport``.
@Suite struct FeatureTests {
    static let cases: [(String, Language)] = [
        ("markdown", .english), ("markdown", .french), ("csv", .english), ("csv", .french), ("json", .english),
        ("json", .french), ("html", .english), ("html", .french),
    ]

    func render(_ format: String, _ language: Language = .english) throws -> String {
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        return try reporter.render(FeatureReport.report())
    }

    @Test(arguments: cases)
    func featureReportMatchesItsGoldenFile(format: String, language: Language) throws {
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        let text = try reporter.render(FeatureReport.report())
        try expectGolden(text, named: "features.\(language.code).\(reporter.format.fileExtension)")
    }

    @Test func theReportHoldsTheFiguresWorkedOutByHand() throws {
        let entry = try #require(try FeatureReport.report()["assisted"])
        #expect(entry.value == .count(4))
        let crossed = try #require(entry.crossBreakdowns.first)
        #expect(crossed.cells.map { "\($0.first.code)|\($0.second.code)=\($0.value)" } == ["MLI|female=1", "MLI|male=1", "MLI|unknown=1", "NER|female=2"])
        #expect(crossed.firstCategories.map(\.code) == ["MLI", "NER"])
        #expect(crossed.secondCategories.map(\.code) == ["female", "male", "unknown"])
        #expect(crossed.rowSum("MLI") == 3 && crossed.columnSum("female") == 3)
        #expect(!crossed.reconciles && crossed.overcount == 1)
        #expect(entry.overlap == Overlap(parts: ["aid", "care", "return", "reintegration"], partValues: [2, 1, 1, 1], distinct: 4, peopleInSeveralParts: 1))
        #expect(entry.progress == Progress(baseline: 2, target: 6, achieved: Fraction(2, over: 4)))
    }
}
