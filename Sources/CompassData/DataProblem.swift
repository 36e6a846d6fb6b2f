public import CompassCore
import CompassEngine

/// One problem found while reading a dataset: where it is, what value, which rule.
///
/// Locations are 1-based. In a CSV file, ``line`` counts lines as an editor shows
/// them (the header is line 1; a quoted field holding a line break spans two
/// lines, and a problem in it is located at the line where the field starts), and
/// ``column`` counts fields from 1 in the order of the file's own header. In a
/// JSON dataset, ``line`` and ``column`` locate the value in the text (the column
/// counted in characters) and ``field`` is its path, such as `assistance[14].kind`.
///
/// ```
/// assistance.csv:14:3: kind: 'humanitarian' is not a code of assistance kind (expected one of humanitarian_aid, …)
/// ```
public struct DataProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is: an error rejects the record (or the file), a warning does not.
    public var severity: Finding.Severity
    /// The file, as a name relative to the dataset (`assistance.csv`, `data.json`).
    public var file: String
    /// The line, from 1, or `nil` for a problem of the whole file.
    public var line: Int?
    /// The column, from 1, or `nil` for a problem of the whole line or file.
    public var column: Int?
    /// The column name (CSV) or the path of the value (JSON), when the problem is in one value.
    public var field: String?
    /// The value as written, cut to 100 characters, with control characters escaped.
    public var value: String?
    /// The rule broken, a stable kebab-case code such as `invalid-code`.
    public var rule: String
    /// What is wrong, in English, quoting the value.
    public var message: String

    /// Creates a problem.
    public init(
        _ severity: Finding.Severity, file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
        value: String? = nil, rule: String, message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.rule = rule
        self.message = message
    }

    /// `file:line:column: field: message`, with `warning: ` before the field for a warning.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": "
        if severity != .error { text += "\(severity.rawValue): " }
        if let field { text += "\(field): " }
        return text + message
    }

    /// The value as shown in messages: at most 100 characters, control characters escaped.
    static func display(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 100
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(limit * 4)), as: UTF8.self)
        var shown = ""
        var characters = 0
        for scalar in text.unicodeScalars {
            if characters == limit {
                shown += "…"
                break
            }
            characters += 1
            switch scalar.value {
            case 0: shown += "\\0"
            case 0x09: shown += "\\t"
            case 0x0A: shown += "\\n"
            case 0x0D: shown += "\\r"
            case 0x01..<0x20, 0x7F: shown += "\\u{\(String(scalar.value, radix: 16))}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        if characters < limit, bytes.count > limit * 4 { shown += "…" }
        return shown
    }

    /// ``display(_:)`` for a string.
    static func display(_ text: String) -> String {
        var text = text
        return text.withUTF8 { display($0) }
    }
}

/// How many records of one file were read, accepted and rejected.
///
/// Every record read is either accepted or rejected: `read == accepted + rejected`.
public struct FileAccounting: Hashable, Sendable, CustomStringConvertible {
    /// The file, as a name relative to the dataset.
    public var file: String
    /// Whether the file was there; an absent optional file means no records of its kind.
    public var isPresent: Bool
    /// The records read (data rows, not counting the header and empty lines).
    public var read: Int
    /// The records taken into the dataset.
    public var accepted: Int
    /// The records left out, each with at least one error.
    public var rejected: Int

    /// Creates an accounting.
    public init(file: String, isPresent: Bool, read: Int = 0, accepted: Int = 0, rejected: Int = 0) {
        self.file = file
        self.isPresent = isPresent
        self.read = read
        self.accepted = accepted
        self.rejected = rejected
    }

    /// `assistance.csv: 103,902 read = 103,902 accepted + 0 rejected`, or that the file is absent.
    public var description: String {
        guard isPresent else { return "\(file): absent, no records of this kind" }
        return "\(file): \(grouped(read)) read = \(grouped(accepted)) accepted + \(grouped(rejected)) rejected"
    }
}

/// `value` with commas between groups of three digits.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result += "," }
        result.append(digit)
    }
    return value < 0 ? "-" + result : result
}

/// What reading a dataset gave: the records accepted, every problem, and the accounting per file.
public struct DatasetReadResult: Hashable, Sendable {
    /// The records accepted.
    public var dataset: Dataset
    /// Every problem found, file by file in reading order, then by line.
    public var problems: [DataProblem]
    /// One accounting per file of the format, in reading order.
    public var accounting: [FileAccounting]

    /// Creates a result.
    public init(dataset: Dataset, problems: [DataProblem], accounting: [FileAccounting]) {
        self.dataset = dataset
        self.problems = problems
        self.accounting = accounting
    }

    /// The problems that are errors.
    public var errors: [DataProblem] { problems.filter { $0.severity == .error } }

    /// Whether any problem is an error.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// The problems that leave no dataset to compute from (``DataProblem/leavesNoDataset``).
    public var unusable: [DataProblem] { problems.filter(\.leavesNoDataset) }
}

/// The error thrown by a strict read: every problem found, not only the first.
public struct DatasetReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found, errors and warnings.
    public var problems: [DataProblem]
    /// The accounting per file.
    public var accounting: [FileAccounting]

    /// Creates the error.
    public init(problems: [DataProblem], accounting: [FileAccounting]) {
        self.problems = problems
        self.accounting = accounting
    }

    /// A count of the errors, then every problem on its own line.
    public var description: String {
        let errors = problems.filter { $0.severity == .error }.count
        let head = "the dataset has \(grouped(errors)) error\(errors == 1 ? "" : "s"):"
        return ([head] + problems.map { "  \($0)" }).joined(separator: "\n")
    }
}

extension DataProblem {
    /// The rules of problems that leave no dataset to compute from, whatever the reading mode.
    static let unusableRules: Set<String> = ["missing-file", "unreadable-file", "invalid-format"]

    /// Whether this problem leaves no dataset to compute from: a path that does not exist or
    /// cannot be read, a file that is not a dataset, or a required file (`migrants.csv`,
    /// `assistance.csv`) that is missing, empty or without a required column.
    ///
    /// A lenient read keeps the good records of a file with bad rows; it cannot keep anything
    /// of a file it could not read, so a report computed without it would be a page of zeros.
    public var leavesNoDataset: Bool {
        guard severity == .error else { return false }
        if Self.unusableRules.contains(rule) { return true }
        let required = DatasetFile.allCases.filter(\.isRequired).map(\.fileName)
        return (rule == "empty-file" || rule == "missing-column") && required.contains(file)
    }
}
