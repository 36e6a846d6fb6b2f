import CompassCommandLine
import Foundation
import Testing

@Suite struct CommandTests {
    let command = CompassCommand()

    @Test func noArgumentsPrintsThe2022FactSheetInMarkdown() {
        let outcome = command.run([])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.hasPrefix("# COMPASS: 2022 in numbers\n"))
        #expect(outcome.standardOutput.contains("### 41,562 — Migrants assisted under the global objectives"))
    }

    @Test func reportInFrench() {
        let outcome = command.run(["report", "--language", "fr"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("# COMPASS\u{00A0}: 2022 en chiffres\n"))
        #expect(outcome.standardOutput.contains("41\u{00A0}562"))
    }

    @Test(arguments: [
        ("k=5", "Disclosure control (k=5): cells counting 1 to 4 are suppressed"),
        ("k=10", "Disclosure control (k=10): cells counting 1 to 9 are suppressed"),
        ("k=11", "Disclosure control (k=11): cells counting 1 to 10 are suppressed"),
        ("round=10", "Disclosure control (round=10): cells are rounded down to a multiple of 10"),
        ("off", "Disclosure control is off: small cells are published as counted."),
    ])
    func reportStatesItsDisclosureControl(_ setting: String, _ line: String) {
        let outcome = command.run(["report", "--disclosure", setting])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("\n> \(line)"))
    }

    @Test func reportIsProtectedWithKElevenByDefault() {
        let outcome = command.run(["report"])
        #expect(outcome.standardOutput.contains("\n> Disclosure control (k=11): "))
        #expect(outcome.standardOutput.contains(" 0 cells protected (0 below 11, 0 to protect them).\n"))
    }

    @Test func reportForAnotherPeriod() {
        let outcome = command.run(["report", "--period=2022-Q3"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("# COMPASS: Q3 2022 in numbers\n"))
    }

    @Test(arguments: [
        (["--bogus"], "compass: unknown option '--bogus' (see 'compass report --help')\n"),
        (
            ["report", "--language", "de"],
            "compass: unknown language 'de'; use --language en or --language fr (see 'compass report --help')\n"
        ),
        (["report", "--language"], "compass: option '--language' needs a value (see 'compass report --help')\n"),
        (
            ["report", "--format", "pdf"],
            "compass: unknown format 'pdf'; available formats: \(CompassCommand().registry.formats.map(\.id).joined(separator: ", ")) (see 'compass report --help')\n"
        ),
        (
            ["frobnicate"],
            "compass: unknown command 'frobnicate'; the commands are report, validate, indicators, formats and sample (see 'compass --help')\n"
        ),
        (
            ["report", "--period", "2022-Q5"],
            "compass: '2022-Q5' is not a period; write 2022, 2022-Q3, 2022-07, programme or 2021-01-01..2023-12-31 (see 'compass report --help')\n"
        ),
        (
            ["report", "--language", "en", "--language", "fr"],
            "compass: option '--language' is given twice (see 'compass report --help')\n"
        ),
        (
            ["report", "--disclosure", "k=1"],
            "compass: invalid --disclosure 'k=1'; use k=5, k=10, k=11, round=10 or off (see 'compass report --help')\n"
        ),
        (
            ["report", "--disclosure", "none"],
            "compass: invalid --disclosure 'none'; use k=5, k=10, k=11, round=10 or off (see 'compass report --help')\n"
        ),
    ])
    func usageErrorsExitWithTwoAndOneLine(_ arguments: [String], _ message: String) {
        let outcome = command.run(arguments)
        #expect(outcome.status == 2)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError == message)
    }

    @Test func helpIsPrinted() {
        #expect(command.run(["report", "--help"]).standardOutput.hasPrefix("Usage: compass report"))
        #expect(command.run(["--format", "html", "--help"]).standardOutput.hasPrefix("Usage: compass report"))
        #expect(command.run(["help", "sample"]).standardOutput.hasPrefix("Usage: compass sample"))
        #expect(command.run(["formats", "--help"]).status == 0)
        for arguments in [["--help"], ["-h"], ["help"]] {
            #expect(command.run(arguments) == command.run(["help", "--help"]))
        }
    }

    /// `compass --help`: every command with one line, the options of every command and the exit statuses.
    @Test func theGeneralHelpListsEveryCommand() {
        let outcome = command.run(["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError == "")
        #expect(
            outcome.standardOutput == """
                compass: compute a migration programme's fact sheet from its records.

                Usage: compass [COMMAND] [OPTIONS]

                Commands:
                  report      Compute the fact sheet and render it (the default command).
                  validate    Print what validation finds in the catalogue, the data and the rules.
                  indicators  List the indicators of the catalogue.
                  formats     List the report formats.
                  sample      Write a synthetic dataset, or the built-in 2022 sample, as files.
                  help        Show this help, or a command's: compass help COMMAND.

                Options of every command:
                  --quiet     Show no progress line. Progress is shown on standard error only when it is
                              a terminal (never in a pipe or CI), while reading a dataset or writing a sample.
                  -h, --help  Show the help of the command.

                Run 'compass COMMAND --help' for a command's options.
                With no command, 'compass' prints the COMPASS 2022 fact sheet in Markdown,
                computed from the built-in synthetic sample.

                Exit status:
                  0  All went well.
                  1  Errors were found in the data, the catalogue or the rules, and the command refused to go on
                     (validate and indicators list them; report stops on them unless --lenient), or a file could
                     not be read or written.
                  2  A usage error: an unknown command or option, a missing or invalid value, or an --output
                     whose folder does not exist. One line on standard error names the problem and the help to read.


                """)
    }

    /// Every option a command accepts is in its help, and every option its help shows is accepted.
    @Test(arguments: ["report", "validate", "indicators", "formats", "sample"])
    func aCommandsHelpShowsTheOptionsItAccepts(_ name: String) {
        let help = command.run([name, "--help"]).standardOutput
        let shown = Set(help.split(whereSeparator: { " []|=,\n".contains($0) }).filter { $0.hasPrefix("--") })
        for option in shown {
            let outcome = command.run([name, String(option), "--help"])
            // A value-taking option before --help takes "--help" as its value and is refused for that only.
            #expect(!outcome.standardError.contains("unknown option"), "\(name) \(option)")
        }
        #expect(help.contains("-h, --help"))
    }

    @Test(arguments: [["report"], ["validate"], ["indicators"], ["formats"], ["help"]])
    func quietIsAcceptedEverywhereAndChangesNothingOffATerminal(_ arguments: [String]) {
        #expect(command.run(arguments + ["--quiet"]) == command.run(arguments))
    }

    @Test(arguments: [("md", "markdown"), ("htm", "html")])
    func formatAliasesRenderTheirFormat(_ alias: String, _ id: String) {
        #expect(command.run(["report", "--format", alias]) == command.run(["report", "--format", id]))
        #expect(command.run(["formats"]).standardOutput.split(separator: "\n").count == 4)
    }

    @Test func formatsAndIndicatorsAreListed() {
        #expect(command.run(["formats"]).standardOutput.hasPrefix("markdown\t.md\ttext/markdown"))
        let indicators = command.run(["indicators"]).standardOutput.split(separator: "\n")
        #expect(indicators.count == 13)
        #expect(
            indicators.first == "migrants-assisted\tprotection\tpeople\tMigrants assisted under the global objectives")
    }

    @Test func outputGoesToAFileThroughARename() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("factsheet.md").path
        for _ in 0..<2 {  // the second run replaces the first file
            let outcome = command.run(["report", "--output", path])
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput.isEmpty)
        }
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == command.run([]).standardOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["factsheet.md"])
    }

    @Test func outputIntoAMissingFolderFailsClearly() {
        let outcome = command.run(["report", "--output", "/nonexistent-folder/factsheet.md"])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.hasPrefix(
                "compass: cannot write /nonexistent-folder/factsheet.md: the folder /nonexistent-folder does not exist")
        )
    }
}

