public import CompassCore
import CompassEngine
public import Testing

/// Checks that a reporter obeys the contract of `Reporter`, recording an issue for each broken rule.
///
/// The reporter renders ``HostileReport/report()``, a report whose titles hold markup,
/// quotes, delimiters, spreadsheet formulas, line breaks, right-to-left and
/// combining characters. The check records an issue when:
///
/// - the output is empty or only whitespace;
/// - two renders of the report, or of an equal report built again, differ;
/// - a title of ``HostileReport/titles`` does not survive, intact or escaped as the
///   format requires;
/// - the structure of the format is broken, or a dangerous sequence appears raw;
/// - a cell suppressed by disclosure control shows a number. Its value in the report is 0,
///   which is not its count: the check renders the report again with another number in
///   every suppressed cell, and the output must not change. Show `CellProtection.marker`
///   (`–`) instead, as `FigureFormat.cell(_:_:)` does, or leave the value out. Cells that
///   are not suppressed are never changed, so a published 0 is not mistaken for one.
///
/// What "survives" and "broken" mean depends on the media type of the reporter's
/// `ReportFormat`:
///
/// | media type | a title survives when | the structure is broken when |
/// |---|---|---|
/// | `…html…`, `…xml…` | it appears once character references are decoded | a title holding `<` appears raw |
/// | `…csv…` | a field equals it, or equals it after the formula guard `'` | the text is not RFC 4180, rows differ in width, or a text field starts with `=`, `+`, `-`, `@`, tab, CR or LF |
/// | `…json…` | a string of the document equals it | the text is not valid JSON |
/// | `…markdown…` | it appears with line breaks as spaces, punctuation optionally backslash-escaped | an unescaped `<` starts a tag, or a table row has more or fewer unescaped `\|` than its header |
/// | anything else | it appears intact | — |
///
/// Pass `labelSurvives` to decide yourself, for a format the table does not cover.
///
/// ```swift
/// @Test func myReporterObeysTheContract() throws {
///     try checkReporter(HXLReporter())
/// }
/// ```
///
/// - Parameters:
///   - reporter: The reporter to check.
///   - labelSurvives: Whether a hostile title survives in an output; `nil` chooses by media type.
///   - sourceLocation: Where issues are reported; the caller's line by default.
/// - Throws: The reporter's own error, if it cannot render the report.
public func checkReporter(
    _ reporter: some Reporter,
    labelSurvives: ((_ label: String, _ output: String) -> Bool)? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    func issue(_ message: String) {
        Issue.record(Comment(rawValue: "\(reporter.format.id) reporter: \(message)"), sourceLocation: sourceLocation)
    }
    let report = try HostileReport.report()
    let output = try reporter.render(report)
    if output.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
        issue("the output is empty")
        return
    }
    var deterministic = true
    if try reporter.render(report) != output {
        issue("two renders of the same report differ")
        deterministic = false
    }
    if try reporter.render(HostileReport.report()) != output {
        issue("two renders of equal reports differ")
        deterministic = false
    }
    if deterministic, try reporter.render(SuppressedCells.probed(report)) != output {
        issue(
            "a suppressed cell shows a number: its value in the report is 0, not its count; show "
                + "CellProtection.marker (\(CellProtection.marker)) in its place, as FigureFormat.cell(_:_:) does")
    }
    let kind = MediaKind(reporter.format.mediaType)
    var structure: ParsedOutput?
    do {
        structure = try kind.parse(output)
    } catch {
        issue("the output is not valid \(kind): \(error)")
    }
    for label in HostileReport.titles {
        let survives: Bool =
            if let labelSurvives {
                labelSurvives(label, output)
            } else {
                kind.survives(label, in: output, parsed: structure)
            }
        if !survives {
            issue("the title \(String(reflecting: label)) does not appear, intact or escaped as \(kind) needs")
        }
    }
    for problem in kind.dangers(in: output, parsed: structure) {
        issue(problem)
    }
}

/// The probe of `checkReporter` for suppressed cells shown as numbers.
enum SuppressedCells {
    /// The number the probe puts in suppressed cells, which no cell of the hostile report holds.
    static let probe = 987_654

