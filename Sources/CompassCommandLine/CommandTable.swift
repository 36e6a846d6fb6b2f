// The commands and their options, declared once: the dispatcher, the option parser and the help
// text are all derived from this table, so an option cannot be accepted without being documented,
// nor documented without being accepted (in the spirit of swift-argument-parser).

/// One option of a command: its name, its value's placeholder, and its help.
struct OptionDescription: Sendable {
    /// The name, such as `--format`.
    var name: String
    /// The placeholder of its value, such as `ID`; empty for a flag.
    var value: String
    /// The help, one line per element.
    var help: [String]
    /// How the help names it, when not `name value`.
    var shown: String?

    init(_ name: String, _ value: String = "", _ help: String..., shown: String? = nil) {
        self.name = name
        self.value = value
        self.help = help
        self.shown = shown
    }

    var isFlag: Bool { value.isEmpty }
    var label: String { shown ?? (value.isEmpty ? name : "\(name) \(value)") }
}

/// One command: its name, one line for `compass --help`, its usage and its options.
struct CommandDescription: Sendable {
    var name: String
    var summary: String
    var usage: [String]
    var discussion: String
    var options: [OptionDescription]
    var footer: String = ""
    var run: @Sendable (CompassCommand, Options) throws -> CompassCommand.Outcome

    /// The command's options and the global ones.
    var allOptions: [OptionDescription] { options + CommandDescription.globalOptions }

    /// `compass COMMAND --help`.
    var help: String {
        var text = usage.enumerated().map { ($0.offset == 0 ? "Usage: " : "       ") + $0.element }
        text += ["", discussion, "", "Options:"]
        text += CommandDescription.table(allOptions.map { ($0.label, $0.help) })
        if !footer.isEmpty { text += ["", footer] }
        return text.joined(separator: "\n") + "\n\n"
    }

    /// Two columns: a label, then its lines of help aligned after the longest label.
    static func table(_ rows: [(String, [String])]) -> [String] {
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        var lines: [String] = []
        for (label, help) in rows {
            for (index, line) in help.enumerated() {
                let left = index == 0 ? label : ""
                lines.append("  " + left + String(repeating: " ", count: width - left.count) + line)
            }
        }
        return lines
    }

    /// The options every command takes.
    static let globalOptions = [
        OptionDescription(
            "--quiet", "", "Show no progress line. Progress is shown on standard error only when it is",
            "a terminal (never in a pipe or CI), while reading a dataset or writing a sample."),
        OptionDescription("--help", "", "Show the help of the command.", shown: "-h, --help"),
    ]

    /// The exit statuses, as ``CompassCommand/run(_:)`` returns them.
    static let exitStatus = [
        ("0", ["All went well."]),
        (
            "1",
            [
                "Errors were found in the data, the catalogue or the rules, and the command refused to go on",
                "(validate and indicators list them; report stops on them unless --lenient), or a file could",
                "not be read or written.",
            ]
        ),
        (
            "2",
            [
                "A usage error: an unknown command or option, a missing or invalid value, or an --output",
                "whose folder does not exist. One line on standard error names the problem and the help to read.",
            ]
        ),
    ]
}

