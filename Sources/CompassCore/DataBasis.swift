/// What a report's figures rest on: the records read and accepted, the rows rejected and the
/// findings, counted by rule, and whether the data passed validation.
///
/// Every built-in format states it in a few words for the reader of the fact sheet
/// (``FigureFormat/basis(_:)``), and JSON gives it as data. `Engine.report` fills it from the
/// records it evaluated; a reader that read files replaces the records with the files'
/// accounting and adds the rows it rejected (`Report.rest(on:strict:)` in `CompassData`).
///
/// ```swift
/// let basis = DataBasis(
///     records: [.init(source: .migrants, read: 2_000, accepted: 1_996), .init(source: .assistance, read: 4_985)],
///     rejected: [.init(.error, rule: "invalid-code", count: 4)])
/// FigureFormat(language: .english).basis(basis)
/// // Computed from 1,996 of 2,000 migrants and 4,985 of 4,985 services; 4 rows rejected (invalid-code 4).
/// ```
public struct DataBasis: Hashable, Sendable {
    /// The records of one source: how many were read and how many were accepted.
    public struct Records: Hashable, Sendable {
        /// The source of the records.
        public var source: Source
        /// The file they were read from, such as `migrants.csv`, when they were read from one.
        public var file: String?
        /// The records read.
        public var read: Int
        /// The records accepted, which the figures count.
        public var accepted: Int

        /// The records rejected.
        public var rejected: Int { read - accepted }

        /// Creates the records of a source; `accepted` is `read` unless given.
        public init(source: Source, file: String? = nil, read: Int, accepted: Int? = nil) {
            self.source = source
            self.file = file
            self.read = read
            self.accepted = accepted ?? read
        }
    }

    /// How many rows were rejected, or findings made, for one rule.
    public struct RuleCount: Hashable, Sendable {
        /// The severity of the problems or findings.
        public var severity: Finding.Severity
        /// The rule, such as `invalid-code`.
        public var rule: String
        /// How many.
        public var count: Int

        /// Creates a count.
        public init(_ severity: Finding.Severity, rule: String, count: Int) {
            self.severity = severity
            self.rule = rule
            self.count = count
        }

        /// Counts items by severity and rule, in the order each pair first appears.
        public static func counting<Item>(
            _ items: [Item], severity: (Item) -> Finding.Severity, rule: (Item) -> String
        ) -> [RuleCount] {
            var counts: [RuleCount] = []
            var positions: [String: Int] = [:]
            for item in items {
                let key = "\(severity(item).rawValue) \(rule(item))"
                if let position = positions[key] {
                    counts[position].count += 1
                } else {
                    positions[key] = counts.count
                    counts.append(RuleCount(severity(item), rule: rule(item), count: 1))
                }
            }
            return counts
        }
    }

    /// The records of each source, in the order of the sources.
    public var records: [Records]
    /// The problems of the rows rejected while reading, counted by rule.
    public var rejected: [RuleCount]
    /// The errors and warnings validation found, counted by rule (notes are left out).
    public var findings: [RuleCount]
    /// Whether the data was read strictly and passed validation: no row rejected, no error.
    public var validated: Bool

    /// Creates a basis.
    public init(records: [Records], rejected: [RuleCount] = [], findings: [RuleCount] = [], validated: Bool = false) {
        self.records = records
        self.rejected = rejected
        self.findings = findings
        self.validated = validated
    }

    /// The records of a source, if the basis has them.
    public subscript(source: Source) -> Records? { records.first { $0.source == source } }

    /// The rows rejected in all.
    public var rejectedRows: Int { records.reduce(0) { $0 + $1.rejected } }
}
