public import CompassCore

extension Engine {
    /// Evaluates a catalogue and assembles the report: one section per work area, in the programme's order.
    ///
    /// Indicators without a work area go in a last section, "Other indicators".
    ///
    /// The report is for publication: its breakdowns are protected by `disclosure`
    /// (`DisclosureControl.standard`, k = 11, unless you say otherwise), and findings
    /// about individual records are replaced by one count per rule, so that no record id
    /// is in the report. `evaluate(_:on:period:)` gives the unprotected results, for analysis.
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
        return report(
            catalogue, evaluation: evaluation, description: dataset.description, records: Self.records(of: dataset),
            disclosure: disclosure)
    }

    /// Evaluates a catalogue over a prepared dataset and assembles the report, like
    /// `report(_:on:period:disclosure:)`.
    ///
    /// - Throws: ``EvaluationError`` when the catalogue is invalid, the period does not
    ///   exist, or the dataset was prepared for another programme.
    public func report(
        _ catalogue: Catalogue, on dataset: PreparedDataset, period: Period,
        disclosure: DisclosureControl = .standard
    ) throws(EvaluationError) -> Report {
        let evaluation = try evaluate(catalogue, on: dataset, period: period)
        return report(
            catalogue, evaluation: evaluation, description: dataset.description, records: Self.records(of: dataset),
            disclosure: disclosure)
    }

    /// Evaluates a catalogue over a prepared dataset for a period already resolved against it
    /// (`Catalogue.resolve(_:)`) and assembles the report, like
    /// `report(_:on:period:disclosure:)`.
    ///
    /// - Throws: ``EvaluationError`` as `evaluate(_:on:period:)` does.
    public func report(
        _ catalogue: Catalogue, on dataset: PreparedDataset, period: ResolvedPeriod,
        disclosure: DisclosureControl = .standard
    ) throws(EvaluationError) -> Report {
        let evaluation = try evaluate(catalogue, on: dataset, period: period)
        return report(
            catalogue, evaluation: evaluation, description: dataset.description, records: Self.records(of: dataset),
            disclosure: disclosure)
    }

    /// The records of each source of a dataset of values.
    static func records(of dataset: Dataset) -> [DataBasis.Records] {
        Source.allCases.map { source in
            let count =
                switch source {
                case .migrants: dataset.migrants.count
                case .assistance: dataset.assistance.count
                case .surveys: dataset.surveys.count
                case .trainingParticipants: dataset.participants.count
                case .knowledgeProducts: dataset.knowledgeProducts.count
                case .disseminations: dataset.disseminations.count
                case .engagements: dataset.engagements.count
                case .platformVisits: dataset.platformVisits.count
                }
            return DataBasis.Records(source: source, read: count)
        }
    }

    /// The records of each source of a prepared dataset (of the days it kept).
    static func records(of dataset: PreparedDataset) -> [DataBasis.Records] {
        Source.allCases.map { DataBasis.Records(source: $0, read: dataset.recordCount(of: $0)) }
    }

    private func report(
        _ catalogue: Catalogue, evaluation: Evaluation, description: LocalizedText?, records: [DataBasis.Records],
        disclosure: DisclosureControl
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
                        notes: indicator.note.map { [$0] } ?? [],
                        crossBreakdowns: result.crossBreakdowns, overlap: result.overlap, progress: result.progress)
                }
            if !entries.isEmpty { sections.append(Report.Section(workArea: area, entries: entries)) }
        }
        let (findings, redacted) = Finding.redacted(evaluation.findings)
        let report = Report(
            programme: catalogue.programme, period: period, dates: evaluation.dates,
            dataDescription: description, sections: sections, findings: findings,
            disclosure: DisclosureSummary(control: .off, redactedFindings: redacted),
            basis: DataBasis(
                records: records,
                findings: DataBasis.RuleCount.counting(
                    evaluation.findings.filter { $0.severity != .note }, severity: \.severity, rule: \.rule)))
        return disclosure.protect(report)
    }
}
