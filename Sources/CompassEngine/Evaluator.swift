import CompassCore

/// Computes indicators from a `Store` for one range of days.
struct Evaluator {
    let store: Store
    let dates: DateRange
    let platforms: [Platform]
    /// The threads of the caller, if it gave any, for the longest loops (`forEachPart(_:_:)`).
    let runner: (any ParallelRunner)?
    /// The rows of each source in the period grouped by person, built once when first needed.
    let groups = GroupCache()

    init(store: Store, dates: DateRange, platforms: [Platform], runner: (any ParallelRunner)? = nil) {
        self.store = store
        self.dates = dates
        self.platforms = platforms
        self.runner = runner
    }

    /// Reads a category of one row: an ordinal, an interned number, or -1 for unknown.
    typealias RowReader = (Int) -> Int32

    func evaluate(_ indicator: Indicator) -> IndicatorResult { evaluateKeepingPeople(indicator).result }

    /// Evaluates an indicator and keeps, for a distinct-people measure, the set of people counted.
    func evaluateKeepingPeople(_ indicator: Indicator) -> (result: IndicatorResult, people: Bitset?) {
        var result: IndicatorResult
        var people: Bitset?
        switch indicator.measure {
        case .share(let numerator, let denominator):
            let top = tally(numerator, filter: indicator.filter, breakdowns: []).total
            let bottom = tally(denominator, filter: indicator.filter, breakdowns: [])
            result = IndicatorResult(
                indicator: indicator.id, value: .share(Fraction(top, over: bottom.total)), breakdowns: [],
                records: bottom.records)
        default:
            let counts = tally(
                indicator.measure, filter: indicator.filter, breakdowns: indicator.breakdowns,
                pairs: indicator.crossBreakdowns)
            let breakdowns = zip(indicator.breakdowns, counts.cells).map { dimension, cells in
                breakdown(dimension, cells: cells, total: counts.total, overlap: overlaps(dimension, indicator.measure))
            }
            result = IndicatorResult(
                indicator: indicator.id, value: .count(counts.total), breakdowns: breakdowns, records: counts.records)
            people = counts.people
            if !indicator.crossBreakdowns.isEmpty {
                let crossed =
                    counts.crossCells
                    ?? crossTally(indicator.measure, filter: indicator.filter, pairs: indicator.crossBreakdowns)
                result.crossBreakdowns = zip(indicator.crossBreakdowns, crossed).map { pair, cells in
                    crossBreakdown(
                        pair, cells: cells, total: counts.total,
                        overlap: overlaps(pair.first, indicator.measure) || overlaps(pair.second, indicator.measure))
                }
            }
        }
        if let target = indicator.target {
            result.progress = TargetProgress.of(result.value, baseline: indicator.baseline, target: target)
        }
        return (result, people)
    }

    /// Whether a unit counted by `measure` can be in several categories of `dimension`.
    func overlaps(_ dimension: BreakdownDimension, _ measure: Measure) -> Bool {
        if dimension == .vulnerability { return true }
        if case .distinctPeople = measure { return !dimension.describesPerson }
        return false
    }

    /// How the parts of a distinct-people indicator overlap, from the sets of people the indicator and its parts counted.
    ///
    /// A set not given (`nil`) is computed from the records.
    func overlap(_ indicator: Indicator, people total: Bitset?, parts: [(Indicator, Bitset?)]) -> Overlap {
        var once = Bitset(capacity: 0)
        var twice = Bitset(capacity: 0)
        var values: [Int] = []
        for (part, known) in parts {
            let members = known ?? people(part.measure, filter: part.filter)
            values.append(members.count)
            if once.words.isEmpty {
                once = members
                twice = Bitset(capacity: members.words.count * 64)
            } else {
                twice.formUnion(once, intersecting: members)
                once.formUnion(members)
            }
        }
        let distinct = (total ?? people(indicator.measure, filter: indicator.filter)).count
        return Overlap(
            parts: parts.map(\.0.id), partValues: values, distinct: distinct, peopleInSeveralParts: twice.count)
    }

    /// The set of people a distinct-people measure counts; empty for other measures.
    func people(_ measure: Measure, filter: Filter) -> Bitset {
        guard case .distinctPeople(let source, let own) = measure else { return Bitset(capacity: 0) }
        let passes = predicate((own && filter).node, source)
        let date = dateColumn(source)
        let low = dates.start.yyyymmdd
        let high = dates.end.yyyymmdd
        let personOf = personColumn(source)
        var people = Bitset(capacity: source == .trainingParticipants ? store.traineeCount : store.migrantCount)
        for row in 0..<store.count(of: source) {
            let day = date[row]
            guard day >= low, day <= high, passes(row) else { continue }
            people.insert(Int(personOf(row)))
        }
        return people
    }

    /// The cells of crossed breakdowns of a count or a sum: per pair, the value of each pair of category numbers.
    func crossTally(_ measure: Measure, filter: Filter, pairs: [DimensionPair]) -> [[Int64: Int]] {
        guard let source = measure.source else { return pairs.map { _ in [:] } }
        let extraFilter: Filter
        switch measure {
        case .count(_, let own), .distinctPeople(_, let own), .sum(_, let own): extraFilter = own && filter
        case .share: extraFilter = filter
        }
        let passes = predicate(extraFilter.node, source)
        let date = dateColumn(source)
        let low = dates.start.yyyymmdd
        let high = dates.end.yyyymmdd
        let readers = pairs.map { (rowCategories($0.first, source), rowCategories($0.second, source)) }
        func key(_ first: Int32, _ second: Int32) -> Int64 { Int64(first) << 32 | Int64(UInt32(bitPattern: second)) }
        let amount: (Int) -> Int
        if case .sum(let field, _) = measure { amount = fieldColumn(field) } else { amount = { _ in 1 } }
        var cells: [[Int64: Int]] = pairs.map { _ in [:] }
        for row in 0..<store.count(of: source) {
            let day = date[row]
            guard day >= low, day <= high, passes(row) else { continue }
            let value = amount(row)
            for (index, reader) in readers.enumerated() {
                for first in reader.0(row) {
                    for second in reader.1(row) { cells[index][key(first, second), default: 0] += value }
                }
            }
        }
        return cells
    }
}
