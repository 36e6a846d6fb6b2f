import Compass
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The commands and options that read, check and generate datasets (issue #5):
// `sample`, `validate`, and `--data`, `--strict`, `--lenient`, `--rejects` on `report`.

/// A dataset that could not be used: the text lists every problem and the accounting.
struct DataFailure: Error, CustomStringConvertible {
    let description: String
}

/// A dataset read for a command, with what to print on standard error about it.
struct LoadedData {
    /// The records, prepared for evaluation.
    var dataset: PreparedDataset
    /// Problems and accounting, one per line.
    var log: String
    /// What the reader found, when the data was read from `--data`.
    var result: PreparedReadResult?
}

extension CompassCommand {
    /// Reads the dataset named by `--data` straight into columns checked against `programme`,
    /// or prepares the built-in sample when there is none.
    ///
    /// Strict by default: any error fails the command, after every problem is listed.
    /// With `--lenient` the good records are kept and each bad one is reported.
    ///
    /// - Parameters:
    ///   - keptDays: Keep the assistance and survey records of these days only (all are checked).
    ///   - attributes: Keep these attributes of migrants only (all records are checked).
    ///   - forceLenient: Read leniently whatever the options say, and keep even a dataset that
    ///     cannot be used (for `validate`, which lists its problems).
    func loadData(
        _ options: Options, programme: Programme, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all, forceLenient: Bool = false
    ) throws -> LoadedData {
        if options.flags.contains("--strict"), options.flags.contains("--lenient") {
            throw UsageError("choose one of --strict and --lenient")
        }
        guard let path = options.values["--data"] else {
            if options.values["--rejects"] != nil || !options.flags.isDisjoint(with: ["--strict", "--lenient"]) {
                throw UsageError("--strict, --lenient and --rejects apply to a dataset given with --data PATH")
            }
            return LoadedData(
                dataset: PreparedDataset(sample(), programme: programme, keeping: keptDays, attributes: attributes),
                log: "", result: nil)
        }
        let lenient = forceLenient || options.flags.contains("--lenient")
        // A mistyped path is not a problem of the data: say so, without suggesting --lenient.
        if !forceLenient, access(path, F_OK) != 0 {
            throw DataFailure(description: "no such directory or file: \(path)")
        }
        let progress = ProgressLine.forTerminal(quiet: options.flags.contains("--quiet"))
        let inputs = OutputFile.datasetFiles(path) + [options.values["--catalogue"]].compactMap { $0 }
        if let rejects = options.values["--rejects"] {
            try OutputFile.refuseInput(rejects, option: "--rejects", inputs: inputs)
        }
        if let output = options.values["--output"] {
            try OutputFile.refuseInput(output, option: "--output", inputs: inputs)
        }
        var readerOptions = DatasetReader.Options(rejectsPath: options.values["--rejects"])
        if let progress {
            readerOptions.progress = { @Sendable step in
                var text = "reading \(step.file): \(step.bytesRead >> 20) MB"
                if let total = step.totalBytes, total > 0 {
                    text += " of \(total >> 20) MB (\(step.bytesRead * 100 / total) %)"
                }
                progress.show(text, final: step.bytesRead == step.totalBytes)
            }
        }
        let reader = DatasetReader(options: readerOptions)
        let result = reader.prepare(from: path, programme: programme, keeping: keptDays, attributes: attributes)
        progress?.clear()
        var lines = result.problems.map { "\($0)" }
        lines += result.accounting.map { "\($0)" }
        let errors = result.errors.count
        if !forceLenient, result.problems.contains(where: { $0.rule == "unwritable-file" }) {
            // The rejects asked for could not be written: the run did not do what it was told.
            throw DataFailure(description: lines.joined(separator: "\n"))
        }
        if !forceLenient, !result.unusable.isEmpty {
            // Nothing to compute from: a report would be a page of zeros, lenient or not.
            lines.append("the dataset cannot be used; nothing was computed")
            throw DataFailure(description: lines.joined(separator: "\n"))
        }
        if !lenient, errors > 0 {
            lines.append(
                "the dataset has \(errors) error\(errors == 1 ? "" : "s"); nothing was computed (fix the data, or use --lenient to keep the good records)"
            )
            throw DataFailure(description: lines.joined(separator: "\n"))
        }
        return LoadedData(dataset: result.dataset, log: lines.map { $0 + "\n" }.joined(), result: result)
    }

    /// `compass sample`: writes a synthetic dataset, or the built-in 2022 sample.
    func sampleCommand(_ options: Options) throws -> Outcome {
        guard let output = options.values["--output"] else {
            throw UsageError("give the dataset's directory (or .json file) with --output PATH")
        }
        let json = output.lowercased().hasSuffix(".json")
        let dataset: Dataset?
        var summary: [String] = []
        switch (options.values["--migrants"], options.values["--calibrated"]) {
        case (let count?, nil):
            guard let migrants = Int(count), (1...10_000_000).contains(migrants) else {
                throw UsageError("--migrants takes a whole number from 1 to 10,000,000, not '\(count)'")
            }
            let seedText = options.values["--seed"] ?? "1"
            guard let seed = UInt64(seedText) else {
                throw UsageError("--seed takes a whole number from 0 to 18446744073709551615, not '\(seedText)'")
            }
            let line = ProgressLine.forTerminal(quiet: options.flags.contains("--quiet"))
            let progress: SyntheticData.ProgressHandler? = line.map { line in
                { @Sendable step in
                    line.show(
                        "generating: \(thousands(step.migrantsGenerated)) of \(thousands(step.totalMigrants)) migrants (\(step.percent) %)",
                        final: step.percent == 100)
                }
            }
            defer { line?.clear() }
            if json {
                dataset = SyntheticData.generate(migrants: migrants, seed: seed, progress: progress)
            } else {
                let counts = try SyntheticData.write(
                    migrants: migrants, seed: seed, toDirectory: output, progress: progress)
                summary = counts.map { "\($0.file.fileName): \(thousands($0.records)) records" }
                dataset = nil
            }
        case (nil, let year?):
            guard year == "2022" else { throw UsageError("--calibrated knows only 2022, not '\(year)'") }
            if options.values["--seed"] != nil { throw UsageError("--seed applies to --migrants, not --calibrated") }
            dataset = Dataset.compassSample2022()
        default:
            throw UsageError("give either --migrants N or --calibrated 2022")
        }
        if let dataset {
            if json {
                try dataset.writeJSON(to: output)
            } else {
                try dataset.write(toDirectory: output)
            }
            summary = [
                "migrants: \(thousands(dataset.migrants.count))", "assistance: \(thousands(dataset.assistance.count))",
                "records in all: \(thousands(dataset.recordCount))",
            ]
        }
        return Outcome(
            status: 0, standardOutput: "",
            standardError: "wrote \(output)\n" + summary.map { "  \($0)\n" }.joined())
    }

}

/// `value` with commas between groups of three digits.
func thousands(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, digit != "-", (digits.count - index) % 3 == 0 { result += "," }
        result.append(digit)
    }
    return result
}

/// A progress line on standard error, shown only when standard error is a terminal and
/// `--quiet` is not given: never in a pipe, a file or CI.
///
/// Drawn at most ten times a second, so that frequent callbacks cost little; a final step is
/// always drawn.
final class ProgressLine: Sendable {
    /// When the line was last drawn, in nanoseconds of the monotonic clock.
    private let lastDrawn = Mutex<UInt64>(0)

    static func forTerminal(quiet: Bool) -> ProgressLine? { !quiet && isatty(2) == 1 ? ProgressLine() : nil }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Draws `text` over the line, unless it was drawn less than 0.1 s ago and `final` is false.
    func show(_ text: String, final: Bool = false) {
        let now = ProgressLine.now()
        let draw = lastDrawn.withLock { last in
            guard final || now >= last + 100_000_000 else { return false }
            last = now
            return true
        }
        if draw { writeAll("\r" + text + "\u{1B}[K", to: STDERR_FILENO) }
    }

    func clear() { writeAll("\r\u{1B}[K", to: STDERR_FILENO) }
}