extension CompassCommand {
    /// Every command, in the order `compass --help` lists them.
    static let commands: [CommandDescription] = [
        CommandDescription(
            name: "report", summary: "Compute the fact sheet and render it (the default command).",
            usage: [
                "compass report [--data PATH [--strict|--lenient] [--rejects FILE]]",
                "               [--language en|fr] [--format ID] [--period P] [--output FILE] [--catalogue FILE]",
                "               [--disclosure k=5|k=10|k=11|round=10|off]",
            ],
            discussion: "Compute the fact sheet from a dataset (default: the built-in sample) and render it.",
            options: [
                OptionDescription("--language", "en|fr", "Language of labels and numbers (default: en)."),
                OptionDescription(
                    "--format", "ID", "Report format; 'compass formats' lists them (default: markdown).",
                    "md is accepted for markdown, htm for html."),
                OptionDescription(
                    "--period", "P", "2022, 2022-Q3, 2022-07, programme, or 2021-01-01..2023-12-31 (default: 2022)."),
                OptionDescription(
                    "--output", "FILE", "Write to FILE (through a temporary file) instead of standard output."),
                OptionDescription(
                    "--data", "PATH", "Read the records from a dataset directory of CSV files or a JSON file;",
                    "the accounting of each file is printed on standard error."),
                OptionDescription(
                    "--strict", "", "Any error in the data fails the command, after listing every problem (default)."),
                OptionDescription("--lenient", "", "Keep the good records; report each bad one and leave it out."),
                OptionDescription(
                    "--rejects", "FILE", "Write the rejected records to FILE as CSV (file,line,rule,message,record)."),
                OptionDescription(
                    "--catalogue", "FILE", "Use the indicators of a JSON catalogue (see Documentation/Indicators.md)."),
                OptionDescription(
                    "--disclosure", "D",
                    "Protect small breakdown cells: k=N suppresses cells of 1 to N-1 people and the",
                    "cells needed to protect them, round=N rounds cells down to a multiple of N,",
                    "off publishes them as counted (default: k=11; see Documentation/Privacy.md)."),
            ],
            run: { try $0.report($1) }),
        CommandDescription(
            name: "validate", summary: "Print what validation finds in the catalogue, the data and the rules.",
            usage: ["compass validate [--data PATH] [--rejects FILE] [--period P] [--catalogue FILE]"],
            discussion: """
                Read a dataset and validate the catalogue, then evaluate it and print every problem:
                the data's, located as file:line:column: column: message [rule], then the findings on
                the data and the rules, errors first, as severity [rule] message; then a summary.
                The accounting of each file (records read = accepted + rejected) goes to standard error.
                """,
            options: [
                OptionDescription(
                    "--data", "PATH",
                    "A dataset directory of CSV files, or a JSON dataset (default: the built-in sample)."),
                OptionDescription(
                    "--rejects", "FILE", "Write the rejected records to FILE as CSV (file,line,rule,message,record)."),
                OptionDescription(
                    "--period", "P", "The period whose rules are checked: 2022, 2022-Q3, 2022-07, programme,",
                    "or 2021-01-01..2023-12-31 (default: programme)."),
                OptionDescription(
                    "--catalogue", "FILE", "Validate a JSON catalogue (see Documentation/Indicators.md)."),
                OptionDescription(
                    "--strict", "", "Ignored: validate always reads every record and lists every problem."),
                OptionDescription("--lenient", "", "Ignored, likewise."),
            ],
            footer: "Exit status: 0 no errors, 1 errors found, 2 usage error.",
            run: { try $0.validate($1) }),
        CommandDescription(
            name: "indicators", summary: "List the indicators of the catalogue.",
            usage: ["compass indicators [--catalogue FILE] [--format tsv|markdown]"],
            discussion:
                "List the catalogue's indicators. Catalogue errors, if any, go to standard error with exit status 1.",
            options: [
                OptionDescription(
                    "--catalogue", "FILE",
                    "List a JSON catalogue (see Documentation/Indicators.md) instead of COMPASS's."
                ),
                OptionDescription(
                    "--format", "tsv|markdown",
                    "tsv: one line per indicator: id, work area, unit and English title, tab-separated (default);",
                    "tabs, line breaks and other control characters in a field are written as spaces.",
                    "markdown: a Markdown table: id, titles, work area, measure, breakdowns, presentation."),
            ],
            run: { try $0.indicators($1) }),
        CommandDescription(
            name: "formats", summary: "List the report formats.", usage: ["compass formats"],
            discussion: "List the report formats: id, file extension and media type, tab-separated.", options: [],
            run: { try $0.formats($1) }),
        CommandDescription(
            name: "sample", summary: "Write a synthetic dataset, or the built-in 2022 sample, as files.",
            usage: [
                "compass sample --migrants N [--seed S] --output PATH",
                "compass sample --calibrated 2022 --output PATH",
            ],
            discussion:
                "Write a synthetic dataset: a directory of CSV files, or one JSON file when PATH ends in .json.",
            options: [
                OptionDescription(
                    "--migrants", "N", "Generate N migrants (1 to 10,000,000) with about 2.5 assistance records",
                    "each across 2021-2023, and the other records in proportion; streamed to disk."),
                OptionDescription("--seed", "S", "The seed (default: 1): the same seed writes the same bytes."),
                OptionDescription(
                    "--calibrated", "2022", "Write the built-in sample from which the 2022 fact sheet is computed."),
                OptionDescription("--output", "PATH", "The directory (created when missing) or .json file to write."),
            ],
            run: { try $0.sampleCommand($1) }),
        CommandDescription(
            name: "help", summary: "Show this help, or a command's: compass help COMMAND.",
            usage: ["compass help [COMMAND]"], discussion: "Show the list of commands, or the help of COMMAND.",
            options: [], run: { _, _ in Outcome(status: 0, standardOutput: generalHelp, standardError: "") }),
    ]

    /// `compass --help`: every command with one line each, the global options and the exit statuses.
    static var generalHelp: String {
        var lines = [
            "compass: compute a migration programme's fact sheet from its records.", "",
            "Usage: compass [COMMAND] [OPTIONS]", "", "Commands:",
        ]
        lines += CommandDescription.table(commands.map { ($0.name, [$0.summary]) })
        lines += ["", "Options of every command:"]
        lines += CommandDescription.table(CommandDescription.globalOptions.map { ($0.label, $0.help) })
        lines += [
            "", "Run 'compass COMMAND --help' for a command's options.",
            "With no command, 'compass' prints the COMPASS 2022 fact sheet in Markdown,",
            "computed from the built-in synthetic sample.", "", "Exit status:",
        ]
        lines += CommandDescription.table(CommandDescription.exitStatus)
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// The commands as a sentence, for the error of an unknown one: "report, validate, … and sample".
    static var commandList: String {
        let names = commands.map(\.name).filter { $0 != "help" }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }
}