@Suite struct IndicatorListTests {
    @Test func theCatalogueTableInIndicatorsMdIsTheCommandsOutput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(
            contentsOf: root.appendingPathComponent("Documentation/Indicators.md"), encoding: .utf8)
        let start = "<!-- compass indicators --format markdown -->\n"
        let startRange = try #require(page.range(of: start))
        let endRange = try #require(page.range(of: "<!-- end -->", range: startRange.upperBound..<page.endIndex))
        let committed = String(page[startRange.upperBound..<endRange.lowerBound])
        let outcome = CompassCommand().run(["indicators", "--format", "markdown"])
        #expect(outcome.status == 0)
        #expect(committed == outcome.standardOutput, "regenerate the table with: compass indicators --format markdown")
    }

    /// Titles and work areas holding tabs, line breaks and other control characters.
    static let hostileTexts = [
        "tab\there", "line\nbreak", "carriage\r\nreturn", "\t\n\r", "vertical\u{0B}tab\u{0C}feed",
        "escape\u{1B}[31mred", "next\u{85}line", "line\u{2028}separator", "para\u{2029}graph", "del\u{7F}",
    ]

    @Test func theTSVListHasFourFieldsPerLineWhateverTheTitles() {
        var catalogue = Catalogue.compass
        for (index, text) in IndicatorListTests.hostileTexts.enumerated() {
            catalogue.indicators[index].title = ["en": text, "fr": text]
            catalogue.indicators[index].workArea =
                index == 0 ? "protection\tand\nmore" : catalogue.indicators[index].workArea
        }
        let outcome = CompassCommand(catalogue: catalogue).run(["indicators"])
        let lines = outcome.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == catalogue.indicators.count)
        for line in lines {
            #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 4, "\(line)")
        }
        #expect(
            Array(lines.prefix(10)) == [
                "migrants-assisted\tprotection and more\tpeople\ttab here",
                "humanitarian-aid\tprotection\tpeople\tline break",
                "comprehensive-assistance\tprotection\tpeople\tcarriage  return",
                "protection-satisfaction\tprotection\tpercent\t   ",
                "social-workers-trained\tprotection\tpeople\tvertical tab feed",
                "return-assistance\treturn\tpeople\tescape [31mred",
                "reintegration-assistance\treintegration\tpeople\tnext line",
                "knowledge-products\tresearch\trecords\tline separator",
                "knowledge-product-audience\tresearch\tpeople\tpara graph",
                "stakeholders-trained\tprotection\tpeople\tdel ",
            ])
    }

    @Test func aListFormatOtherThanTsvOrMarkdownIsAUsageError() {
        let outcome = CompassCommand().run(["indicators", "--format", "html"])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError
                == "compass: unknown list format 'html'; use --format tsv or --format markdown (see 'compass indicators --help')\n"
        )
    }
}