    /// The report with ``probe`` as the value and numerator of every suppressed cell, simple
    /// or crossed; every other cell is left as it is.
    ///
    /// A reporter that never shows a suppressed cell's value renders it exactly as `report`.
    static func probed(_ report: Report) -> Report {
        var report = report
        for section in report.sections.indices {
            for index in report.sections[section].entries.indices {
                var entry = report.sections[section].entries[index]
                for b in entry.breakdowns.indices {
                    for c in entry.breakdowns[b].cells.indices
                    where entry.breakdowns[b].cells[c].protection?.isSuppressed == true {
                        entry.breakdowns[b].cells[c].value = probe
                        entry.breakdowns[b].cells[c].fraction.numerator = probe
                    }
                }
                for b in entry.crossBreakdowns.indices {
                    for c in entry.crossBreakdowns[b].cells.indices
                    where entry.crossBreakdowns[b].cells[c].protection?.isSuppressed == true {
                        entry.crossBreakdowns[b].cells[c].value = probe
                        entry.crossBreakdowns[b].cells[c].fraction.numerator = probe
                    }
                }
                report.sections[section].entries[index] = entry
            }
        }
        return report
    }
}

/// What `checkReporter` parsed of an output.
enum ParsedOutput {
    case csv([[String]])
    case json([String])
}

/// The families of formats `checkReporter` knows how to inspect.
enum MediaKind: CustomStringConvertible {
    case html, csv, json, markdown, other

    init(_ mediaType: String) {
        let type = mediaType.lowercased()
        if type.contains("html") || type.contains("xml") {
            self = .html
        } else if type.contains("csv") {
            self = .csv
        } else if type.contains("json") {
            self = .json
        } else if type.contains("markdown") {
            self = .markdown
        } else {
            self = .other
        }
    }

    var description: String {
        switch self {
        case .html: "HTML"
        case .csv: "CSV"
        case .json: "JSON"
        case .markdown: "Markdown"
        case .other: "text"
        }
    }

    func parse(_ output: String) throws(CheckError) -> ParsedOutput? {
        switch self {
        case .csv: .csv(try CSVParser.parse(output))
        case .json: .json(try JSONStrings.parse(output))
        default: nil
        }
    }

    func survives(_ label: String, in output: String, parsed: ParsedOutput?) -> Bool {
        switch (self, parsed) {
        case (.csv, .csv(let rows)?):
            return rows.contains { $0.contains(label) || $0.contains("'" + label) }
        case (.json, .json(let strings)?):
            return strings.contains(label)
        case (.html, _):
            return contains(HTMLText.decode(output), label)
        case (.markdown, _):
            return MarkdownText.contains(output, label)
        default:
            return contains(output, label)
        }
    }

    func dangers(in output: String, parsed: ParsedOutput?) -> [String] {
        var problems: [String] = []
        switch (self, parsed) {
        case (.html, _):
            for label in HostileReport.titles where label.contains("<") && contains(output, label) {
                problems.append("the title \(String(reflecting: label)) appears unescaped")
            }
        case (.csv, .csv(let rows)?):
            if let width = rows.first?.count {
                for (index, row) in rows.enumerated() where row.count != width {
                    problems.append("row \(index + 1) has \(row.count) fields, the header \(width)")
                }
            }
            for row in rows {
                for field in row where CSVParser.isFormula(field) {
                    problems.append("the field \(String(reflecting: field)) would run as a spreadsheet formula")
                }
            }
        case (.markdown, _):
            problems += MarkdownText.dangers(output)
        default:
            break
        }
        return problems
    }

    /// Whether `text` contains `part`, comparing Unicode scalars (so `e` + U+0301 is not `é`).
    private func contains(_ text: String, _ part: String) -> Bool {
        ScalarSearch.contains(Array(text.unicodeScalars), Array(part.unicodeScalars))
    }
}

/// An output that does not parse.
struct CheckError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum ScalarSearch {
    static func contains(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard !part.isEmpty else { return true }
        guard text.count >= part.count else { return false }
        for start in 0...(text.count - part.count) where text[start] == part[0] {
            if text[start..<(start + part.count)].elementsEqual(part) { return true }
        }
        return false
    }
}

