public import CompassCore

/// Evaluates indicators over a dataset and a period.
///
/// The engine validates the catalogue first and refuses an invalid one; it then
/// turns the dataset into columns of small integers once (ids interned, codes as
/// ordinals) and computes every indicator from them. It never formats: reporters do.
/// It starts no thread; given a ``ParallelRunner`` (`init(runner:)`), it runs its longest
/// loops in parts on the runner's threads, with the same results.
///
/// ```swift
/// let evaluation = try Engine().evaluate(catalogue, on: dataset, period: .year(2022))
/// evaluation["migrants-assisted"]?.value     // .count(41_562)
/// ```
public struct Engine: Sendable {
    /// The caller's threads, if it gives any: the longest loops of an evaluation run in parts on them.
    public var runner: (any ParallelRunner)?

    /// Creates an engine that evaluates on the caller's thread.
    public init() {}

    /// Creates an engine that runs the longest loops of an evaluation in parts on `runner`'s
    /// threads; the results are those of `init()`.
    public init(runner: (any ParallelRunner)?) {
        self.runner = runner
    }

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
        let problems = try check(catalogue)
        let resolved = try Engine.resolve(period, for: catalogue)
        let prepared = PreparedDataset(dataset, programme: catalogue.programme)
        return evaluateChecked(catalogue, problems: problems, on: prepared, period: resolved)
    }

    /// Evaluates every indicator of a catalogue over the records of a period of a prepared dataset.
    ///
    /// - Parameters:
    ///   - catalogue: The programme and its indicators; validated first.
    ///   - dataset: The records, prepared for the catalogue's programme.
    ///   - period: The reporting period; a record counts when its own date lies in it.
    /// - Returns: One result per indicator, in catalogue order, and the findings on the data.
    /// - Throws: ``EvaluationError`` when the catalogue has errors (all of them are listed),
    ///   the period does not exist, or the dataset was prepared for another programme, or
    ///   without the days the evaluation reads (`ResolvedPeriod.readDays`), or without
    ///   attributes of migrants it reads (`Catalogue.migrantAttributes`).
    /// - Complexity: O(*n*) in the number of records, for each indicator.
    public func evaluate(_ catalogue: Catalogue, on dataset: PreparedDataset, period: Period)
        throws(EvaluationError) -> Evaluation
    {
        let problems = try check(catalogue)
        return try evaluate(catalogue, problems: problems, on: dataset, period: Engine.resolve(period, for: catalogue))
    }

    /// Evaluates every indicator of a catalogue over the records of a period already resolved
    /// against it (`Catalogue.resolve(_:)`), as a command line does once for the reader and
    /// the engine.
    ///
    /// - Throws: ``EvaluationError`` as `evaluate(_:on:period:)`
    ///   does, and when `period` was resolved against another programme's period.
    public func evaluate(_ catalogue: Catalogue, on dataset: PreparedDataset, period: ResolvedPeriod)
        throws(EvaluationError) -> Evaluation
    {
        let problems = try check(catalogue)
        guard period.programmeDates == catalogue.programme.period else {
            throw EvaluationError(.invalidPeriod(period.description), findings: [])
        }
        guard period.meetsProgramme else {
            throw EvaluationError(
                .outsideProgramme(period.description, catalogue.programme.name, period.programmeDates.description),
                findings: [])
        }
        return try evaluate(catalogue, problems: problems, on: dataset, period: period)
    }

    /// Resolves a period against a catalogue, or throws the error that stops an evaluation.
    ///
    /// - Throws: ``EvaluationError`` when the period does not exist, or lies wholly outside
    ///   the programme's period: its figures would all be zero, which is no report of the programme.
    public static func resolve(_ period: Period, for catalogue: Catalogue) throws(EvaluationError) -> ResolvedPeriod {
        guard let resolved = catalogue.resolve(period) else {
            throw EvaluationError(.invalidPeriod(period.description), findings: [])
        }
        guard resolved.meetsProgramme else {
            throw EvaluationError(
                .outsideProgramme(resolved.description, catalogue.programme.name, resolved.programmeDates.description),
                findings: [])
        }
        return resolved
    }

    /// The catalogue's findings, or the error that stops an evaluation.
    private func check(_ catalogue: Catalogue) throws(EvaluationError) -> [Finding] {
        let problems = catalogue.validate()
        if problems.contains(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidCatalogue, findings: problems)
        }
        return problems
    }

    /// Checks that a prepared dataset holds what the evaluation reads, then evaluates.
    private func evaluate(
        _ catalogue: Catalogue, problems: [Finding], on dataset: PreparedDataset, period: ResolvedPeriod
    ) throws(EvaluationError) -> Evaluation {
        guard dataset.programme == nil || dataset.programme == catalogue.programme else {
            throw EvaluationError(
                .programmeMismatch(dataset.programme?.name ?? "", catalogue.programme.name), findings: [])
        }
        let needed = period.readDays
        if let kept = dataset.keptDays, !(kept.contains(needed.start) && kept.contains(needed.end)) {
            throw EvaluationError(.outsideKeptDays(needed.description, kept.description), findings: [])
        }
        let read = catalogue.migrantAttributes
        guard dataset.keptAttributes.isSuperset(of: read) else {
            throw EvaluationError(
                .attributesNotKept(read.subtracting(dataset.keptAttributes).description), findings: [])
        }
        return evaluateChecked(catalogue, problems: problems, on: dataset, period: period)
    }

    private func evaluateChecked(
        _ catalogue: Catalogue, problems: [Finding], on dataset: PreparedDataset, period resolved: ResolvedPeriod
    ) -> Evaluation {
        let dates = resolved.dates
        let period = resolved.period
        let store = dataset.store
        let evaluator = Evaluator(
            store: store, dates: dates, platforms: catalogue.programme.platforms, runner: runner)
        // The sets of people of indicators with parts, and of their parts, are kept for the overlap.
        let involved = Set(catalogue.indicators.flatMap { $0.parts.isEmpty ? [] : [$0.id] + $0.parts })
        var results: [IndicatorResult] = []
        var people: [Indicator.ID: Bitset] = [:]
        evaluator.countTogether(catalogue.indicators)
        for indicator in catalogue.indicators {
            let (result, members) = evaluator.evaluateKeepingPeople(indicator)
            results.append(result)
            if involved.contains(indicator.id), let members { people[indicator.id] = members }
        }
        for (index, indicator) in catalogue.indicators.enumerated() where !indicator.parts.isEmpty {
            let parts = indicator.parts.compactMap { id in catalogue[id].map { ($0, people[id]) } }
            results[index].overlap = evaluator.overlap(indicator, people: people[indicator.id], parts: parts)
        }
        let checks = RuleChecker(catalogue: catalogue, results: results, store: store, dates: dates)
        var periodFindings: [Finding] = []
        if !store.hasRecords(in: dates) {
            periodFindings.append(
                Finding(
                    .warning, rule: "no-records-in-period",
                    message: "no record of any kind is dated in \(resolved); every figure is zero"))
        }
        let findings =
            (problems + periodFindings + store.findings + checks.builtInFindings() + checks.catalogueRuleFindings())
            .enumerated().sorted { a, b in
                a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
            }
            .map(\.element)
        return Evaluation(period: period, dates: dates, results: results, findings: findings)
    }

    /// Evaluates one indicator over the records of a period.
    ///
    /// A year, quarter, month or range of days names its own days. `Period.programme`
    /// means the period of `programme`, so it needs one; with a programme, every period is
    /// resolved against it as `Catalogue.resolve(_:)` does for a catalogue of that
    /// programme, and a breakdown by platform names and orders the programme's platforms.
    /// The indicator is validated on its own (its work area is not checked).
    ///
    /// ```swift
    /// let result = try Engine().evaluate(girls, on: dataset, period: .year(2022))
    /// let whole = try Engine().evaluate(girls, on: dataset, period: .programme, programme: .compass)
    /// ```
    ///
    /// - Parameters:
    ///   - indicator: The indicator.
    ///   - dataset: The records.
    ///   - period: The reporting period; a record counts when its own date lies in it.
    ///   - programme: The programme whose period `Period.programme` means; `nil` when there is none.
    /// - Returns: The indicator's value and breakdowns.
    /// - Throws: ``EvaluationError`` when the indicator is invalid, the period does not exist,
    ///   or the period is `Period.programme` and no programme is given.
    /// - Complexity: O(*n*) in the number of records.
    public func evaluate(_ indicator: Indicator, on dataset: Dataset, period: Period, programme: Programme? = nil)
        throws(EvaluationError) -> IndicatorResult
    {
        let dates: DateRange
        if let programme {
            dates = try Engine.resolve(period, for: Catalogue(programme: programme, indicators: [])).dates
        } else {
            guard period != .programme else { throw EvaluationError(.noProgramme, findings: []) }
            guard let own = Engine.ownDates(of: period) else {
                throw EvaluationError(.invalidPeriod(period.description), findings: [])
            }
            dates = own
        }
        return try evaluate(indicator, on: Store(dataset, programme: programme), dates: dates, programme: programme)
    }

    /// Evaluates one indicator over the records of a range of days.
    ///
    /// The indicator is validated on its own (its work area is not checked). To evaluate it
    /// for a `Period`, such as `.year(2022)`, use `evaluate(_:on:period:programme:)`, or
    /// take the days of the period with `Period.dates(programme:)`.
    ///
    /// - Throws: ``EvaluationError`` when the indicator is invalid.
    public func evaluate(_ indicator: Indicator, on dataset: Dataset, dates: DateRange) throws(EvaluationError)
        -> IndicatorResult
    {
        try evaluate(indicator, on: Store(dataset, programme: nil), dates: dates, programme: nil)
    }

    /// Validates one indicator on its own, then evaluates it over a store.
    private func evaluate(_ indicator: Indicator, on store: Store, dates: DateRange, programme: Programme?)
        throws(EvaluationError) -> IndicatorResult
    {
        let problems = Catalogue.validate(indicator)
        if problems.contains(where: { $0.severity == .error }) {
            throw EvaluationError(.invalidCatalogue, findings: problems)
        }
        return Evaluator(store: store, dates: dates, platforms: programme?.platforms ?? []).evaluate(indicator)
    }

    /// The days of a period that names its own (any but `Period.programme`), or `nil`.
    private static func ownDates(of period: Period) -> DateRange? {
        // Only `.programme` reads the programme's days, so any days stand in for them.
        guard period != .programme, let anyDays = DateRange("2000-01-01", "2000-01-01") else { return nil }
        return period.dates(programme: anyDays)
    }
}

