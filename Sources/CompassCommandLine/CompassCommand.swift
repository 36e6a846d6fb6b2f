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
/// Exit status: 0 when all went well; 1 when errors were found in the data, the
/// catalogue or the rules and the command refused to go on, or a file could not be
/// read or written; 2 for a usage error (one line on standard error names the
/// problem and the help to read). `compass --help` lists the commands.
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
        /// The exit status: 0 ok, 1 errors found or a file unreadable, 2 usage error.
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
        // A report that could not be written is a failure, not a success with nothing to show.
        guard writeAll(outcome.standardOutput, to: STDOUT_FILENO) else {
            let reason = String(cString: strerror(errno))
            writeAll(outcome.standardError, to: STDERR_FILENO)
            writeAll("compass: cannot write to standard output: \(reason)\n", to: STDERR_FILENO)
            exit(1)
        }
        writeAll(outcome.standardError, to: STDERR_FILENO)
        exit(outcome.status)
    }

    /// Runs the command with `arguments` (without the program name) and returns what it printed.
    ///
    /// Files named by `--output` are written; nothing else touches the outside world.
    public func run(_ arguments: [String]) -> Outcome {
        var arguments = arguments
        // `compass --help` and `compass -h` list the commands; `compass --format html` is a report.
        if let first = arguments.first, first == "--help" || first == "-h" { arguments[0] = "help" }
        let command = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "report"
        if arguments.first == command { arguments.removeFirst() }
        do {
            guard let description = Self.commands.first(where: { $0.name == command }) else {
                throw UsageError("unknown command '\(command)'; the commands are \(Self.commandList)")
            }
            if command == "help", let topic = arguments.first, !topic.hasPrefix("-") {
                guard let described = Self.commands.first(where: { $0.name == topic }) else {
                    throw UsageError("unknown command '\(topic)'; the commands are \(Self.commandList)")
                }
                return Outcome(status: 0, standardOutput: described.help, standardError: "")
            }
            let options = try Options(arguments, allowed: description.allOptions)
            if options.help, command != "help" {
                return Outcome(status: 0, standardOutput: description.help, standardError: "")
            }
            return try description.run(self, options)
        } catch let error as UsageError {
            return Outcome(
                status: 2, standardOutput: "",
                standardError: "compass: \(error.message) (see '\(Self.help(for: command))')\n")
        } catch {
            return Outcome(status: 1, standardOutput: "", standardError: "compass: \(error)\n")
        }
    }

    /// The help command for a command: its own, or the general one for unknown commands.
    static func help(for command: String) -> String {
        commands.contains { $0.name == command && $0.name != "help" } ? "compass \(command) --help" : "compass --help"
    }

    // MARK: Commands

    func report(_ options: Options) throws -> Outcome {
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
        var report = try Engine(runner: ThreadRunner()).report(
            catalogue, on: data.dataset, period: resolved, disclosure: disclosure)
        // The report states what it rests on: the files' accounting when read from --data.
        let strict = !options.flags.contains("--lenient")
        if let read = data.result {
            report.rest(on: read, strict: strict)
        } else if strict, var basis = report.basis {
            basis.validated = !basis.findings.contains { $0.severity == .error }
            report.basis = basis
        }
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
            try OutputFile.refuseInput(
                path, option: "--output", inputs: [options.values["--catalogue"]].compactMap { $0 })
            try OutputFile.write(text, to: path)
            return Outcome(status: 0, standardOutput: "", standardError: log + "wrote \(path)\n")
        }
        return Outcome(status: 0, standardOutput: text, standardError: log)
    }

    func indicators(_ options: Options) throws -> Outcome {
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
    ///
    /// A field never holds a tab, a line break or another control character (each becomes a
    /// space), so every line has exactly four fields whatever the catalogue's texts hold.
    static func indicatorLines(_ catalogue: Catalogue) -> String {
        catalogue.indicators.map { indicator in
            [indicator.id.rawValue, indicator.workArea ?? "-", indicator.unit.rawValue, indicator.title[.english]]
                .map(tsvField).joined(separator: "\t") + "\n"
        }.joined()
    }

    /// `text` with each control character (tab, CR, LF, and the rest of C0 and C1) and each Unicode
    /// line or paragraph separator replaced by a space.
    static func tsvField(_ text: String) -> String {
        var field = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: field.append(" ")
            default: field.append(scalar)
            }
        }
        return String(field)
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
    func validate(_ options: Options) throws -> Outcome {
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

    func formats(_ options: Options) throws -> Outcome {
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
    var values: [String: String] = [:]
    var help = false
    /// The flags given other than `--help`.
    var flags: Set<String> = []

    /// Parses `arguments` against a command's options; any other option is a usage error.
    init(_ arguments: [String], allowed: [OptionDescription]) throws {
        var index = 0
        while index < arguments.count {
            var name = arguments[index]
            var value: String?
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "-h" { name = "--help" }
            guard let option = allowed.first(where: { $0.name == name }) else {
                throw UsageError(
                    name.hasPrefix("-") ? "unknown option '\(name)'" : "unexpected argument '\(name)'")
            }
            if option.isFlag {
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
    /// Whether two paths name the same existing file: the same device and inode, whatever the names.
    static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        return stat(first, &a) == 0 && stat(second, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Refuses an output path that names one of the run's inputs, so that writing cannot destroy them.
    ///
    /// - Parameters:
    ///   - output: The path to write, such as `--output` or `--rejects`.
    ///   - option: The option that named it, for the message.
    ///   - inputs: The files the run reads: the dataset's files, the catalogue.
    static func refuseInput(_ output: String, option: String, inputs: [String]) throws {
        if let input = inputs.first(where: { isSameFile(output, $0) }) {
            throw UsageError("\(option) \(output) is the input \(input); write the output elsewhere")
        }
    }

    /// The files a dataset path holds: the files of the format in a directory, or the path itself.
    static func datasetFiles(_ path: String) -> [String] {
        var status = stat()
        guard stat(path, &status) == 0 else { return [] }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        return DatasetFile.allCases.map { URL(fileURLWithPath: path).appendingPathComponent($0.fileName).path }
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var status = stat()
        guard stat(folder.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw UsageError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        // Only a regular file is ever replaced: never a device, a FIFO or a directory.
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            throw DataFailure(
                description: "cannot write \(path): not a regular file; an output only replaces a regular file")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else {
            throw DataFailure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let written = writeAll(text, to: descriptor)
        let closed = close(descriptor) == 0
        guard written, closed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DataFailure(description: "cannot write \(path): \(reason)")
        }
        // rename(2) replaces an existing file atomically: readers see the old file or the new one, never a part.
        guard rename(temporary, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DataFailure(description: "cannot write \(path): \(reason)")
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