/// A strict RFC 4180 reader: CRLF or LF between records, quotes only around whole fields.
enum CSVParser {
    static func parse(_ text: String) throws(CheckError) -> [[String]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var index = 0
        var line = 1
        while index < scalars.count {
            let scalar = scalars[index]
            if field.isEmpty, scalar == "\"" {
                let opened = line
                index += 1
                while true {
                    guard index < scalars.count else {
                        throw CheckError("line \(opened): a quoted field is not closed")
                    }
                    let inner = scalars[index]
                    if inner == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == "\n" { line += 1 }
                    field.append(inner)
                    index += 1
                }
                guard index == scalars.count || [",", "\r", "\n"].contains(scalars[index]) else {
                    throw CheckError("line \(line): text after a closing quote")
                }
                continue
            }
            switch scalar {
            case ",":
                row.append(String(field))
                field = String.UnicodeScalarView()
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else {
                    throw CheckError("line \(line): a carriage return outside quotes")
                }
            case "\n":
                row.append(String(field))
                rows.append(row)
                row = []
                field = String.UnicodeScalarView()
                line += 1
            case "\"":
                throw CheckError("line \(line): a quote inside an unquoted field")
            default:
                field.append(scalar)
            }
            index += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(String(field))
            rows.append(row)
        }
        return rows
    }

    /// Whether a field would be read as a formula: it starts with a trigger and is not a plain number.
    static func isFormula(_ field: String) -> Bool {
        guard let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r", "\n"].contains(first) else {
            return false
        }
        let rest = field.unicodeScalars.dropFirst()
        let isNumber = first == "-" && !rest.isEmpty && rest.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
        return !isNumber
    }
}

/// A strict JSON reader that returns every string of the document, keys and values.
struct JSONStrings {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var strings: [String] = []

    static func parse(_ text: String) throws(CheckError) -> [String] {
        var parser = JSONStrings(scalars: Array(text.unicodeScalars))
        parser.skipSpace()
        try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { throw CheckError("text after the JSON value") }
        return parser.strings
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func skipSpace() {
        while let scalar = current, [" ", "\t", "\n", "\r"].contains(scalar) { index += 1 }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws(CheckError) {
        guard current == scalar else { throw CheckError("expected '\(scalar)' at scalar \(index)") }
        index += 1
    }

    private mutating func value(depth: Int) throws(CheckError) {
        guard depth < 200 else { throw CheckError("nested too deeply") }
        switch current {
        case "{":
            index += 1
            skipSpace()
            if current == "}" {
                index += 1
                return
            }
            while true {
                skipSpace()
                strings.append(try string())
                skipSpace()
                try expect(":")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == "," {
                    index += 1
                    continue
                }
                try expect("}")
                return
            }
        case "[":
            index += 1
            skipSpace()
            if current == "]" {
                index += 1
                return
            }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == "," {
                    index += 1
                    continue
                }
                try expect("]")
                return
            }
        case "\"":
            strings.append(try string())
        case "t": try literal("true")
        case "f": try literal("false")
        case "n": try literal("null")
        default: try number()
        }
    }

    private mutating func literal(_ word: String) throws(CheckError) {
        for scalar in word.unicodeScalars { try expect(scalar) }
    }

    private mutating func number() throws(CheckError) {
        let start = index
        if current == "-" { index += 1 }
        func digits() -> Int {
            let from = index
            while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
            return index - from
        }
        let whole = scalars.indices.contains(index) ? scalars[index] : nil
        let count = digits()
        guard count > 0, !(whole == "0" && count > 1) else { throw CheckError("invalid number at scalar \(start)") }
        if current == "." {
            index += 1
            guard digits() > 0 else { throw CheckError("invalid number at scalar \(start)") }
        }
        if current == "e" || current == "E" {
            index += 1
            if current == "+" || current == "-" { index += 1 }
            guard digits() > 0 else { throw CheckError("invalid number at scalar \(start)") }
        }
    }

    private mutating func hexQuad() throws(CheckError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = current, let digit = UInt32(String(scalar), radix: 16) else {
                throw CheckError("invalid \\u escape at scalar \(index)")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func string() throws(CheckError) -> String {
        try expect("\"")
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw CheckError("a string is not closed") }
            index += 1
            switch scalar {
            case "\"":
                return String(result)
            case "\\":
                guard let escaped = current else { throw CheckError("a string is not closed") }
                index += 1
                switch escaped {
                case "\"", "\\", "/": result.append(escaped)
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    var code = try hexQuad()
                    if (0xD800...0xDBFF).contains(code) {
                        try expect("\\")
                        try expect("u")
                        let low = try hexQuad()
                        guard (0xDC00...0xDFFF).contains(low) else { throw CheckError("an unpaired surrogate") }
                        code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                    }
                    guard let decoded = Unicode.Scalar(code) else { throw CheckError("an unpaired surrogate") }
                    result.append(decoded)
                default:
                    throw CheckError("an invalid escape \\\(escaped)")
                }
            default:
                guard scalar.value >= 0x20 else { throw CheckError("a raw control character in a string") }
                result.append(scalar)
            }
        }
    }
}

/// HTML text with its character references decoded.
enum HTMLText {
    static func decode(_ html: String) -> String {
        let named: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        ]
        let scalars = Array(html.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let end = scalars[index...].prefix(12).firstIndex(of: ";") {
                let name = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                var decoded: Unicode.Scalar?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                } else {
                    decoded = named[name]
                }
                if let decoded {
                    result.append(decoded)
                    index = end + 1
                    continue
                }
            }
            result.append(scalars[index])
            index += 1
        }
        return String(result)
    }
}

