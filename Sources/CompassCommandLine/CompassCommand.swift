import CCompassAllocator
@_exported public import Compass

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `compass` command-line interface, as a library.
///
/// The executable is three lines; yours, with your own catalogue and reporters, is too:
///
/// ```swift
/// import CompassCommandLine
///
/// var registry = ReporterRegistry.builtIn
/// registry.register(HXLReporter.format) { HXLReporter(language: $0.language) }
/// CompassCommand(registry: registry).main()
/// ```
///
/// Exit status: 0 when all went well, 1 when validation found errors, 2 for a
/// usage error (one line on standard error names the problem and the fix).
public struct CompassCommand: Sendable {
    /// The catalogue reported on.
    public var catalogue: Catalogue
    /// The formats `--format` accepts.
    public var registry: ReporterRegistry
    /// The dataset used when no `--data` is given.
    public var sample: @Sendable () -> Dataset

    /// Creates the command for a catalogue, a registry of reporters and a built-in dataset.
    public init(
        catalogue: Catalogue = .compass, registry: ReporterRegistry = .builtIn,
        sample: @escaping @Sendable () -> Dataset = { Dataset.compassSample2022() }
    ) {
        self.catalogue = catalogue
        self.registry = registry
        self.sample = sample
    }

    /// What a run printed and its exit status.
    public struct Outcome: Hashable, Sendable {
        /// The exit status: 0 ok, 1 validation errors, 2 usage error.
        public var status: Int32
        /// What was written to standard output.
        public var standardOutput: String
        /// What was written to standard error.
        public var standardError: String
    }

    /// Runs the command with `CommandLine.arguments`, prints, and exits with its status.
    public func main() -> Never {
        // Memory freed goes back to the system (large blocks, and the free top of the heaps):
        // at a million migrants glibc's defaults kept some 6–13 MiB more at the peak.
        compass_map_large_blocks()
        let outcome = run(Array(CommandLine.arguments.dropFirst()))
        writeAll(outcome.standardOutput, to: STDOUT_FILENO)
        writeAll(outcome.standardError, to: STDERR_FILENO)
        exit(outcome.status)
    }

    /// Runs the command with `arguments` (without the program name) and returns what it printed.
    ///
    /// Files named by `--output` are written; nothing else touches the outside world.
    public func run(_ arguments: [String]) -> Outcome {
        var arguments = arguments
        let command = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "report"
        if arguments.first == command { arguments.removeFirst() }
        do {
            switch command {
            case "report": return try report(Options(arguments, allowed: Options.report))
            case "indicators": return try indicators(Options(arguments, allowed: Options.indicators))
            case "validate": return try validate(Options(arguments, allowed: Options.validate))
            case "formats": return try formats(Options(arguments, allowed: ["--help"]))
            case "sample": return try sampleCommand(Options(arguments, allowed: Options.sample))
            case "help": return Outcome(status: 0, standardOutput: Help.general, standardError: "")
            default:
                throw UsageError(
                    "unknown command '\(command)'; the commands are report, validate, indicators, formats and sample")
            }
        } catch let error as UsageError {
            return Outcome(
                status: 2, standardOutput: "",
                standardError: "compass: \(error.message) (see '\(Self.help(for: command))')\n")
        } catch {
            return Outcome(status: 1, standardOutput: "", standardError: "compass: \(error)\n")
        }
    }

    /// The help command for a command: its own, or the general one for `report` and unknown commands.
    static func help(for command: String) -> String {
        ["indicators", "formats", "sample", "validate"].contains(command)
            ? "compass \(command) --help" : "compass --help"
    }

    // MARK: Commands

