/// Evaluates indicators over a dataset and a period.
///
/// The engine validates the catalogue first and refuses an invalid one; it then
/// turns the dataset into columns of small integers once (ids interned, codes as
/// ordinals) and computes every indicator from them. It never formats: reporters do.
///
/// ```swift
/// let evaluation = try Engine().evaluate(catalogue, on: dataset, period: .year(2022))
/// evaluation["migrants-assisted"]?.value     // .count(41_562)
/// ```
public struct Engine: Sendable {
    /// Creates an engine.
    public init() {}

    /// Evaluates every indicator of a catalogue over the records of a period.
    ///
    /// - Parameters:
    ///   - catalogue: The programme and its indicators; validated first.
    ///   - dataset: The records.
    ///   - period: The reporting period; a record counts when its own date lies in it.
    /// - Returns: One result per indicator, in catalogue order, and the findings on the data.
    /// - Throws: ``EvaluationError`` when the catalogue has errors (all of them are
    ///   listed) or the period does not exist.
    /// - Complexity: O(*n*) in the number of records, for each indicator.
    public func evaluate(_ catalogue: Catalogue, on dataset: Dataset, period: Period) throws(EvaluationError)
        -> Evaluation
    {
        let problems = catalogue.validate()
        if problems.contains(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidCatalogue, findings: problems)
        }
        guard let dates = period.dates(programme: catalogue.programme.period) else {
            throw EvaluationError(.invalidPeriod(period.description), findings: [])
        }
        let store = Store(dataset, programme: catalogue.programme)
        let evaluator = Evaluator(store: store, dates: dates, platforms: catalogue.programme.platforms)
        let results = catalogue.indicators.map { evaluator.evaluate($0) }
        let findings = (problems + store.findings).sorted { $0.severity < $1.severity }
        return Evaluation(period: period, dates: dates, results: results, findings: findings)
    }

    /// Evaluates one indicator over the records of a range of days.
    ///
    /// The indicator is validated on its own (its work area is not checked).
    ///
    /// - Throws: ``EvaluationError`` when the indicator is invalid.
    public func evaluate(_ indicator: Indicator, on dataset: Dataset, dates: DateRange) throws(EvaluationError)
        -> IndicatorResult
    {
        let problems = Catalogue.validate(indicator)
        if problems.contains(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidCatalogue, findings: problems)
        }
        let store = Store(dataset, programme: nil)
        return Evaluator(store: store, dates: dates, platforms: []).evaluate(indicator)
    }
}

/// Why the engine refused to evaluate.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case invalidCatalogue
        case invalidPeriod(String)
    }

    let kind: Kind
    /// Every problem found in the catalogue, when the catalogue is the reason.
    public let findings: [Finding]

    init(_ kind: Kind, findings: [Finding]) {
        self.kind = kind
        self.findings = findings
    }

    /// A message naming the problem, then every catalogue finding on its own line.
    public var description: String {
        switch kind {
        case .invalidCatalogue:
            let errors = findings.filter { $0.severity == .error }.count
            return (["the catalogue has \(errors) error\(errors == 1 ? "" : "s") and cannot be evaluated:"]
                + findings.map { "  \($0)" }).joined(separator: "\n")
        case .invalidPeriod(let text):
            return "the period \(text) does not exist"
        }
    }
}

extension Catalogue {
    /// Checks the catalogue: unique ids, known work areas, measures and filters that fit their sources.
    ///
    /// Every problem is reported at once, each naming its indicator. An indicator
    /// with an error cannot be evaluated.
    public func validate() -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<Indicator.ID>()
        let areas = Set(programme.workAreas.map(\.id))
        for indicator in indicators {
            if !seen.insert(indicator.id).inserted {
                findings.append(
                    Finding(
                        .error, rule: "duplicate-indicator", message: "indicator \(indicator.id) is defined more than once",
                        indicator: indicator.id))
            }
            if let area = indicator.workArea, !areas.contains(area) {
                findings.append(
                    Finding(
                        .error, rule: "unknown-work-area",
                        message: "indicator \(indicator.id) names work area \(area), which the programme does not have",
                        indicator: indicator.id))
            }
            findings += Catalogue.validate(indicator)
        }
        return findings
    }

    /// Checks one indicator on its own.
    static func validate(_ indicator: Indicator) -> [Finding] {
        var findings: [Finding] = []
        func error(_ rule: String, _ message: String) {
            findings.append(
                Finding(.error, rule: rule, message: "indicator \(indicator.id): \(message)", indicator: indicator.id))
        }
        if indicator.id.rawValue.isEmpty { error("empty-id", "the id is empty") }
        if indicator.title.translations.values.allSatisfy(\.isEmpty) { error("missing-title", "the title is empty") }
        func check(_ measure: Measure) {
            switch measure {
            case .count(let source, let filter), .distinctPeople(let source, let filter):
                if case .distinctPeople = measure, !source.identifiesPeople {
                    error(
                        "incoherent-unit",
                        "distinct people cannot be counted in \(source.rawValue), whose records name no person")
                }
                checkFilter(filter, source)
            case .sum(let field, let filter):
                checkFilter(filter, field.source)
            case .share(let numerator, let denominator):
                check(numerator)
                check(denominator)
                if numerator.unit == .percent || denominator.unit == .percent {
                    error("incoherent-unit", "a share of shares has no meaning")
                }
            }
        }
        func checkFilter(_ filter: Filter, _ source: Source) {
            for condition in (filter && indicator.filter).inapplicableConditions(for: source) {
                error("inapplicable-filter", "the condition \(condition) does not apply to \(source.rawValue)")
            }
        }
        check(indicator.measure)
        for dimension in indicator.breakdowns {
            guard let source = indicator.measure.source else {
                error("unsupported-breakdown", "a share cannot be broken down by \(dimension.rawValue)")
                continue
            }
            if !dimension.sources.contains(source) {
                error(
                    "inapplicable-breakdown",
                    "\(source.rawValue) records have no \(dimension.rawValue) to break down by")
            }
        }
        if Set(indicator.breakdowns).count != indicator.breakdowns.count {
            error("duplicate-breakdown", "a breakdown is listed twice")
        }
        if case .lowerBound(let step) = indicator.presentation, step <= 0 {
            error("invalid-presentation", "a lower bound needs a positive step, not \(step)")
        }
        return findings
    }
}
