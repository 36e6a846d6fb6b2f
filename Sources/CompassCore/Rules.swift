/// A consistency rule between indicator values, with the semantics of DHIS2's validation rules.
///
/// A rule compares a left side with a right side, each an expression over indicator
/// values (``RuleExpression``), with an operator (``RuleOperator``). A broken rule is
/// a ``Finding`` whose severity follows the rule's ``Importance``; what happens when a
/// value is missing follows its ``MissingValueStrategy``.
///
/// ```swift
/// // Reintegration recipients in the period cannot outnumber the people ever helped to return.
/// let rule = ValidationRule(
///     id: "reintegration-after-return",
///     title: ["en": "Reintegration only after return", "fr": "Réintégration seulement après le retour"],
///     left: .value("reintegration-assistance"),
///     .lessThanOrEqual,
///     right: .value("return-assistance", in: .programmeToDate))
/// ```
public struct ValidationRule: Hashable, Sendable, Identifiable {
    /// The rule's identifier, unique in its catalogue; findings name it as their ``Finding/rule``.
    public var id: String
    /// What the rule checks, in each language.
    public var title: LocalizedText
    /// The left side.
    public var left: RuleExpression
    /// How the sides compare.
    public var `operator`: RuleOperator
    /// The right side.
    public var right: RuleExpression
    /// How serious a broken rule is.
    public var importance: Importance
    /// When the rule is skipped because values are missing.
    public var missingValues: MissingValueStrategy

    /// Creates a rule.
    public init(
        id: String, title: LocalizedText, left: RuleExpression, _ operator: RuleOperator, right: RuleExpression,
        importance: Importance = .high, missingValues: MissingValueStrategy = .skipIfAnyValueMissing
    ) {
        self.id = id
        self.title = title
        self.left = left
        self.operator = `operator`
        self.right = right
        self.importance = importance
        self.missingValues = missingValues
    }

    /// How serious a broken rule is.
    public enum Importance: String, Hashable, Sendable, Codable, CaseIterable {
        /// A broken rule is an ``Finding/Severity/error``.
        case high
        /// A broken rule is a ``Finding/Severity/warning``.
        case medium
        /// A broken rule is a ``Finding/Severity/note``.
        case low

        /// The severity of a finding for a broken rule of this importance.
        public var severity: Finding.Severity {
            switch self {
            case .high: .error
            case .medium: .warning
            case .low: .note
            }
        }
    }

    /// When a rule is skipped because indicator values are missing (see ``IndicatorResult/isMissing``).
    ///
    /// A rule that is not skipped takes a missing value as zero. The pair operators
    /// are about missing values themselves and ignore the strategy.
    public enum MissingValueStrategy: String, Hashable, Sendable, Codable, CaseIterable {
        /// Skip the rule when any value of either side is missing.
        case skipIfAnyValueMissing = "skip_if_any_value_missing"
        /// Skip the rule when every value of both sides is missing.
        case skipIfAllValuesMissing = "skip_if_all_values_missing"
        /// Always check the rule.
        case neverSkip = "never_skip"
    }
}

/// How the two sides of a ``ValidationRule`` compare.
public enum RuleOperator: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The sides are equal.
    case equal = "=="
    /// The sides differ.
    case notEqual = "!="
    /// The left side is smaller.
    case lessThan = "<"
    /// The left side is smaller or equal.
    case lessThanOrEqual = "<="
    /// The left side is larger.
    case greaterThan = ">"
    /// The left side is larger or equal.
    case greaterThanOrEqual = ">="
    /// Either both sides have a value or neither does.
    case compulsoryPair = "compulsory_pair"
    /// At most one side has a value.
    case exclusivePair = "exclusive_pair"

    public var description: String { rawValue }
}

/// The period in which a rule reads an indicator's value.
public enum RulePeriod: Hashable, Sendable, CustomStringConvertible {
    /// The period reported on.
    case report
    /// From the programme's first day to the last day of the period reported on.
    case programmeToDate
    /// A fixed period, such as `.year(2021)`.
    case fixed(Period)

    /// The days covered when reporting on `dates` in a programme running over `programme`; `nil` when empty.
    public func dates(reporting dates: DateRange, programme: DateRange) -> DateRange? {
        switch self {
        case .report: dates
        case .programmeToDate: DateRange(programme.start, dates.end)
        case .fixed(let period): period.dates(programme: programme)
        }
    }

    /// `report`, `programme_to_date` or the fixed period's text.
    public var description: String {
        switch self {
        case .report: "report"
        case .programmeToDate: "programme_to_date"
        case .fixed(let period): period.description
        }
    }

    /// Parses `report`, `programme_to_date` or a period's text.
    public init?(_ text: String) {
        switch text {
        case "report": self = .report
        case "programme_to_date": self = .programmeToDate
        default:
            guard let period = Period(text) else { return nil }
            self = .fixed(period)
        }
    }
}

/// One side of a ``ValidationRule``: indicator values, constants and their sums.
///
/// An indicator's value is its count, or for a share its exact value in percent.
public indirect enum RuleExpression: Hashable, Sendable, CustomStringConvertible {
    /// The value of an indicator of the catalogue in a period.
    case value(Indicator.ID, in: RulePeriod = .report)
    /// A constant.
    case constant(Int)
    /// The sum of several expressions.
    case sum([RuleExpression])

    /// Every indicator value the expression reads, in order.
    public var references: [(indicator: Indicator.ID, period: RulePeriod)] {
        switch self {
        case .value(let id, let period): [(id, period)]
        case .constant: []
        case .sum(let terms): terms.flatMap(\.references)
        }
    }

    /// The expression in a readable form, such as `return-assistance[programme_to_date] + 10`.
    public var description: String {
        switch self {
        case .value(let id, .report): id.rawValue
        case .value(let id, let period): "\(id)[\(period)]"
        case .constant(let value): "\(value)"
        case .sum(let terms): terms.isEmpty ? "0" : terms.map(\.description).joined(separator: " + ")
        }
    }
}