/// Searching Markdown, where punctuation may be backslash-escaped and line breaks become spaces.
enum MarkdownText {
    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && scalar.properties.generalCategory != .decimalNumber
            && !scalar.properties.isAlphabetic && scalar.value > 0x20 && scalar.value < 0x7F
    }

    /// Whether `label` appears in `markdown`, with each line break or tab of the label written as a space.
    static func contains(_ markdown: String, _ label: String) -> Bool {
        let text = Array(markdown.unicodeScalars)
        var expected: [Unicode.Scalar] = []
        var previousCR = false
        for scalar in label.unicodeScalars {
            if scalar == "\n", previousCR {
                previousCR = false
                expected.append(" ")
                continue
            }
            previousCR = scalar == "\r"
            expected.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
        }
        guard !expected.isEmpty else { return true }
        func matches(from start: Int) -> Bool {
            var position = start
            for scalar in expected {
                if position < text.count, text[position] == "\\", isASCIIPunctuation(scalar),
                    position + 1 < text.count, text[position + 1] == scalar
                {
                    position += 2
                } else if position < text.count, text[position] == scalar {
                    position += 1
                } else {
                    return false
                }
            }
            return true
        }
        return text.indices.contains { matches(from: $0) }
    }

    /// Raw `<` from hostile titles, and table rows whose width differs from their header.
    static func dangers(_ markdown: String) -> [String] {
        var problems: [String] = []
        var headerWidth: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(line.unicodeScalars)
            var pipes = 0
            var escaped = false
            for (position, scalar) in scalars.enumerated() {
                if escaped {
                    escaped = false
                    continue
                }
                if scalar == "\\" {
                    escaped = true
                } else if scalar == "|" {
                    pipes += 1
                } else if scalar == "<", position + 1 < scalars.count,
                    scalars[position + 1] == "/" || scalars[position + 1].properties.isAlphabetic
                        || scalars[position + 1] == "!"
                {
                    problems.append("raw markup in the line \(String(reflecting: String(line)))")
                }
            }
            if scalars.first == "|" {
                if let width = headerWidth {
                    if pipes != width {
                        problems.append(
                            "the table row \(String(reflecting: String(line))) has \(pipes) cell borders, the header \(width)"
                        )
                    }
                } else {
                    headerWidth = pipes
                }
            } else {
                headerWidth = nil
            }
        }
        return problems
    }
}
