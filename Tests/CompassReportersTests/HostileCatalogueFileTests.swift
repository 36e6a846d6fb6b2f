import Compass
import CompassTesting
import Foundation
import Testing

/// The hostile titles, loaded from a JSON catalogue file as a user's catalogue would be.
@Suite struct HostileCatalogueFileTests {
    /// The committed JSON catalogue: the hostile catalogue as a file, as a user would write one.
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/hostile-catalogue.json").path

    @Test func theCommittedFileIsTheHostileCatalogue() throws {
        try expectGolden(try HostileReport.catalogue.jsonText(), named: "hostile-catalogue.json")
        #expect(try Catalogue(contentsOfJSONFile: Self.file) == HostileReport.catalogue)
    }

    @Test(arguments: ["markdown", "csv", "json", "html"], [Language.english, .french])
    func everyReporterRendersTheLoadedCatalogueLikeTheBuiltOne(format: String, language: Language) throws {
        let loaded = try Catalogue(contentsOfJSONFile: Self.file)
        var report = try Engine().report(loaded, on: HostileReport.dataset, period: .year(2022), disclosure: .k5)
        report.findings = try HostileReport.report().findings
        let reporter = try ReporterRegistry.builtIn.reporter(for: format, options: ReporterOptions(language: language))
        #expect(try reporter.render(report) == reporter.render(HostileReport.report()))
        try checkReporter(reporter)
    }
}