/// Why the engine refused to evaluate.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case invalidCatalogue
        case invalidPeriod(String)
        case outsideProgramme(String, String, String)
        case noProgramme
        case programmeMismatch(String, String)
        case outsideKeptDays(String, String)
        case attributesNotKept(String)
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
            return
                (["the catalogue has \(errors) error\(errors == 1 ? "" : "s") and cannot be evaluated:"]
                + findings.map { "  \($0)" }).joined(separator: "\n")
        case .invalidPeriod(let text):
            return "the period \(text) does not exist"
        case .outsideProgramme(let period, let programme, let days):
            return "the period \(period) lies outside the programme \(programme), which runs \(days)"
        case .noProgramme:
            return
                "the period programme is a programme's own period: pass the programme to evaluate an indicator over it"
        case .outsideKeptDays(let needed, let kept):
            return "the evaluation reads the records of \(needed), but the dataset was prepared keeping only \(kept)"
        case .attributesNotKept(let attributes):
            return "the evaluation reads the migrants' \(attributes), which the dataset was prepared without"
        case .programmeMismatch(let prepared, let wanted):
            return "the dataset was prepared for programme \(prepared.isEmpty ? "(none)" : prepared), not for \(wanted)"
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
                        .error, rule: "duplicate-indicator",
                        message: "indicator \(indicator.id) is defined more than once",
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
        findings += validateParts()
        findings += validateRules()
        findings += validateProgramme()
        return findings
    }

    /// Checks the programme: a period that ends after it starts, unique work area and platform ids.
    func validateProgramme() -> [Finding] {
        var findings: [Finding] = []
        func error(_ message: String) {
            findings.append(
                Finding(.error, rule: "invalid-programme", message: "programme \(programme.name): \(message)"))
        }
        if programme.period.end < programme.period.start {
            error("its period ends (\(programme.period.end)) before it starts (\(programme.period.start))")
        }
        var areas = Set<String>()
        for area in programme.workAreas where !areas.insert(area.id).inserted {
            error("the work area \(area.id) is listed twice")
        }
        var platforms = Set<String>()
        for platform in programme.platforms where !platforms.insert(platform.id).inserted {
            error("the platform \(platform.id) is listed twice")
        }
        return findings
    }

    /// Checks every indicator's `Indicator.parts`: known, distinct-people indicators on the same source.
    func validateParts() -> [Finding] {
        var findings: [Finding] = []
        for indicator in indicators where !indicator.parts.isEmpty {
            func error(_ message: String) {
                findings.append(
                    Finding(
                        .error, rule: "invalid-parts", message: "indicator \(indicator.id): \(message)",
                        indicator: indicator.id))
            }
            guard case .distinctPeople(let source, _) = indicator.measure else {
                error("only a distinct-people indicator can have parts")
                continue
            }
            if Set(indicator.parts).count != indicator.parts.count { error("a part is listed twice") }
            for id in indicator.parts {
                guard let part = self[id] else {
                    error("the part \(id) is not an indicator of the catalogue")
                    continue
                }
                if id == indicator.id { error("an indicator cannot be its own part") }
                guard case .distinctPeople(let partSource, _) = part.measure, partSource == source else {
                    error("the part \(id) must count distinct people in \(source.rawValue) too")
                    continue
                }
            }
        }
        return findings
    }

    /// Checks the catalogue's rules: unique ids, known indicators, periods that exist.
    func validateRules() -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<String>()
        for rule in rules {
            func error(_ message: String, indicator: Indicator.ID? = nil) {
                findings.append(
                    Finding(.error, rule: "invalid-rule", message: "rule \(rule.id): \(message)", indicator: indicator))
            }
            if rule.id.isEmpty { error("the id is empty") }
            if !seen.insert(rule.id).inserted { error("the rule is defined more than once") }
            for (id, period) in rule.left.references + rule.right.references {
                if self[id] == nil {
                    error("it names indicator \(id), which the catalogue does not have", indicator: id)
                }
                if case .fixed(let fixed) = period, fixed.dates(programme: programme.period) == nil {
                    error("the period \(fixed) does not exist")
                }
            }
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
                } else if numerator.unit != denominator.unit {
                    error(
                        "incoherent-unit",
                        "a share must count the same unit above and below, not \(numerator.unit.rawValue) over \(denominator.unit.rawValue)"
                    )
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
        for pair in indicator.crossBreakdowns {
            guard let source = indicator.measure.source else {
                error(
                    "unsupported-breakdown",
                    "a share cannot be broken down by \(pair.first.rawValue) × \(pair.second.rawValue)")
                continue
            }
            for dimension in [pair.first, pair.second] where !dimension.sources.contains(source) {
                error(
                    "inapplicable-breakdown",
                    "\(source.rawValue) records have no \(dimension.rawValue) to break down by")
            }
            if pair.first == pair.second {
                error("duplicate-breakdown", "a dimension cannot be crossed with itself (\(pair.first.rawValue))")
            }
        }
        if Set(indicator.crossBreakdowns).count != indicator.crossBreakdowns.count {
            error("duplicate-breakdown", "a crossed breakdown is listed twice")
        }
        if let target = indicator.target {
            if target == (indicator.baseline ?? 0) {
                error("incoherent-target", "the target \(target) equals the baseline, so progress has no meaning")
            }
            if indicator.unit == .percent, !(0...100).contains(target) {
                error("incoherent-target", "the target of a share must be a percent in 0...100, not \(target)")
            }
        }
        if let baseline = indicator.baseline {
            if baseline < 0 { error("incoherent-target", "the baseline cannot be negative (\(baseline))") }
            if indicator.unit == .percent, !(0...100).contains(baseline) {
                error("incoherent-target", "the baseline of a share must be a percent in 0...100, not \(baseline)")
            }
        }
        if let target = indicator.target, target < 0 {
            error("incoherent-target", "the target cannot be negative (\(target))")
        }
        if case .lowerBound(let step) = indicator.presentation, step <= 0 {
            error("invalid-presentation", "a lower bound needs a positive step, not \(step)")
        }
        return findings
    }
}