    private func report(_ options: Options) throws -> Outcome {
        if options.help { return Outcome(status: 0, standardOutput: Help.report, standardError: "") }
        let language = try options.language()
        let period = try options.period(default: .year(2022))
        let formatID = options.values["--format"] ?? MarkdownReporter.format.id
        let reporter: any Reporter
        do {
            reporter = try registry.reporter(for: formatID, options: ReporterOptions(language: language))
        } catch {
            throw UsageError("\(error)")
        }
        var disclosure = DisclosureControl.standard
        if let text = options.values["--disclosure"] {
            guard let control = DisclosureControl(argument: text) else {
                throw UsageError("invalid --disclosure '\(text)'; use k=5, k=10, k=11, round=10 or off")
            }
            disclosure = control
        }
        let catalogue = try loadCatalogue(options)
        // The period is resolved once: the reader keeps the days it reads, the engine evaluates it.
        let resolved = try Engine.resolve(period, for: catalogue)
        // Only the records the evaluation can read are kept in memory; every record is checked.
        let data = try loadData(
            options, programme: catalogue.programme, keeping: resolved.readDays,
            attributes: catalogue.migrantAttributes)
        let report = try Engine(runner: ThreadRunner()).report(
            catalogue, on: data.dataset, period: resolved, disclosure: disclosure)
        // A strict report is not published over data with errors, as `validate` fails on them.
        let errors = report.findings.filter { $0.severity == .error }
        if !options.flags.contains("--lenient"), !errors.isEmpty {
            let count = errors.count
            throw DataFailure(
                description: data.log + errors.map { "\($0)\n" }.joined()
                    + "the data breaks \(count) rule\(count == 1 ? "" : "s") of error severity; nothing was published (`compass validate` names the records; fix the data, or use --lenient to publish with the findings)"
            )
        }
        // The columns (some 15 MiB at a million migrants) are unmapped on another thread while
        // this one renders the report.
        let log = data.log
        releaseOnAnotherThread(consume data)
        let text = try reporter.render(report)
        if let path = options.values["--output"] {
            try OutputFile.write(text, to: path)
            return Outcome(status: 0, standardOutput: "", standardError: log + "wrote \(path)\n")
        }
        return Outcome(status: 0, standardOutput: text, standardError: log)
    }

    private func indicators(_ options: Options) throws -> Outcome {
        if options.help { return Outcome(status: 0, standardOutput: Help.indicators, standardError: "") }
        let catalogue = try loadCatalogue(options)
        let text: String
        switch options.values["--format"] ?? "tsv" {
        case "tsv": text = Self.indicatorLines(catalogue)
        case "markdown": text = Self.indicatorTable(catalogue)
        case let other: throw UsageError("unknown list format '\(other)'; use --format tsv or --format markdown")
        }
        let errors = catalogue.validate().filter { $0.severity == .error }
        return Outcome(
            status: errors.isEmpty ? 0 : 1, standardOutput: text,
            standardError: errors.map { "compass: \($0)\n" }.joined())
    }

    /// One tab-separated line per indicator: id, work area, unit, English title.
    static func indicatorLines(_ catalogue: Catalogue) -> String {
        catalogue.indicators.map { indicator in
            "\(indicator.id)\t\(indicator.workArea ?? "-")\t\(indicator.unit.rawValue)\t\(indicator.title[.english])\n"
        }.joined()
    }

