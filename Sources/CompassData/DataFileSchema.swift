import CompassCore
import CompassEngine

/// One column of a file of the CSV dataset format: its name, type, rule and documentation.
///
/// The reader maps a file's header with these (``isRequired`` decides `missing-column`), the
/// writer writes the columns in their order, and `Documentation/DataFormat.md` shows them as
/// ``DataFileSchema/markdownTable()`` renders them; a test keeps the two equal.
public struct ColumnSpec: Hashable, Sendable {
    /// The kind of value a column holds, as `Documentation/DataFormat.md` names it.
    public enum ValueType: String, Hashable, Sendable, CaseIterable {
        /// Any non-empty UTF-8 text, compared exactly.
        case identifier
        /// One code of the column's code list.
        case code
        /// Codes of the column's code list separated by `;`, possibly none.
        case codes
        /// Any UTF-8 text, including empty.
        case text
        /// A day, `YYYY-MM-DD`.
        case date
        /// A month, `YYYY-MM`.
        case month
        /// An ISO 3166-1 alpha-3 code, three capital letters.
        case country
        /// A whole number, 0 or more.
        case count
        /// A year written with four digits.
        case year
        /// `yes` or `no`.
        case yesNo

        /// The type's name in the documentation's tables.
        public var documentedName: String {
            switch self {
            case .identifier: "id"
            case .yesNo: "`yes` / `no`"
            default: rawValue
            }
        }
    }

    /// The column's name in the header, such as `migrant_id`.
    public let name: String
    /// The kind of value it holds.
    public let type: ValueType
    /// Whether the header must have the column (else `missing-column`, and no row of the file is read).
    public let isRequired: Bool
    /// Whether a row may leave the value empty (*not recorded*).
    public let allowsEmpty: Bool
    /// The codes a value may take, in canonical order, for ``ValueType/code`` and ``ValueType/codes``; empty otherwise.
    public let codes: [String]
    /// The rule a value follows beyond its type and codes, in Markdown, such as "unique in the file"; may be empty.
    public let rule: String
    /// An example value, in Markdown: usually a code span, the value between backticks.
    public let example: String

