import Compass
import CompassCommandLine
import CompassTesting
import Foundation
import Testing

/// The reporter of Documentation/WritingAReporter.md: it compiles, passes the conformance check, and plugs in.
@Suite struct ExampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    @Test func exampleReporterPassesTheConformanceCheck() throws {
        try checkReporter(HXLReporter())
        try checkReporter(HXLReporter(language: .french))
    }

    @Test func exampleReporterWritesTheSexBreakdownAsColumns() throws {
        let report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        let lines = try HXLReporter().render(report).split(separator: "\r\n").prefix(4).map(String.init)
        #expect(
            lines == [
                "Indicator,Title,Start,End,Value,Women,Men,Sex unknown",
                "#indicator+code,#indicator+name,#date+start,#date+end,#reached,#reached+f,#reached+m,#reached+sex_unknown",
                "migrants-assisted,Migrants assisted under the global objectives,2022-01-01,2022-12-31,41562,19950,19534,2078",
                "humanitarian-aid,Vulnerable migrants who received humanitarian aid,2022-01-01,2022-12-31,21818,,,",
            ])
    }

    @Test func exampleReporterShowsSuppressedCellsAsTheMarker() throws {
        // Of the fourteen people of the first hostile indicator, the 2 men and the 1 of unknown sex are suppressed.
        let report = try HostileReport.report()
        let bySex = try #require(report["script"]?.breakdowns.first { $0.dimension == .sex })
        #expect(bySex.cells.map(\.value) == [11, 0, 0])
        let lines = try HXLReporter().render(report).split(separator: "\r\n").map(String.init)
        #expect(lines[2] == "script,<script>alert(1)</script>,2022-01-01,2022-12-31,14,11,–,–")
    }

    @Test func exampleReporterPlugsIntoTheRegistryAndTheCommandLine() throws {
        var registry = ReporterRegistry.builtIn
        registry.register(HXLReporter.format) { HXLReporter(language: $0.language) }
        #expect(registry.formats.map(\.id) == ["markdown", "csv", "json", "html", "hxl"])
        let command = CompassCommand(registry: registry)
        let formats = command.run(["formats"])
        #expect(formats.status == 0)
        #expect(
            formats.standardOutput.hasSuffix(
                "html\t.html\ttext/html; charset=utf-8\nhxl\t.csv\ttext/csv; charset=utf-8\n"))
        let outcome = command.run(["report", "--format", "hxl", "--language", "fr"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("Indicator,Title,Start,End,Value,Women,Men,Sex unknown\r\n"))
        #expect(
            outcome.standardOutput.contains(
                "\r\nmigrants-assisted,Migrants ayant bénéficié d'une assistance au titre des objectifs mondiaux,2022-01-01,2022-12-31,41562,19950,19534,2078\r\n"
            ))
    }

    @Test func documentationShowsTheCompiledExample() throws {
        let source = try String(
            contentsOf: Self.folder.appendingPathComponent("HXLReporterExample.swift"), encoding: .utf8)
        let start = try #require(source.range(of: "// BEGIN EXAMPLE\n"))
        let end = try #require(source.range(of: "// END EXAMPLE\n"))
        let example = String(source[start.upperBound..<end.lowerBound])
        let documentation = try String(
            contentsOf: Self.folder.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Documentation/WritingAReporter.md"),
            encoding: .utf8)
        #expect(documentation.contains("```swift\n" + example + "```\n"))
    }
}
