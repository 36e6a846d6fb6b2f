public import CompassCore

/// Renders a report as a tidy CSV table: one row per indicator total and per breakdown cell.
///
/// The table is in long format, one observation per row, so a spreadsheet pivot,
/// pandas or R reads it without reshaping. Each indicator gives a total row
/// (dimension `total`) followed by one row per cell of each of its breakdowns:
///
/// | column | holds |
/// |---|---|
/// | `indicator_id` | the indicator's id |
/// | `indicator_title` | its title in the reporter's language |
/// | `work_area` | the id of its work area |
/// | `period_start`, `period_end` | the days reported on, ISO 8601 |
/// | `dimension` | `total`, or the breakdown's dimension code such as `sex` |
/// | `category_code` | empty on a total row, else the category's code such as `female` |
/// | `category` | the category's label, or "Total" |
/// | `value` | the count, or a share's whole percent; empty for a share over zero |
/// | `share_percent` | the cell's whole percent of its breakdown; a share's percent on its total row |
/// | `numerator`, `denominator` | the exact fraction behind the percent |
/// | `unit` | `people`, `records`, `visitors` or `percent` |
/// | `display` | the value as the fact sheet shows it, such as `> 170,000` |
/// | `dimension_2`, `category_code_2`, `category_2` | on a crossed cell, the second dimension and its category; else empty |
/// | `baseline`, `target` | on a total row, the indicator's baseline and target, if it has them |
/// | `progress_percent` | on a total row, the whole percent of the way from the baseline to the target |
/// | `progress_numerator`, `progress_denominator` | the exact fraction behind `progress_percent` |
///
/// When the report states what its figures rest on (`Report.basis`), rows with
/// `indicator_id` `data-basis` close the table, one per source or file: `category_code` the
/// file (or source), `value` and `numerator` the records accepted, `denominator` those read,
/// and `indicator_title` the statement the other formats show.
///
/// A suppressed cell has empty `value`, `share_percent`, `numerator` and `denominator`
/// and `–` as its `display`; its true value is not in the report at all.
///
/// A crossed breakdown, such as country × sex, gives one row per non-zero cell after
/// the simple breakdowns: `dimension`, `category_code` and `category` hold the first
/// dimension's category (`country`, `MLI`, Mali), the `_2` columns the second's
/// (`sex`, `female`, Women), and `share_percent` the cell's percent of all the crossed
/// cells. Filter on an empty `dimension_2` to keep only the simple breakdowns.
///
/// The text follows RFC 4180: records end with CRLF, and a field holding a comma,
/// a double quote, a carriage return or a line feed is quoted, its quotes doubled.
/// Fields are inspected by Unicode scalar, so a `"\r\n"` grapheme is seen for what it is.
///
/// By default the table is safe to open in a spreadsheet: a text cell that begins
/// with `=`, `+`, `-`, `@`, a tab, a carriage return or a line feed is prefixed with
/// a single quote (OWASP's advice against CSV formula injection), so a title such as
/// `=cmd|' /C calc'!A0` is shown, never run. Numeric columns (`value`,
/// `share_percent`, `numerator`, `denominator`) are never touched. Pass
/// `formulaGuard: false` when the file is read only by programs that want the text
/// exactly as it is.
///
/// With `hxl: true` the second line is a row of HXL hashtags (`#indicator+code`,
/// `#date+start`, …), so that HXL tools can read the table.
///
/// ```swift
/// let csv = try CSVReporter(language: .french, hxl: true).render(report)
/// ```
public struct CSVReporter: Reporter {
    /// The CSV format: id `csv`, extension `csv`, `text/csv`.
    public static let format = ReportFormat(id: "csv", fileExtension: "csv", mediaType: "text/csv; charset=utf-8")
    /// The language of titles, labels and the `display` column.
    public var language: Language
    /// Whether text cells that a spreadsheet would read as a formula are prefixed with `'`.
    public var formulaGuard: Bool
    /// Whether an HXL hashtag row follows the header row.
    public var hxl: Bool
    /// Whether the text starts with a UTF-8 byte order mark, which some spreadsheets need to detect UTF-8.
    public var byteOrderMark: Bool

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - language: The language of titles, labels and displayed figures; English by default.
    ///   - formulaGuard: Whether to neutralise text cells that a spreadsheet would read as a formula; on by default.
    ///   - hxl: Whether to add the HXL hashtag row as the second line; off by default.
    ///   - byteOrderMark: Whether to start with U+FEFF; off by default.
    public init(
        language: Language = .english, formulaGuard: Bool = true, hxl: Bool = false, byteOrderMark: Bool = false
    ) {
        self.language = language
        self.formulaGuard = formulaGuard
        self.hxl = hxl
        self.byteOrderMark = byteOrderMark
    }

    /// The columns, in order.
    public static let columns = [
        "indicator_id", "indicator_title", "work_area", "period_start", "period_end", "dimension", "category_code",
        "category", "value", "share_percent", "numerator", "denominator", "unit", "display", "dimension_2",
        "category_code_2", "category_2", "baseline", "target", "progress_percent", "progress_numerator",
        "progress_denominator",
    ]

    /// The HXL hashtag of each column, in the order of ``columns``.
    public static let hxlTags = [
        "#indicator+code", "#indicator+name", "#sector+code", "#date+start", "#date+end", "#meta+dimension",
        "#meta+category+code", "#meta+category+name", "#indicator+value+num", "#indicator+value+pct",
        "#indicator+numerator+num", "#indicator+denominator+num", "#indicator+unit", "#meta+display",
        "#meta+dimension+second", "#meta+category+code+second", "#meta+category+name+second",
        "#indicator+baseline+num", "#indicator+target+num", "#indicator+progress+pct",
        "#indicator+progress+numerator+num", "#indicator+progress+denominator+num",
    ]

