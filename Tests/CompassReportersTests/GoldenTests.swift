import Compass
import CompassTesting
import Testing

/// The 2022 fact sheet from the calibrated sample, in every format this target owns, in English and French.
@Suite struct GoldenTests {
    static let report: Report? = try? Engine().report(.compass, on: .compassSample2022(), period: .year(2022))

    static let cases: [(String, Language)] = [
        ("csv", .english), ("csv", .french), ("json", .english), ("json", .french), ("html", .english),
        ("html", .french),
    ]

    @Test(arguments: cases)
    func factSheetMatchesItsGoldenFile(format: String, language: Language) throws {
        let report = try #require(Self.report)
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        let text = try reporter.render(report)
        try expectGolden(text, named: "factsheet.\(language.code).\(reporter.format.fileExtension)")
    }

    /// The hostile report, kept as golden files so that `.ci/reporters.sh` can feed it to real parsers.
    @Test(arguments: cases)
    func hostileReportMatchesItsGoldenFile(format: String, language: Language) throws {
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        let text = try reporter.render(HostileReport.report())
        try expectGolden(text, named: "hostile.\(language.code).\(reporter.format.fileExtension)")
    }
}
