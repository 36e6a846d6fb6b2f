/// A fact sheet, computed and ready to render: programme, period, sections of figures, findings.
///
/// A report is format-neutral and language-neutral: every text in it is a
/// ``LocalizedText`` and every figure an exact value, so any ``Reporter`` can render
/// it in any language without recomputing anything.
public struct Report: Hashable, Sendable {
    /// The programme reported on.
    public var programme: Programme
    /// The reporting period asked for.
    public var period: Period
    /// The days the period covers.
    public var dates: DateRange
    /// What the data is and where it comes from, such as a note that it is synthetic.
    public var dataDescription: LocalizedText?
    /// One section per work area that has indicators, in the programme's order.
    public var sections: [Section]
    /// What validation found in the catalogue, the data and the results, errors first.
    public var findings: [Finding]
    /// What disclosure control did, when the report was protected for publication; every reporter states it.
    public var disclosure: DisclosureSummary?
    /// What the figures rest on: records read and accepted, rows rejected, findings by rule;
    /// `nil` for a report made by hand. Every built-in format states it.
    public var basis: DataBasis?

    /// Creates a report.
    public init(
        programme: Programme, period: Period, dates: DateRange, dataDescription: LocalizedText?,
        sections: [Section], findings: [Finding], disclosure: DisclosureSummary? = nil, basis: DataBasis? = nil
    ) {
        self.basis = basis
        self.disclosure = disclosure
        self.programme = programme
        self.period = period
        self.dates = dates
        self.dataDescription = dataDescription
        self.sections = sections
        self.findings = findings
    }

    /// Every entry of every section, in order.
    public var entries: [Entry] { sections.flatMap(\.entries) }

    /// The entry of indicator `id`, if the report has it.
    public subscript(id: Indicator.ID) -> Entry? { entries.first { $0.id == id } }

    /// The figures of one work area.
    public struct Section: Hashable, Sendable {
        /// The work area.
        public var workArea: WorkArea
        /// Its figures, in catalogue order.
        public var entries: [Entry]

        /// Creates a section.
        public init(workArea: WorkArea, entries: [Entry]) {
            self.workArea = workArea
            self.entries = entries
        }
    }

    /// One figure: an indicator's definition as published and its result.
    public struct Entry: Hashable, Sendable {
        /// The indicator's identifier.
        public var id: Indicator.ID
        /// The indicator's title.
        public var title: LocalizedText
        /// What the value counts.
        public var unit: Indicator.Unit
        /// How the value is published.
        public var presentation: Presentation
        /// The value.
        public var value: Quantity
        /// The breakdowns, in the indicator's order.
        public var breakdowns: [Breakdown]
        /// The indicator's own note, if it has one. Reporters show ``FigureFormat/notes(_:)``,
        /// which adds the sentence that states the ``overlap``.
        public var notes: [LocalizedText]
        /// The crossed breakdowns, in the indicator's order.
        public var crossBreakdowns: [CrossBreakdown]
        /// How the indicator's parts overlap, when it declares parts, as numbers.
        public var overlap: Overlap?
        /// Progress against the indicator's target, when it has one.
        public var progress: TargetProgress?

        /// Creates an entry.
        public init(
            id: Indicator.ID, title: LocalizedText, unit: Indicator.Unit, presentation: Presentation, value: Quantity,
            breakdowns: [Breakdown], notes: [LocalizedText], crossBreakdowns: [CrossBreakdown] = [],
            overlap: Overlap? = nil, progress: TargetProgress? = nil
        ) {
            self.id = id
            self.title = title
            self.unit = unit
            self.presentation = presentation
            self.value = value
            self.breakdowns = breakdowns
            self.notes = notes
            self.crossBreakdowns = crossBreakdowns
            self.overlap = overlap
            self.progress = progress
        }
    }
}

extension Finding {
    /// Findings fit for a published report: those naming a record are replaced by one count per severity and rule.
    ///
    /// A data finding names a record and often a migrant id, a date or a birth year;
    /// `compass validate`, for the data owner, lists them in full.
    ///
    /// - Parameter findings: Findings in the order to report them.
    /// - Returns: The findings without record names, and how many were replaced.
    public static func redacted(_ findings: [Finding]) -> (findings: [Finding], redacted: Int) {
        var kept: [Finding] = []
        var counts: [String: Int] = [:]
        var order: [(Severity, String)] = []
        for finding in findings {
            guard finding.record != nil else {
                kept.append(finding)
                continue
            }
            let key = "\(finding.severity.rawValue) \(finding.rule)"
            if counts[key] == nil { order.append((finding.severity, finding.rule)) }
            counts[key, default: 0] += 1
        }
        for (severity, rule) in order {
            let count = counts["\(severity.rawValue) \(rule)"] ?? 0
            kept.append(
                Finding(
                    severity, rule: rule,
                    message:
                        "\(count) \(count == 1 ? "record breaks" : "records break") this rule; `compass validate` names them for the data owner"
                ))
        }
        return (
            Severity.allCases.flatMap { severity in kept.filter { $0.severity == severity } },
            findings.count - findings.filter { $0.record == nil }.count
        )
    }
}