    /// A GitHub-flavoured Markdown table of the indicators: id, titles, work area, measure, breakdowns, presentation.
    static func indicatorTable(_ catalogue: Catalogue) -> String {
        var lines = [
            "| id | title | titre | work area | measure | breakdowns | shown as |",
            "| :-- | :-- | :-- | :-- | :-- | :-- | :-- |",
        ]
        for indicator in catalogue.indicators {
            var measure = indicator.measure.description
            if indicator.filter != .all { measure += ", for \(indicator.filter)" }
            let breakdowns =
                indicator.breakdowns.map(\.rawValue)
                + indicator.crossBreakdowns.map { "\($0.first.rawValue) × \($0.second.rawValue)" }
            let shown: String
            switch indicator.presentation {
            case .exact: shown = indicator.unit == .percent ? "whole percent" : "exact"
            case .lowerBound(let step): shown = "lower bound, step \(step)"
            }
            let cells = [
                indicator.id.rawValue, indicator.title[.english], indicator.title[.french], indicator.workArea ?? "–",
                measure, breakdowns.isEmpty ? "–" : breakdowns.joined(separator: ", "), shown,
            ]
            // Identifiers and measures read best as code; a code span cannot hold a backtick or a table's pipe.
            func code(_ text: String) -> String {
                text.contains("`") || text.contains("|") ? Markdown.escape(text) : "`\(text)`"
            }
            let row =
                [code(indicator.id.rawValue)] + cells[1...3].map(Markdown.escape) + [code(measure)]
                + cells[5...].map(Markdown.escape)
            lines.append("| " + row.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Catalogue and validation

    /// The catalogue of `--catalogue FILE` (a JSON catalogue), or the command's own.
    private func loadCatalogue(_ options: Options) throws -> Catalogue {
        guard let path = options.values["--catalogue"] else { return catalogue }
        return try Catalogue(contentsOfJSONFile: path)
    }

    /// `compass validate`: every problem of the data, the catalogue and the rules, then a summary.
    private func validate(_ options: Options) throws -> Outcome {
        if options.help { return Outcome(status: 0, standardOutput: Help.validate, standardError: "") }
        let period = try options.period(default: .programme)
        let catalogue = try loadCatalogue(options)
        let loaded = try loadData(options, programme: catalogue.programme, forceLenient: true)
        var lines: [String] = []
        var counts: [Finding.Severity: Int] = [:]
        for problem in loaded.result?.problems ?? [] {
            lines.append("\(problem) [\(problem.rule)]")
            counts[problem.severity, default: 0] += 1
        }
        var findings = catalogue.validate()
        if !findings.contains(where: { $0.severity == .error }) {
            do {
                findings = try Engine().evaluate(catalogue, on: loaded.dataset, period: period).findings
            } catch {
                findings =
                    error.findings.isEmpty
                    ? [Finding(.error, rule: "invalid-period", message: "\(error)")] : error.findings
            }
        }
        for finding in findings {
            lines.append(finding.description)
            counts[finding.severity, default: 0] += 1
        }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        lines.append(
            "\(plural(counts[.error] ?? 0, "error")), \(plural(counts[.warning] ?? 0, "warning")), \(plural(counts[.note] ?? 0, "note"))"
        )
        let accounting = loaded.result?.accounting.map { "\($0)\n" }.joined() ?? ""
        return Outcome(
            status: (counts[.error] ?? 0) > 0 ? 1 : 0, standardOutput: lines.joined(separator: "\n") + "\n",
            standardError: accounting)
    }

    private func formats(_ options: Options) throws -> Outcome {
        if options.help { return Outcome(status: 0, standardOutput: Help.formats, standardError: "") }
        let lines = registry.formats.map { "\($0.id)\t.\($0.fileExtension)\t\($0.mediaType)" }
        return Outcome(status: 0, standardOutput: lines.joined(separator: "\n") + "\n", standardError: "")
    }
}

/// A mistake in the command line, reported with exit status 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Parsed `--name value` options.
struct Options {
    static let report = Set(["--language", "--format", "--period", "--output", "--catalogue", "--disclosure", "--help"])
        .union(CompassCommand.dataOptions)
    static let indicators: Set<String> = ["--catalogue", "--format", "--help"]
    static let sample: Set<String> = ["--migrants", "--seed", "--calibrated", "--output", "--help"]
    static let validate = Set(["--period", "--catalogue", "--help"]).union(CompassCommand.dataOptions)
    static let flags: Set<String> = ["--help", "--strict", "--lenient"]

    var values: [String: String] = [:]
    var help = false
    /// The flags given other than `--help`.
    var flags: Set<String> = []

    init(_ arguments: [String], allowed: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            var name = arguments[index]
            var value: String?
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "-h" { name = "--help" }
            guard allowed.contains(name) else {
                throw UsageError(
                    name.hasPrefix("-") ? "unknown option '\(name)'" : "unexpected argument '\(name)'")
            }
            if Options.flags.contains(name) {
                if name == "--help" { help = true } else { flags.insert(name) }
                index += 1
                continue
            }
            if value == nil {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                    throw UsageError("option '\(name)' needs a value")
                }
                value = arguments[index + 1]
                index += 1
            }
            guard values[name] == nil else { throw UsageError("option '\(name)' is given twice") }
            values[name] = value
            index += 1
        }
    }

    func language() throws -> Language {
        guard let code = values["--language"] else { return .english }
        guard code == "en" || code == "fr" else {
            throw UsageError("unknown language '\(code)'; use --language en or --language fr")
        }
        return Language(code)
    }

    func period(default fallback: Period) throws -> Period {
        guard let text = values["--period"] else { return fallback }
        guard let period = Period(text) else {
            throw UsageError(
                "'\(text)' is not a period; write 2022, 2022-Q3, 2022-07, programme or 2021-01-01..2023-12-31")
        }
        return period
    }
}

/// Writes files through a temporary file and a rename, so a partial file is never left behind.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var status = stat()
        guard stat(folder.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw UsageError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else {
            throw UsageError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written = writeAll(text, to: descriptor)
        let closed = close(descriptor) == 0
        guard written, closed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UsageError("cannot write \(path): \(reason)")
        }
        // rename(2) replaces an existing file atomically: readers see the old file or the new one, never a part.
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UsageError("cannot write \(path): \(reason)")
        }
    }
}

