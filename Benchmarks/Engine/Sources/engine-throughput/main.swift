// The engine alone, on data already in memory: how many assistance records per second it
// evaluates a whole catalogue over (issue #6: 50 million or more on one core).
//
//   engine-throughput [--migrants N | --data DIR] [--rounds R] [--catalogue FILE] [--shuffled] [--json]
//
// Generates the synthetic dataset in memory (or reads one from DIR), prepares it once (timed on
// its own), then evaluates the built-in COMPASS catalogue and the benchmark's job catalogue for
// 2022, each for one warm-up round and R timed rounds, and prints the median and the fastest.
// The synthetic files list each migrant's records together, as many exports do, which lets the
// engine group rows by person in one pass; `--shuffled` puts the rows in a random order first
// (seeded), so that grouping takes its general path (a counting sort).
// Pin it to one core to measure one core: `taskset -c 0 engine-throughput`.
import Compass
import Foundation

/// Assistance records per second the engine should reach on one core.
let goal = 50_000_000.0

/// The benchmark's job catalogue, found beside this package's sources.
let defaultJobCatalogue: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)  // main.swift, engine-throughput, Sources, Engine
    return (components + ["job-catalogue.json"]).joined(separator: "/")
}()

let usage = """
    usage: engine-throughput [--migrants N | --data DIR] [--rounds R] [--catalogue FILE] [--shuffled] [--json]
      --migrants N      synthetic migrants generated in memory (seed 1); default 1000000
      --data DIR        read a dataset directory of CSV files instead
      --rounds R        timed rounds per catalogue, after one warm-up round; default 9
      --catalogue FILE  the job catalogue; default Benchmarks/job-catalogue.json
      --shuffled        put the assistance, survey and participant rows in a random order (seed 2) first
      --json            print the results as JSON instead of a table
    """

/// What the command line asks for.
struct Options {
    var migrants = 1_000_000
    var data: String?
    var rounds = 9
    var catalogue = defaultJobCatalogue
    var shuffled = false
    var json = false
}

/// A mistake on the command line, or rounds that disagree.
struct Failure: Error {
    var message: String
}

/// Reads the options from the command-line arguments (without the program name).
func parse(_ arguments: [String]) throws(Failure) -> Options {
    var options = Options()
    var remaining = arguments[...]
    func value(of option: String) throws(Failure) -> String {
        guard let value = remaining.popFirst() else { throw Failure(message: "\(option) needs a value") }
        return value
    }
    func positive(_ option: String) throws(Failure) -> Int {
        let text = try value(of: option)
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
            throw Failure(message: "\(option) needs a positive whole number, not '\(text)'")
        }
        return number
    }
    while let argument = remaining.popFirst() {
        switch argument {
        case "--migrants": options.migrants = try positive(argument)
        case "--data": options.data = try value(of: argument)
        case "--rounds": options.rounds = try positive(argument)
        case "--catalogue": options.catalogue = try value(of: argument)
        case "--shuffled": options.shuffled = true
        case "--json": options.json = true
        case "--help", "-h":
            print(usage)
            exit(0)
        default: throw Failure(message: "unknown argument '\(argument)'")
        }
    }
    return options
}

/// Seconds in a duration.
func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

/// Runs `work` once and returns its result and how long it took.
func timed<T>(_ work: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try work()
    return (result, seconds(clock.now - start))
}

/// An FNV-1a fold of every number of an evaluation, so that no part of the work can be dropped
/// by the optimiser and every round can be checked to give the same numbers.
func checksum(_ evaluation: Evaluation) -> UInt64 {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    func add(_ number: Int) {
        state = (state ^ UInt64(bitPattern: Int64(number))) &* 0x100_0000_01b3
    }
    for result in evaluation.results {
        switch result.value {
        case .count(let count): add(count)
        case .share(let fraction):
            add(fraction.numerator)
            add(fraction.denominator)
        }
        add(result.records)
        for breakdown in result.breakdowns {
            add(breakdown.total)
            for cell in breakdown.cells { add(cell.value) }
        }
        for breakdown in result.crossBreakdowns {
            add(breakdown.total)
            for cell in breakdown.cells { add(cell.value) }
        }
        if let overlap = result.overlap {
            add(overlap.distinct)
            add(overlap.peopleInSeveralParts)
        }
    }
    add(evaluation.findings.count)
    return state
}

/// The measurement of one catalogue.
struct Throughput: Encodable {
    var catalogue: String
    var indicators: Int
    var assistanceRows: Int
    var medianSeconds: Double
    var minSeconds: Double
    var recordsPerSecond: Double
    var meetsGoal: Bool
    var checksum: String
}

/// Everything the program measured.
struct Run: Encodable {
    var source: String
    var shuffled: Bool
    var migrants: Int
    var assistanceRows: Int
    var loadSeconds: Double
    var prepareSeconds: Double
    var period: String
    var rounds: Int
    var availableCores: Int
    var goalRecordsPerSecond: Double
    var jobPreparedSeparately: Bool
    var catalogues: [Throughput]
}

