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

    /// Creates a report.
    public init(
        programme: Programme, period: Period, dates: DateRange, dataDescription: LocalizedText?,
        sections: [Section], findings: [Finding], disclosure: DisclosureSummary? = nil
    ) {
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
        public var unit: Unit
        /// How the value is published.
        public var presentation: Presentation
        /// The value.
        public var value: Quantity
        /// The breakdowns, in the indicator's order.
        public var breakdowns: [Breakdown]
        /// Notes shown with the figure: the indicator's own note, then the overlap note, if any.
        public var notes: [LocalizedText]
        /// The crossed breakdowns, in the indicator's order.
        public var crossBreakdowns: [CrossBreakdown]
        /// How the indicator's parts overlap, when it declares parts; also stated in ``notes``.
        public var overlap: Overlap?
        /// Progress against the indicator's target, when it has one.
        public var progress: Progress?

        /// Creates an entry.
        public init(
            id: Indicator.ID, title: LocalizedText, unit: Unit, presentation: Presentation, value: Quantity,
            breakdowns: [Breakdown], notes: [LocalizedText], crossBreakdowns: [CrossBreakdown] = [],
            overlap: Overlap? = nil, progress: Progress? = nil
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

extension Engine {
    /// Evaluates a catalogue and assembles the report: one section per work area, in the programme's order.
    ///
    /// Indicators without a work area go in a last section, "Other indicators".
    ///
    /// The report is for publication: its breakdowns are protected by `disclosure`
    /// (``DisclosureControl/standard``, k = 11, unless you say otherwise), and findings
    /// about individual records are replaced by one count per rule, so that no record id
    /// is in the report. ``evaluate(_:on:period:)-(_,Dataset,_)`` gives the unprotected results, for analysis.
    ///
    /// - Parameters:
    ///   - catalogue: The indicators.
    ///   - dataset: The records.
    ///   - period: The reporting period.
    ///   - disclosure: How breakdown cells are protected; `.off` publishes them as counted.
    /// - Throws: ``EvaluationError`` when the catalogue is invalid or the period does not exist.
    public func report(
        _ catalogue: Catalogue, on dataset: Dataset, period: Period, disclosure: DisclosureControl = .standard
    ) throws(EvaluationError) -> Report {
        let evaluation = try evaluate(catalogue, on: dataset, period: period)
        return report(catalogue, evaluation: evaluation, description: dataset.description, disclosure: disclosure)
    }

    /// Evaluates a catalogue over a prepared dataset and assembles the report, like
    /// ``report(_:on:period:disclosure:)-(_,Dataset,_,_)``.
    ///
    /// - Throws: ``EvaluationError`` when the catalogue is invalid, the period does not
    ///   exist, or the dataset was prepared for another programme.
    public func report(
        _ catalogue: Catalogue, on dataset: PreparedDataset, period: Period,
        disclosure: DisclosureControl = .standard
    ) throws(EvaluationError) -> Report {
        let evaluation = try evaluate(catalogue, on: dataset, period: period)
        return report(catalogue, evaluation: evaluation, description: dataset.description, disclosure: disclosure)
    }

    private func report(
        _ catalogue: Catalogue, evaluation: Evaluation, description: LocalizedText?, disclosure: DisclosureControl
    ) -> Report {
        let period = evaluation.period
        var sections: [Report.Section] = []
        let other = WorkArea(id: "other", title: ["en": "Other indicators", "fr": "Autres indicateurs"])
        for area in catalogue.programme.workAreas + [other] {
            let entries = zip(catalogue.indicators, evaluation.results)
                .filter { indicator, _ in (indicator.workArea ?? other.id) == area.id }
                .map { indicator, result in
                    Report.Entry(
                        id: indicator.id, title: indicator.title, unit: indicator.unit,
                        presentation: indicator.presentation, value: result.value, breakdowns: result.breakdowns,
                        notes: (indicator.note.map { [$0] } ?? []) + (result.overlap.map { [$0.note] } ?? []),
                        crossBreakdowns: result.crossBreakdowns, overlap: result.overlap, progress: result.progress)
                }
            if !entries.isEmpty { sections.append(Report.Section(workArea: area, entries: entries)) }
        }
        let (findings, redacted) = Finding.redacted(evaluation.findings)
        let report = Report(
            programme: catalogue.programme, period: period, dates: evaluation.dates,
            dataDescription: description, sections: sections, findings: findings,
            disclosure: DisclosureSummary(control: .off, redactedFindings: redacted))
        return disclosure.protect(report)
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

/// A report format: its identifier, file extension and media type.
public struct ReportFormat: Hashable, Sendable, CustomStringConvertible {
    /// The identifier used on the command line, such as `markdown`.
    public var id: String
    /// The file extension, without a dot, such as `md`.
    public var fileExtension: String
    /// The IANA media type, such as `text/markdown`.
    public var mediaType: String

    /// Creates a format.
    public init(id: String, fileExtension: String, mediaType: String) {
        self.id = id
        self.fileExtension = fileExtension
        self.mediaType = mediaType
    }

    public var description: String { id }
}

/// Renders a ``Report`` in one format: the one protocol every reporter, built-in or yours, conforms to.
///
/// Implementation requirements:
/// - **Deterministic**: the same report gives the same bytes, every time, on every
///   machine; no clocks, no randomness, no dictionary order.
/// - **Escaping**: every text that comes from a catalogue or a dataset is escaped
///   as the format needs, so that a title holding markup, delimiters or line breaks
///   cannot change the document's structure.
/// - **No recomputation**: a reporter shows the values, fractions and percents of
///   the report as they are; it never counts, rounds shares or drops cells itself.
///   ``FigureFormat`` formats numbers the same way for every reporter.
///
/// A reporter takes one ``Report`` value, so new information can be added to reports
/// without breaking reporters. Configuration, such as the language, belongs to the
/// reporter's own properties.
///
/// `checkReporter` in `CompassTesting` checks these requirements on a report of
/// hostile text; `Documentation/WritingAReporter.md` walks through a complete reporter.
///
/// ```swift
/// struct PlainTextReporter: Reporter {
///     let format = ReportFormat(id: "text", fileExtension: "txt", mediaType: "text/plain")
///     func render(_ report: Report) throws -> String {
///         let style = FigureFormat(language: .english)
///         return report.entries.map { "\(style.display($0)) \($0.title[.english])" }.joined(separator: "\n")
///     }
/// }
/// ```
public protocol Reporter: Sendable {
    /// The format this reporter writes.
    var format: ReportFormat { get }

    /// Renders the report as text.
    ///
    /// - Throws: An error when the report cannot be expressed in the format.
    func render(_ report: Report) throws -> String
}

extension Overlap {
    /// The overlap stated in English and French, as reports show it under the figure.
    ///
    /// For COMPASS in 2022: "The 4 services add up to 41,652 people; 41,562 distinct
    /// people were counted, as 90 received more than one and are counted once."
    public var note: LocalizedText {
        let english = FigureFormat(language: .english)
        let french = FigureFormat(language: .french)
        let parts = self.parts.count
        let several = peopleInSeveralParts
        return [
            "en":
                "The \(parts) services add up to \(english.integer(sumOfParts)) people; \(english.integer(distinct)) distinct people were counted, as \(english.integer(several)) received more than one and \(several == 1 ? "is" : "are") counted once.",
            "fr":
                "Les \(parts) services totalisent \(french.integer(sumOfParts)) personnes ; \(french.integer(distinct)) personnes distinctes ont été comptées, car \(several == 1 ? "une personne en a reçu plus d'un et est comptée" : "\(french.integer(several)) personnes en ont reçu plus d'un et sont comptées") une seule fois.",
        ]
    }
}