/// Writes all of `text`'s UTF-8 bytes to a file descriptor, such as 1 for standard output; false on a failure.
@discardableResult
func writeAll(_ text: String, to descriptor: Int32) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }
}

enum Help {
    static let general = """
        compass: compute a migration programme's fact sheet from its records.

        Usage: compass [COMMAND] [OPTIONS]

        Commands:
          report       Compute the fact sheet and render it (the default command).
          indicators   List the indicators of the catalogue.
          formats      List the report formats.
          sample       Write a synthetic dataset, or the built-in 2022 sample, as files.
          validate     Print what validation finds in the catalogue, the data and the rules.
          help         Show this help.

        Run 'compass COMMAND --help' for a command's options.
        With no command, 'compass' prints the COMPASS 2022 fact sheet in Markdown,
        computed from the built-in synthetic sample.

        Exit status: 0 ok, 1 validation errors, 2 usage error.

        """

    static let report = """
        Usage: compass report [--data PATH [--strict|--lenient] [--rejects FILE]]
                              [--language en|fr] [--format ID] [--period P] [--output FILE] [--catalogue FILE]
                              [--disclosure k=5|k=10|k=11|round=10|off]

        Compute the fact sheet from a dataset (default: the built-in sample) and render it.

        Options:
          --language en|fr  Language of labels and numbers (default: en).
          --format ID       Report format; 'compass formats' lists them (default: markdown).
          --period P        2022, 2022-Q3, 2022-07, programme, or 2021-01-01..2023-12-31 (default: 2022).
          --output FILE     Write to FILE (through a temporary file) instead of standard output.
          --data PATH       Read the records from a dataset directory of CSV files or a JSON file;
                            the accounting of each file is printed on standard error.
          --strict          Any error in the data fails the command, after listing every problem (default).
          --lenient         Keep the good records; report each bad one and leave it out.
          --rejects FILE    Write the rejected records to FILE as CSV (file,line,rule,message,record).
          --catalogue FILE  Use the indicators of a JSON catalogue (see Documentation/Indicators.md).
          --disclosure D    Protect small breakdown cells: k=N suppresses cells of 1 to N-1 people and the
                            cells needed to protect them, round=N rounds cells down to a multiple of N,
                            off publishes them as counted (default: k=11; see Documentation/Privacy.md).
          -h, --help        Show this help.

        """

    static let indicators = """
        Usage: compass indicators [--catalogue FILE] [--format tsv|markdown]

        List the catalogue's indicators. Catalogue errors, if any, go to standard error with exit status 1.

        Options:
          --catalogue FILE    List a JSON catalogue (see Documentation/Indicators.md) instead of COMPASS's.
          --format tsv        One line per indicator: id, work area, unit and English title, tab-separated (default).
          --format markdown   A Markdown table: id, titles, work area, measure, breakdowns, presentation.
          -h, --help          Show this help.

        """

    static let validate = """
        Usage: compass validate [--data PATH] [--rejects FILE] [--period P] [--catalogue FILE]

        Read a dataset and validate the catalogue, then evaluate it and print every problem:
        the data's, located as file:line:column: column: message [rule], then the findings on
        the data and the rules, errors first, as severity [rule] message; then a summary.
        The accounting of each file (records read = accepted + rejected) goes to standard error.

        Options:
          --data PATH       A dataset directory of CSV files, or a JSON dataset (default: the built-in sample).
          --rejects FILE    Write the rejected records to FILE as CSV (file,line,rule,message,record).
          --period P        The period whose rules are checked: 2022, 2022-Q3, 2022-07, programme,
                            or 2021-01-01..2023-12-31 (default: programme).
          --catalogue FILE  Validate a JSON catalogue (see Documentation/Indicators.md).
          -h, --help        Show this help.

        Exit status: 0 no errors, 1 errors found, 2 usage error.

        """

    static let formats = """
        Usage: compass formats

        List the report formats: id, file extension and media type, tab-separated.

        """
}