    public func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: language)
        var output = byteOrderMark ? "\u{FEFF}" : ""
        func write(_ fields: [Field]) {
            output += fields.map { field in
                switch field {
                case .number(let value): value.map(String.init) ?? ""
                case .text(let text): CSV.quote(formulaGuard ? CSV.guardFormula(text) : text)
                }
            }.joined(separator: ",")
            output += "\r\n"
        }
        write(Self.columns.map { .text($0) })
        if hxl { write(Self.hxlTags.map { .text($0) }) }
        let noProgress = [Field](repeating: .number(nil), count: 5)
        let start = report.dates.start.description
        let end = report.dates.end.description
        for section in report.sections {
            for entry in section.entries {
                let title = entry.title[language]
                let unit = entry.unit.rawValue
                var percent: Int?
                var numerator: Int?
                var denominator: Int?
                if case .share(let fraction) = entry.value {
                    percent = fraction.percent
                    numerator = fraction.numerator
                    denominator = fraction.denominator
                }
                write([
                    .text(entry.id.rawValue), .text(title), .text(section.workArea.id), .text(start), .text(end),
                    .text("total"), .text(""), .text(ReportTerm.total(language)), .number(entry.value.number),
                    .number(percent), .number(numerator), .number(denominator), .text(unit),
                    .text(style.display(entry)), .text(""), .text(""), .text(""),
                    .number(entry.progress?.baseline), .number(entry.progress?.target),
                    .number(entry.progress?.percent), .number(entry.progress?.achieved.numerator),
                    .number(entry.progress?.achieved.denominator),
                ])
                for breakdown in entry.breakdowns {
                    for cell in breakdown.cells {
                        let hidden = cell.protection?.isSuppressed ?? false
                        write(
                            [
                                .text(entry.id.rawValue), .text(title), .text(section.workArea.id), .text(start),
                                .text(end), .text(breakdown.dimension.rawValue), .text(cell.category.code),
                                .text(cell.category.label[language]), .number(hidden ? nil : cell.value),
                                .number(cell.percent), .number(hidden ? nil : cell.fraction.numerator),
                                .number(hidden ? nil : cell.fraction.denominator), .text(unit),
                                .text(style.cell(cell.value, cell.protection)), .text(""), .text(""), .text(""),
                            ] + noProgress)
                    }
                }
                for crossed in entry.crossBreakdowns {
                    for cell in crossed.cells {
                        let hidden = cell.protection?.isSuppressed ?? false
                        write(
                            [
                                .text(entry.id.rawValue), .text(title), .text(section.workArea.id), .text(start),
                                .text(end), .text(crossed.dimensions.first.rawValue), .text(cell.first.code),
                                .text(cell.first.label[language]), .number(hidden ? nil : cell.value),
                                .number(cell.percent), .number(hidden ? nil : cell.fraction.numerator),
                                .number(hidden ? nil : cell.fraction.denominator), .text(unit),
                                .text(style.cell(cell.value, cell.protection)),
                                .text(crossed.dimensions.second.rawValue),
                                .text(cell.second.code), .text(cell.second.label[language]),
                            ] + noProgress)
                    }
                }
            }
        }
        // What the figures rest on: one row per source or file, records accepted of those read,
        // the statement in the title column.
        if let basis = report.basis {
            let statement = style.basis(basis)
            for records in basis.records {
                let name = records.file ?? records.source.rawValue
                write(
                    [
                        .text("data-basis"), .text(statement), .text(""), .text(start), .text(end), .text("records"),
                        .text(name), .text(name), .number(records.accepted), .number(nil), .number(records.accepted),
                        .number(records.read), .text("records"),
                        .text(
                            "\(style.integer(records.accepted)) \(ReportTerm.outOf(language)) \(style.integer(records.read))"
                        ),
                        .text(""), .text(""), .text(""),
                    ] + noProgress)
            }
        }
        return output
    }

    /// A field of a row: a number written as plain digits, or a text.
    private enum Field {
        case number(Int?)
        case text(String)
    }
}

/// The quoting and formula-guard rules of ``CSVReporter``, for reporters of your own.
public enum CSV {
    /// Quotes a field when RFC 4180 requires it: when it holds `,`, `"`, CR or LF.
    ///
    /// The field is inspected by Unicode scalar, not by `Character`, so a CR LF
    /// pair (one `Character`) is found. Quotes inside are doubled.
    ///
    /// ```swift
    /// CSV.quote("a,b")        // "\"a,b\""
    /// CSV.quote("say \"hi\"") // "\"say \"\"hi\"\"\""
    /// CSV.quote("plain")      // "plain"
    /// ```
    public static func quote(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        var quoted = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        quoted.unicodeScalars.append("\"")
        return quoted
    }

    /// The first characters that make a spreadsheet read a cell as a formula: `= + - @`, tab, CR and LF.
    public static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// Prefixes a text with `'` when its first scalar would make a spreadsheet read it as a formula.
    ///
    /// Apply it to text cells only; numbers, including negative ones, must stay numbers.
    ///
    /// ```swift
    /// CSV.guardFormula("=cmd|' /C calc'!A0") // "'=cmd|' /C calc'!A0"
    /// CSV.guardFormula("Women")              // "Women"
    /// ```
    public static func guardFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else { return text }
        return "'" + text
    }
}