    /// Creates a column.
    public init(
        name: String, type: ValueType, isRequired: Bool = true, allowsEmpty: Bool = false, codes: [String] = [],
        rule: String = "", example: String
    ) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.allowsEmpty = allowsEmpty
        self.codes = codes
        self.rule = rule
        self.example = example
    }

    /// A column of one code of `list`.
    static func code<C: Code>(
        _ name: String, _ list: C.Type, rule: String = "", example: String
    ) -> ColumnSpec {
        ColumnSpec(name: name, type: .code, codes: list.allCases.map(\.code), rule: rule, example: example)
    }

    /// The documentation of the rule: the code list, when there is one, then ``rule``.
    public var documentedRule: String {
        let list = codes.map { "`\($0)`" }.joined(separator: ", ")
        let parts: [String]
        switch type {
        case .code: parts = [list, rule]
        case .codes: parts = ["codes separated by `;`, among " + list, rule]
        default: parts = [rule]
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// The columns of one file of the CSV dataset format: the one description its reader, writer and documentation follow.
///
/// ```swift
/// for column in DatasetFile.migrants.schema.columns { print(column.name, column.type) }
/// print(DatasetFile.assistance.schema.markdownTable())   // as in Documentation/DataFormat.md
/// ```
public struct DataFileSchema: Hashable, Sendable {
    /// The file described.
    public let file: DatasetFile
    /// Whether a dataset must have the file; an absent optional file means no records of its kind.
    public let isRequired: Bool
    /// What one row of the file is, as the documentation's table of files says ("person registered by the programme").
    public let row: String
    /// The columns, in the order the writer writes them; readers accept any order.
    public let columns: [ColumnSpec]
    /// The names of ``columns``, in their order.
    public let columnNames: [String]

    init<Column: DatasetColumn>(_ column: Column.Type, isRequired: Bool = false, row: String) {
        file = Column.file
        self.isRequired = isRequired
        self.row = row
        columns = Column.allCases.map(\.spec)
        columnNames = columns.map(\.name)
    }

    /// The column named `name`, if the file has one.
    public func column(named name: String) -> ColumnSpec? { columns.first { $0.name == name } }

    /// The file's columns as the Markdown table of `Documentation/DataFormat.md`, one line per
    /// column after the header and the separator, each line ending with a line feed.
    public func markdownTable() -> String {
        var lines = [
            Self.row(["column", "column required", "type", "value", "rule", "example"]),
            Self.row(Array(repeating: "---", count: 6), separator: true),
        ]
        for column in columns {
            lines.append(
                Self.row([
                    "`\(column.name)`", column.isRequired ? "yes" : "no", column.type.documentedName,
                    column.allowsEmpty ? "may be empty" : "required", column.documentedRule, column.example,
                ]))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Every file of the format, in reading order.
    public static var all: [DataFileSchema] { DatasetFile.allCases.map(\.schema) }

    /// The table of the files of the format, as in `Documentation/DataFormat.md`: file, required, one row per.
    public static func markdownFilesTable() -> String {
        var lines = [row(["file", "required", "one row per"]), row(["---", "---", "---"], separator: true)]
        for schema in all {
            lines.append(row(["`\(schema.file.fileName)`", schema.isRequired ? "yes" : "no", schema.row]))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// A line of a Markdown table: `| a | b |`, an empty cell as `| |`; `|---|---|` for the separator.
    private static func row(_ cells: [String], separator: Bool = false) -> String {
        if separator { return "|" + cells.map { $0 + "|" }.joined() }
        return "|" + cells.map { $0.isEmpty ? " |" : " \($0) |" }.joined()
    }

    static let migrants = DataFileSchema(
        MigrantColumn.self, isRequired: true, row: "person registered by the programme")
    static let assistance = DataFileSchema(
        AssistanceColumn.self, isRequired: true, row: "service delivered to a migrant on a day in a country")
    static let surveys = DataFileSchema(SurveyColumn.self, row: "answer to a satisfaction survey")
    static let trainings = DataFileSchema(TrainingColumn.self, row: "training session")
    static let trainingParticipants = DataFileSchema(
        ParticipantColumn.self, row: "person who took part in a training")
    static let knowledgeProducts = DataFileSchema(
        ProductColumn.self, row: "study, report, guidance note or other product")
    static let disseminations = DataFileSchema(
        DisseminationColumn.self, row: "presentation of a knowledge product to an audience")
    static let engagements = DataFileSchema(
        EngagementColumn.self, row: "outreach activity with youth (aggregate counts)")
    static let platformVisits = DataFileSchema(
        VisitColumn.self, row: "visitors of one online platform in one month")
    static let description = DataFileSchema(
        DescriptionColumn.self, row: "what the data is, in one or more languages (shown in reports)")
}

extension DatasetFile {
    /// The file's columns: names, types, rules and documentation.
    public var schema: DataFileSchema {
        switch self {
        case .migrants: .migrants
        case .assistance: .assistance
        case .surveys: .surveys
        case .trainings: .trainings
        case .trainingParticipants: .trainingParticipants
        case .knowledgeProducts: .knowledgeProducts
        case .disseminations: .disseminations
        case .engagements: .engagements
        case .platformVisits: .platformVisits
        case .description: .description
        }
    }
}

/// A column of one file of the format, as a case of an enum whose cases are the file's columns in order.
///
/// The case's raw value is the column's position in ``DataFileSchema/columns``: the readers
/// and writers name a column by its case, and the position is a constant.
protocol DatasetColumn: CaseIterable, RawRepresentable where RawValue == Int {
    /// The file whose column this is.
    static var file: DatasetFile { get }
    /// The column's description.
    var spec: ColumnSpec { get }
}

extension DatasetColumn {
    /// The column's position among the file's columns.
    @inline(__always) var position: Int { rawValue }
    /// The column's name in the header.
    var name: String { Self.file.schema.columnNames[rawValue] }
}