/// The middle value of a non-empty list (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Evaluates a catalogue once to warm up, then `rounds` timed times; every round must give the same numbers.
func measure(_ catalogue: Catalogue, named name: String, on prepared: PreparedDataset, rounds: Int) throws
    -> Throughput
{
    let period = Period.year(2022)
    let engine = Engine()
    let expected = checksum(try engine.evaluate(catalogue, on: prepared, period: period))
    var times: [Double] = []
    for round in 1...rounds {
        let (evaluation, elapsed) = try timed { try engine.evaluate(catalogue, on: prepared, period: period) }
        times.append(elapsed)
        guard checksum(evaluation) == expected else {
            throw Failure(message: "\(name): round \(round) gave other numbers than the warm-up round")
        }
    }
    let rows = prepared.recordCount(of: .assistance)
    let middle = median(times)
    let perSecond = Double(rows) / middle
    return Throughput(
        catalogue: name, indicators: catalogue.indicators.count, assistanceRows: rows, medianSeconds: middle,
        minSeconds: times.min() ?? middle, recordsPerSecond: perSecond, meetsGoal: perSecond >= goal,
        checksum: String(expected, radix: 16))
}

/// A whole number with thousands separators: 2,512,345.
func grouped(_ number: Int) -> String {
    let digits = String(number.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return number < 0 ? "-" + result : result
}

/// A number with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// Prints the run as a Markdown table.
func printTable(_ run: Run) {
    let source = run.source == "synthetic" ? "synthetic, seed 1, generated" : "read from \(run.source)"
    let rows = grouped(run.assistanceRows)
    print("engine alone: \(grouped(run.migrants)) migrants (\(source) in \(fixed(run.loadSeconds, 2)) s),")
    let order = run.shuffled ? "rows shuffled (seed 2), " : "rows in file order, "
    print("\(rows) assistance rows, \(order)prepared once in \(fixed(run.prepareSeconds, 2)) s; period \(run.period);")
    print("median and fastest of \(run.rounds) rounds after one warm-up; \(run.availableCores) core(s) available")
    if run.jobPreparedSeparately {
        print("the job catalogue states another programme: the data was prepared again for it (not timed)")
    }
    print()
    print("| catalogue | indicators | assistance rows | median s | min s | assistance records/s | ≥ 50 M/s |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in run.catalogues {
        let cells = [
            row.catalogue, "\(row.indicators)", grouped(row.assistanceRows), fixed(row.medianSeconds, 4),
            fixed(row.minSeconds, 4), "\(fixed(row.recordsPerSecond / 1e6, 1)) M", row.meetsGoal ? "yes" : "no",
        ]
        print("| " + cells.joined(separator: " | ") + " |")
    }
}

/// Prints the run as JSON, keys sorted and in snake case.
func printJSON(_ run: Run) throws {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(run), as: UTF8.self))
}

/// The cores this process may run on (fewer than the machine's under `taskset`), from `/proc/self/status`.
func availableCores() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
    else { return ProcessInfo.processInfo.activeProcessorCount }
    let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
    return mask.reduce(0) { count, digit in count + (digit.hexDigitValue ?? 0).nonzeroBitCount }
}

/// Prints a message on standard error and ends the program with a failure status.
func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("engine-throughput: \(message)\n".utf8))
    exit(status)
}

let options: Options
do {
    options = try parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error.message)\n\(usage)", status: 2)
}

do {
    let job = try Catalogue(contentsOfJSONFile: options.catalogue)
    var (dataset, loadSeconds) = try timed { () throws -> Dataset in
        if let directory = options.data { return try Dataset(contentsOfDirectory: directory) }
        return SyntheticData.generate(migrants: options.migrants, seed: 1)
    }
    if options.shuffled {
        var generator = SeededRandom(seed: 2)
        dataset.assistance.shuffle(using: &generator)
        dataset.surveys.shuffle(using: &generator)
        dataset.participants.shuffle(using: &generator)
    }
    let programme = Catalogue.compass.programme
    let (prepared, prepareSeconds) = timed { PreparedDataset(dataset, programme: programme) }
    // The job catalogue states its programme; a dataset prepared for another one would be refused.
    let preparedForJob = job.programme == programme ? prepared : PreparedDataset(dataset, programme: job.programme)
    let jobName = options.catalogue.split(separator: "/").last.map(String.init) ?? options.catalogue
    let run = Run(
        source: options.data ?? "synthetic", shuffled: options.shuffled, migrants: prepared.migrantCount,
        assistanceRows: prepared.recordCount(of: .assistance), loadSeconds: loadSeconds,
        prepareSeconds: prepareSeconds, period: "2022", rounds: options.rounds,
        availableCores: availableCores(), goalRecordsPerSecond: goal,
        jobPreparedSeparately: job.programme != programme,
        catalogues: [
            try measure(Catalogue.compass, named: "compass (built-in)", on: prepared, rounds: options.rounds),
            try measure(job, named: jobName, on: preparedForJob, rounds: options.rounds),
        ])
    if options.json { try printJSON(run) } else { printTable(run) }
} catch let error as Failure {
    fail(error.message)
} catch {
    fail("\(error)")
}
