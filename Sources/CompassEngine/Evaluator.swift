public import CompassCore

/// Computes indicators from a ``Store`` for one range of days.
struct Evaluator {
    let store: Store
    let dates: DateRange
    let platforms: [Platform]
    /// The threads of the caller, if it gave any, for the longest loops (``forEachPart(_:_:)``).
    let runner: (any ParallelRunner)?
    /// The rows of each source in the period grouped by person, built once when first needed.
    private let groups = GroupCache()

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

    // MARK: Counting

    struct Tally {
        var total = 0
        /// The number of records that passed the filter in the period.
        var records = 0
        /// For a distinct-people measure, the people counted.
        var people: Bitset?
        /// Per breakdown, the value of each category number.
        var cells: [[Int32: Int]]
        /// For a distinct-people measure, per crossed pair, the value of each pair of category numbers.
        var crossCells: [[Int64: Int]]?
    }

    func tally(_ measure: Measure, filter: Filter, breakdowns: [BreakdownDimension], pairs: [DimensionPair] = [])
        -> Tally
    {
        var result = Tally(cells: breakdowns.map { _ in [:] })
        guard let source = measure.source else { return result }
        let extraFilter: Filter
        switch measure {
        case .count(_, let own), .distinctPeople(_, let own), .sum(_, let own): extraFilter = own && filter
        case .share: extraFilter = filter
        }
        let passes = predicate(extraFilter.node, source)
        let date = dateColumn(source)
        let low = dates.start.yyyymmdd
        let high = dates.end.yyyymmdd
        let rows = store.count(of: source)

        switch measure {
        case .distinctPeople:
            let personCount = source == .trainingParticipants ? store.traineeCount : store.migrantCount
            var people = Bitset(capacity: personCount)
            let trainees = source == .trainingParticipants
            // Person dimensions are counted once per person counted; the others, and every crossed
            // pair, once per person and category: over the period's rows grouped by person, a cell
            // counts a person the first time one of the person's rows falls in it.
            let (rowDimensions, axes) = Self.countingAxes(breakdowns, pairs)
            let sizes = axes.map { $0.map { categoryCount($0, trainees: trainees) } }
            let grouped = groups.groups(of: source, evaluator: self)
            let test = RowTest(extraFilter.node, source, evaluator: self)
            var records = 0
            if axes.allSatisfy({ !$0.contains(.vulnerability) }) {
                // Single-valued categories: every grouped row's cell on every axis is read from
                // one column built once per evaluation, so counting a row is a few loads.
                let layout = CellLayout(sizes: sizes)
                var counts = [Int32](repeating: 0, count: layout.cellTotal)
                if let known = groups.counted(source, axes, extraFilter.node) {
                    // Counted already, together with other indicators (`countTogether(_:)`).
                    records = known.records
                    people = known.people
                    counts = known.counts
                } else {
                    let slots = groups.slots(axes, layout: layout, of: source, evaluator: self)
                    switch test {
                    case .all:
                        records = Self.countCells(grouped, slots, axes: axes.count, &counts, &people) { _ in true }
                    case .kinds(let mask, let column):
                        records = column.withUnsafeBufferPointer { kinds in
                            Self.countCells(grouped, slots, axes: axes.count, &counts, &people) {
                                mask & (1 << UInt64(kinds[$0])) != 0
                            }
                        }
                    case .other(let passes):
                        records = Self.countCells(grouped, slots, axes: axes.count, &counts, &people, passes)
                    }
                }
                for (axis, index) in rowDimensions.enumerated() {
                    result.cells[index] = layout.singleCells(axis, counts)
                }
                if !pairs.isEmpty {
                    result.crossCells = pairs.indices.map { layout.pairCells(rowDimensions.count + $0, counts) }
                }
            } else {
                var counter = CellCounter(
                    axes: axes.map { $0.map { rowCategories($0, source) } }, sizes: sizes)
                grouped.forEachPerson { person, range, rows in
                    var counted = false
                    for index in range {
                        let row = Int(rows[index])
                        guard test.passes(row) else { continue }
                        counted = true
                        records += 1
                        counter.count(row: row, person: person)
                    }
                    if counted { people.insert(person) }
                }
                for (axis, index) in rowDimensions.enumerated() { result.cells[index] = counter.singleCells(axis) }
                if !pairs.isEmpty {
                    result.crossCells = pairs.indices.map { counter.pairCells(rowDimensions.count + $0) }
                }
            }
            result.records = records
            result.total = people.count
            result.people = people
            for (index, dimension) in breakdowns.enumerated() where dimension.describesPerson {
                // Counted in an array by category (-1 first), then kept where not zero.
                var byCategory = [Int](repeating: 0, count: categoryCount(dimension, trainees: trainees) + 1)
                if dimension == .sex {
                    // The commonest, read straight from its column (every code is a category).
                    (trainees ? store.traineeSex : store.migrantSex).withUnsafeBufferPointer { sex in
                        byCategory.withUnsafeMutableBufferPointer { byCategory in
                            people.forEach { person in
                                let slot = Int(sex[person]) + 1
                                if slot < byCategory.count {
                                    byCategory[slot] += 1
                                } else {
                                    result.cells[index][Int32(sex[person]), default: 0] += 1
                                }
                            }
                        }
                    }
                } else {
                    let categories = personCategories(dimension, trainees: trainees)
                    people.forEach { person in
                        for category in categories(person) {
                            let slot = Int(category) + 1
                            if slot >= 0, slot < byCategory.count {
                                byCategory[slot] += 1
                            } else {
                                result.cells[index][category, default: 0] += 1
                            }
                        }
                    }
                }
                for (slot, count) in byCategory.enumerated() where count > 0 {
                    result.cells[index][Int32(slot - 1), default: 0] += count
                }
            }

        case .count, .sum:
            let amount: (Int) -> Int
            if case .sum(let field, _) = measure {
                amount = fieldColumn(field)
            } else {
                amount = { _ in 1 }
            }
            let readers = breakdowns.map { rowCategories($0, source) }
            for row in 0..<rows {
                let day = date[row]
                guard day >= low, day <= high, passes(row) else { continue }
                let value = amount(row)
                result.total += value
                result.records += 1
                for (index, reader) in readers.enumerated() {
                    for category in reader(row) { result.cells[index][category, default: 0] += value }
                }
            }

        case .share:
            break
        }
        return result
    }

    /// The dimensions of a distinct-people tally counted row by row (those that do not describe
    /// the person, by index in `breakdowns`), and its axes: each of them, then each crossed pair.
    static func countingAxes(_ breakdowns: [BreakdownDimension], _ pairs: [DimensionPair]) -> (
        [Int], [[BreakdownDimension]]
    ) {
        let rowDimensions = breakdowns.indices.filter { !breakdowns[$0].describesPerson }
        return (rowDimensions, rowDimensions.map { [breakdowns[$0]] } + pairs.map { [$0.first, $0.second] })
    }

    /// Counts, in one pass over the grouped assistance rows, the distinct-people indicators among
    /// `indicators` that filter on kinds of assistance only and share their axes, when there are
    /// several: each row's kind and cells are read once for all of them. `tally` then takes
    /// their counts from the cache; they are the counts it would have made itself.
    func countTogether(_ indicators: [Indicator]) {
        var sets: [[[BreakdownDimension]]: [(node: Filter.Node, mask: UInt64)]] = [:]
        for indicator in indicators {
            guard case .distinctPeople(.assistance, let own) = indicator.measure else { continue }
            let node = (own && indicator.filter).node
            let mask: UInt64
            switch RowTest(node, .assistance, evaluator: self) {
            case .all: mask = .max
            case .kinds(let kinds, _): mask = kinds
            case .other: continue
            }
            let axes = Self.countingAxes(indicator.breakdowns, indicator.crossBreakdowns).1
            guard axes.allSatisfy({ !$0.contains(.vulnerability) }) else { continue }
            if sets[axes]?.contains(where: { $0.node == node }) == true { continue }
            sets[axes, default: []].append((node, mask))
        }
        for (axes, members) in sets where members.count > 1 {
            let layout = CellLayout(sizes: axes.map { $0.map { categoryCount($0, trainees: false) } })
            let grouped = groups.groups(of: .assistance, evaluator: self)
            let slots = groups.slots(axes, layout: layout, of: .assistance, evaluator: self)
            // At most 64 indicators in a pass, one bit each.
            for start in stride(from: 0, to: members.count, by: 64) {
                let part = Array(members[start..<min(start + 64, members.count)])
                let counted = countCells(
                    grouped, slots, axes: axes.count, cells: layout.cellTotal, masks: part.map(\.mask),
                    kinds: store.assistanceKind, people: store.migrantCount)
                for (member, result) in zip(part, counted) { groups.keep(result, .assistance, axes, member.node) }
            }
        }
    }

    /// The counts of one distinct-people tally: rows that passed, people counted, and per cell slot.
    struct CountedCells {
        let records: Int
        let people: Bitset
        let counts: [Int32]
    }

    /// Counts several distinct-people tallies of assistance in one pass, as the single-tally
    /// `countCells` counts one: tally `j` takes the rows whose kind's bit is in `masks[j]`.
    ///
    /// On a runner, the person groups are counted in parts, each into counts and bits of its
    /// own, then added up: a person is in one group, so in one part.
    func countCells(
        _ groups: PersonGroups, _ slots: [Int32], axes: Int, cells: Int, masks: [UInt64], kinds: [UInt8], people: Int
    ) -> [CountedCells] {
        let tallies = masks.count
        // For each kind ordinal, the tallies that take its rows, one bit each.
        var takers = [UInt64](repeating: 0, count: 64)
        for kind in 0..<64 {
            for (index, mask) in masks.enumerated() where mask & (1 << UInt64(kind)) != 0 {
                takers[kind] |= 1 << UInt64(index)
            }
        }
        let wordCount = (people + 63) / 64
        let parts = partCount(groups.rows.count)
        let groupCount = groups.people.count
        var records = [Int](repeating: 0, count: parts * tallies)
        var counts = [Int32](repeating: 0, count: parts * tallies * cells)
        var lastPerson = [Int32](repeating: -1, count: parts * tallies * cells)
        var words = [UInt64](repeating: 0, count: parts * tallies * wordCount)
        groups.rows.withUnsafeBufferPointer { rows in
            groups.bounds.withUnsafeBufferPointer { bounds in
                groups.people.withUnsafeBufferPointer { groupPeople in
                    slots.withUnsafeBufferPointer { slots in
                        kinds.withUnsafeBufferPointer { kinds in
                            takers.withUnsafeBufferPointer { takers in
                                records.withUnsafeMutableBufferPointer { allRecords in
                                    counts.withUnsafeMutableBufferPointer { allCounts in
                                        lastPerson.withUnsafeMutableBufferPointer { allLastPerson in
                                            words.withUnsafeMutableBufferPointer { allWords in
                                                runParts(parts) { part in
                                                    let records = allRecords.baseAddress! + part * tallies
                                                    let counts = allCounts.baseAddress! + part * tallies * cells
                                                    let lastPerson =
                                                        allLastPerson.baseAddress! + part * tallies * cells
                                                    let words = allWords.baseAddress! + part * tallies * wordCount
                                                    let first = groupCount * part / parts
                                                    let end = groupCount * (part + 1) / parts
                                                    for group in first..<end {
                                                        let person = groupPeople[group]
                                                        var counted: UInt64 = 0
                                                        for index in Int(bounds[group])..<Int(bounds[group + 1]) {
                                                            let taking = takers[Int(kinds[Int(rows[index])] & 63)]
                                                            counted |= taking
                                                            var rest = taking
                                                            while rest != 0 {
                                                                let tally = rest.trailingZeroBitCount
                                                                rest &= rest &- 1
                                                                records[tally] &+= 1
                                                                for slotIndex in index * axes..<(index + 1) * axes {
                                                                    let slot = Int(slots[slotIndex])
                                                                    guard slot >= 0 else { continue }
                                                                    let cell = tally &* cells &+ slot
                                                                    if lastPerson[cell] != person {
                                                                        lastPerson[cell] = person
                                                                        counts[cell] &+= 1
                                                                    }
                                                                }
                                                            }
                                                        }
                                                        let word = Int(person) >> 6
                                                        let bit = UInt64(1) << UInt64(person & 63)
                                                        while counted != 0 {
                                                            let tally = counted.trailingZeroBitCount
                                                            counted &= counted &- 1
                                                            words[tally &* wordCount &+ word] |= bit
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // The parts added up into the first.
        for part in 1..<max(parts, 1) {
            for index in 0..<tallies { records[index] += records[part * tallies + index] }
            for index in 0..<tallies * cells { counts[index] &+= counts[part * tallies * cells + index] }
            for index in 0..<tallies * wordCount { words[index] |= words[part * tallies * wordCount + index] }
        }
        return (0..<tallies).map { tally in
            CountedCells(
                records: records[tally],
                people: Bitset(words: Array(words[tally * wordCount..<(tally + 1) * wordCount])),
                counts: Array(counts[tally * cells..<(tally + 1) * cells]))
        }
    }

    /// Counts each person of `groups` once in every cell (`slots`, `axes` per grouped row) one of
    /// the person's rows that `passes` falls in, and puts the people counted in `people`;
    /// returns the number of rows that passed.
    @inline(__always)
    static func countCells(
        _ groups: PersonGroups, _ slots: [Int32], axes: Int, _ counts: inout [Int32], _ people: inout Bitset,
        _ passes: (Int) -> Bool
    ) -> Int {
        var records = 0
        var lastPerson = [Int32](repeating: -1, count: counts.count)
        groups.rows.withUnsafeBufferPointer { rows in
            groups.bounds.withUnsafeBufferPointer { bounds in
                groups.people.withUnsafeBufferPointer { groupPeople in
                    slots.withUnsafeBufferPointer { slots in
                        counts.withUnsafeMutableBufferPointer { counts in
                            lastPerson.withUnsafeMutableBufferPointer { lastPerson in
                                for group in 0..<groupPeople.count {
                                    let person = groupPeople[group]
                                    var counted = false
                                    for index in Int(bounds[group])..<Int(bounds[group + 1]) {
                                        guard passes(Int(rows[index])) else { continue }
                                        counted = true
                                        records += 1
                                        for slotIndex in index * axes..<(index + 1) * axes {
                                            let slot = Int(slots[slotIndex])
                                            if slot >= 0, lastPerson[slot] != person {
                                                lastPerson[slot] = person
                                                counts[slot] += 1
                                            }
                                        }
                                    }
                                    if counted { people.insert(Int(person)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return records
    }

    /// One more than the largest category number of a dimension (category -1, unknown or none, is counted apart).
    func categoryCount(_ dimension: BreakdownDimension, trainees: Bool) -> Int {
        switch dimension {
        case .sex: Sex.allCases.count
        case .ageGroup: AgeGroup.allCases.count
        case .vulnerability: Vulnerability.allCases.count
        case .assistanceKind: AssistanceKind.allCases.count
        case .service: SurveyService.allCases.count
        case .trainingTopic: TrainingTopic.allCases.count
        case .organisationType: OrganisationType.allCases.count
        case .productKind: KnowledgeProductKind.allCases.count
        case .country, .nationality: store.countries.count
        case .platform: store.platforms.count
        }
    }

    /// The rows of a source in the period, grouped by person, people in increasing order.
    ///
    /// Rows whose people never decrease (a file written person by person, as exports
    /// often are) are grouped in one pass by cutting runs; any other order takes a
    /// counting sort of the row numbers. Both give the same groups.
    func personGroups(_ source: Source) -> PersonGroups {
        let date = dateColumn(source)
        let low = dates.start.yyyymmdd
        let high = dates.end.yyyymmdd
        let personCount = source == .trainingParticipants ? store.traineeCount : store.migrantCount
        let rowCount = store.count(of: source)
        // The person of each row: a column for the sources that name people, the row itself otherwise.
        let persons: [Int32]
        switch source {
        case .assistance: persons = store.assistancePerson
        case .surveys: persons = store.surveyPerson
        case .trainingParticipants: persons = store.participationPerson
        default: persons = (0..<Int32(rowCount)).map { $0 }
        }
        guard low <= high else { return PersonGroups(people: [], bounds: [0], rows: []) }
        // Whether a day is in the period, as one unsigned comparison: the loops below decide
        // with selects, not branches, as a third of the rows or so may fall in a year.
        let span = UInt32(bitPattern: high &- low)
        @inline(__always) func inPeriod(_ day: Int32) -> Bool { UInt32(bitPattern: day &- low) <= span }
        // First, as if the people of the rows in the period never decreased (a file written person
        // by person): runs of one person are cut in one pass, in parts on the runner's threads,
        // which are then put end to end. Only the memory written is touched.
        if let runs = personRuns(rowCount: rowCount, date: date, persons: persons, low: low, span: span) {
            return runs
        }
        // Otherwise a counting sort of the row numbers by person.
        var total = 0
        date.withUnsafeBufferPointer { date in
            for row in 0..<rowCount where inPeriod(date[row]) { total += 1 }
        }
        var people: [Int32] = []
        var bounds: [Int32] = [0]
        var rows = [Int32](repeating: 0, count: total)
        var starts = [Int32](repeating: 0, count: personCount + 1)
        date.withUnsafeBufferPointer { date in
            persons.withUnsafeBufferPointer { persons in
                starts.withUnsafeMutableBufferPointer { starts in
                    for row in 0..<rowCount {
                        let day = date[row]
                        guard day >= low, day <= high else { continue }
                        starts[Int(persons[row]) + 1] += 1
                    }
                    for person in 0..<personCount { starts[person + 1] += starts[person] }
                }
            }
        }
        var next = starts
        date.withUnsafeBufferPointer { date in
            persons.withUnsafeBufferPointer { persons in
                next.withUnsafeMutableBufferPointer { next in
                    rows.withUnsafeMutableBufferPointer { rows in
                        for row in 0..<rowCount {
                            let day = date[row]
                            guard day >= low, day <= high else { continue }
                            let person = Int(persons[row])
                            rows[Int(next[person])] = Int32(row)
                            next[person] += 1
                        }
                    }
                }
            }
        }
        for person in 0..<personCount where starts[person] < starts[person + 1] {
            people.append(Int32(person))
            bounds.append(starts[person + 1])
        }
        return PersonGroups(people: people, bounds: bounds, rows: rows)
    }

    /// The rows of the period cut into runs of one person, when their people never decrease;
    /// `nil` otherwise.
    ///
    /// Each part of the rows is cut on its own (on the runner's threads for a long column): its
    /// rows, people and run starts are written from its first row's position, then the parts
    /// are put end to end, a person whose run goes on from one part to the next counted once.
    private func personRuns(rowCount: Int, date: [Int32], persons: [Int32], low: Int32, span: UInt32)
        -> PersonGroups?
    {
        @inline(__always) func inPeriod(_ day: Int32) -> Bool { UInt32(bitPattern: day &- low) <= span }
        let parts = partCount(rowCount)
        // Per part: whether its people never decrease, its rows kept, its runs, its first and last person.
        var cut = [(ordered: Bool, filled: Int, groups: Int, first: Int32, last: Int32)](
            repeating: (true, 0, 0, -1, -1), count: parts)
        var people: [Int32] = []
        var bounds: [Int32] = []
        let rows = [Int32](unsafeUninitializedCapacity: rowCount + 1) { rows, rowsFilled in
            people = [Int32](unsafeUninitializedCapacity: rowCount + 1) { people, groupsFilled in
                bounds = [Int32](unsafeUninitializedCapacity: rowCount + 2) { bounds, boundsFilled in
                    date.withUnsafeBufferPointer { date in
                        persons.withUnsafeBufferPointer { persons in
                            cut.withUnsafeMutableBufferPointer { cut in
                                let shared = SharedWithParts(value: (rows, people, bounds, cut))
                                runParts(parts) { part in
                                    let (allRows, allPeople, allBounds, cut) = shared.value
                                    let first = rowCount * part / parts
                                    let end = rowCount * (part + 1) / parts
                                    let rows = allRows.baseAddress! + first
                                    let people = allPeople.baseAddress! + first
                                    let bounds = allBounds.baseAddress! + first
                                    var filled = 0
                                    // The current run, -1 before the first; its slot is 0 until then.
                                    var group = -1
                                    var last: Int32 = -1
                                    var firstPerson: Int32 = -1
                                    var ordered = true
                                    people[0] = -1
                                    bounds[0] = 0
                                    // The loop decides with selects, not branches, as a third of the
                                    // rows or so may fall in a year.
                                    for row in first..<end {
                                        let kept = inPeriod(date[row])
                                        let person = persons[row]
                                        if kept, person < last {
                                            ordered = false
                                            break
                                        }
                                        let starts = kept && person != last
                                        last = kept ? person : last
                                        firstPerson = firstPerson < 0 ? last : firstPerson
                                        group &+= starts ? 1 : 0
                                        let slot = max(group, 0)
                                        people[slot] = last
                                        bounds[slot] = starts ? Int32(truncatingIfNeeded: filled) : bounds[slot]
                                        rows[filled] = Int32(truncatingIfNeeded: row)
                                        filled &+= kept ? 1 : 0
                                    }
                                    cut[part] = (ordered, filled, group + 1, firstPerson, last)
                                }
                            }
                        }
                    }
                    // The parts end to end: rows, then runs, each moved down to where the parts
                    // before it ended (the first part is in place).
                    var rowsWritten = 0
                    var groupsWritten = 0
                    var lastPerson: Int32 = -1
                    for part in 0..<parts {
                        let (ordered, filled, groups, first, last) = cut[part]
                        guard ordered, filled == 0 || first >= lastPerson else {
                            rowsFilled = 0
                            groupsFilled = 0
                            boundsFilled = 0
                            return
                        }
                        guard filled > 0 else { continue }
                        let start = rowCount * part / parts
                        if start != rowsWritten, let base = rows.baseAddress {
                            (base + rowsWritten).update(from: base + start, count: filled)
                        }
                        // A person whose rows go on from the part before is in that part's last run.
                        let skip = first == lastPerson ? 1 : 0
                        if start == groupsWritten, skip == 0, rowsWritten == 0 {
                            // The first part's runs, or any part's with nothing before it: in place.
                            groupsWritten += groups
                            rowsWritten += filled
                            lastPerson = last
                            continue
                        }
                        for group in skip..<groups {
                            people[groupsWritten] = people[start + group]
                            bounds[groupsWritten] = bounds[start + group] + Int32(truncatingIfNeeded: rowsWritten)
                            groupsWritten += 1
                        }
                        rowsWritten += filled
                        lastPerson = last
                    }
                    bounds[groupsWritten] = Int32(truncatingIfNeeded: rowsWritten)
                    rowsFilled = rowsWritten
                    groupsFilled = groupsWritten
                    boundsFilled = groupsWritten + 1
                }
            }
        }
        guard bounds.count > 0 else { return nil }
        return PersonGroups(people: people, bounds: bounds, rows: rows)
    }

    // MARK: Columns

    func dateColumn(_ source: Source) -> [Int32] {
        switch source {
        case .migrants: store.migrantRegistered
        case .assistance: store.assistanceDate
        case .surveys: store.surveyDate
        case .trainingParticipants: store.participationDate
        case .knowledgeProducts: store.productDate
        case .disseminations: store.disseminationDate
        case .engagements: store.engagementDate
        case .platformVisits: store.visitDate
        }
    }

    func personColumn(_ source: Source) -> RowReader {
        switch source {
        case .assistance:
            let column = store.assistancePerson
            return { column[$0] }
        case .surveys:
            let column = store.surveyPerson
            return { column[$0] }
        case .trainingParticipants:
            let column = store.participationPerson
            return { column[$0] }
        default:
            return { Int32($0) }
        }
    }

    func fieldColumn(_ field: Field) -> (Int) -> Int {
        let column: [Int]
        switch field {
        case .representatives: column = store.disseminationRepresentatives
        case .youth: column = store.engagementYouth
        case .supportNetwork: column = store.engagementSupportNetwork
        case .visitors: column = store.visitCount
        }
        return { column[$0] }
    }

    /// The age group ordinal of a birth year at the end of the period.
    func ageGroup(_ birthYear: Int32) -> Int32 {
        Int32(AgeGroup(birthYear: birthYear == 0 ? nil : Int(birthYear), referenceYear: dates.end.year).ordinal)
    }

    /// Reads a single-valued dimension of a row; `nil` for vulnerability, which is multi-valued.
    func rowReader(_ dimension: BreakdownDimension, _ source: Source) -> RowReader? {
        if dimension.describesPerson {
            guard dimension != .vulnerability,
                let person = personCategory(dimension, trainees: source == .trainingParticipants)
            else {
                return nil
            }
            let personOf = personColumn(source)
            return { person(personOf($0)) }
        }
        func ordinal(_ column: [UInt8]) -> RowReader { { Int32(column[$0]) } }
        func number(_ column: [Int32]) -> RowReader { { column[$0] } }
        switch (dimension, source) {
        case (.country, .assistance):
            let column = store.assistanceCountry
            return { Int32(column[$0]) }
        case (.country, .trainingParticipants): return number(store.participationCountry)
        case (.country, .engagements): return number(store.engagementCountry)
        case (.assistanceKind, _): return ordinal(store.assistanceKind)
        case (.service, _): return ordinal(store.surveyService)
        case (.trainingTopic, _): return ordinal(store.participationTopic)
        case (.organisationType, .trainingParticipants): return ordinal(store.participationOrganisation)
        case (.organisationType, .disseminations): return ordinal(store.disseminationAudience)
        case (.productKind, .knowledgeProducts): return ordinal(store.productKind)
        case (.productKind, .disseminations): return number(store.disseminationProductKind)
        case (.platform, _): return number(store.visitPlatform)
        default: return nil
        }
    }

    /// Reads every category of a row for a dimension (several for vulnerability).
    func rowCategories(_ dimension: BreakdownDimension, _ source: Source) -> (Int) -> Categories {
        if dimension == .vulnerability {
            let personOf = personColumn(source)
            let categories = personCategories(.vulnerability, trainees: false)
            return { categories(Int(personOf($0))) }
        }
        guard let reader = rowReader(dimension, source) else { return { _ in Categories() } }
        return { Categories(one: reader($0)) }
    }

    /// The bytes that hold a dimension's category of each row of `source`, by row or (with
    /// `persons`) by the row's person, for the loops that read the commonest columns without a
    /// closure per row; `nil` for any other dimension, which ``rowReader(_:_:)`` reads (the same
    /// categories).
    func byteColumn(_ dimension: BreakdownDimension, _ source: Source) -> (values: [UInt8], persons: [Int32]?)? {
        switch (dimension, source) {
        case (.sex, .assistance): (store.migrantSex, store.assistancePerson)
        case (.assistanceKind, .assistance): (store.assistanceKind, nil)
        default: nil
        }
    }

    /// Reads a single-valued person dimension from a person number.
    func personCategory(_ dimension: BreakdownDimension, trainees: Bool) -> ((Int32) -> Int32)? {
        switch dimension {
        case .sex:
            let column = trainees ? store.traineeSex : store.migrantSex
            return { Int32(column[Int($0)]) }
        case .ageGroup where !trainees:
            let column = store.migrantBirthYear
            return { ageGroup(Int32(column[Int($0)])) }
        case .nationality where !trainees:
            let column = store.migrantNationality
            return { Int32(column[Int($0)]) }
        default:
            return nil
        }
    }

    /// Reads every category of a person for a dimension; a person with no vulnerability is in category -1.
    func personCategories(_ dimension: BreakdownDimension, trainees: Bool) -> (Int) -> Categories {
        if dimension == .vulnerability {
            let column = store.migrantVulnerabilities
            return { person in
                let mask = column[person]
                guard mask != 0 else { return Categories(one: Store.unknown) }
                return Categories(members: mask)
            }
        }
        guard let reader = personCategory(dimension, trainees: trainees) else { return { _ in Categories() } }
        return { Categories(one: reader(Int32($0))) }
    }

    // MARK: Filters

    /// Compiles a filter into a test of one row of `source`.
    ///
    /// Catalogue validation has rejected conditions a source cannot answer; should
    /// one reach here anyway it matches no row, so nothing is counted by mistake.
    func predicate(_ node: Filter.Node, _ source: Source) -> (Int) -> Bool {
        // Masks are built in a `var` and captured as a `let`: a captured `var` is boxed and checked on every row.
        func member<T: Code>(_ set: Set<T>, _ dimension: BreakdownDimension) -> (Int) -> Bool {
            var bits: UInt64 = 0
            for value in set { bits |= 1 << UInt64(value.ordinal) }
            let mask = bits
            guard let reader = rowReader(dimension, source) else { return { _ in false } }
            return { row in
                let category = reader(row)
                return category >= 0 && mask & (1 << UInt64(category)) != 0
            }
        }
        func numbers(_ interner: Interner, _ values: [String], _ reader: RowReader?) -> (Int) -> Bool {
            let accepted = Set(values.compactMap { interner.number(of: $0) })
            guard let reader else { return { _ in false } }
            return { accepted.contains(reader($0)) }
        }
        switch node {
        case .all:
            return { _ in true }
        case .kinds(let set):
            return member(set, .assistanceKind)
        case .services(let set):
            return member(set, .service)
        case .satisfied(let wanted):
            guard source == .surveys else { return { _ in false } }
            let column = store.surveySatisfied
            return { column[$0] == wanted }
        case .topics(let set):
            return member(set, .trainingTopic)
        case .audiences(let set):
            guard source == .trainingParticipants else { return { _ in false } }
            var bits: UInt64 = 0
            for value in set { bits |= 1 << UInt64(value.ordinal) }
            let mask = bits
            let column = store.participationAudience
            return { mask & (1 << UInt64(column[$0])) != 0 }
        case .sexes(let set):
            return member(set, .sex)
        case .ageGroups(let set):
            return member(set, .ageGroup)
        case .countries(let set):
            return numbers(store.countries, set.map(\.code), rowReader(.country, source))
        case .nationalities(let set):
            return numbers(store.countries, set.map(\.code), rowReader(.nationality, source))
        case .vulnerabilities(let set):
            guard BreakdownDimension.vulnerability.sources.contains(source) else { return { _ in false } }
            var bits: UInt8 = 0
            for value in set { bits |= 1 << UInt8(value.ordinal) }
            let mask = bits
            let personOf = personColumn(source)
            let column = store.migrantVulnerabilities
            return { column[Int(personOf($0))] & mask != 0 }
        case .organisations(let set):
            return member(set, .organisationType)
        case .productKinds(let set):
            return member(set, .productKind)
        case .platforms(let set):
            return numbers(store.platforms, Array(set), rowReader(.platform, source))
        case .and(let parts):
            let tests = parts.map { predicate($0, source) }
            return { row in tests.allSatisfy { $0(row) } }
        case .or(let parts):
            let tests = parts.map { predicate($0, source) }
            return { row in tests.contains { $0(row) } }
        case .not(let inner):
            let test = predicate(inner, source)
            return { !test($0) }
        }
    }

    // MARK: Categories

    func breakdown(_ dimension: BreakdownDimension, cells counts: [Int32: Int], total: Int, overlap: Bool) -> Breakdown
    {
        let entries = counts.filter { $0.value != 0 }.map {
            (category: self.category(dimension, $0.key), value: $0.value)
        }
        .sorted { sortKey(dimension, $0.category) < sortKey(dimension, $1.category) }
        let sum = entries.reduce(0) { $0 + $1.value }
        let percents = Apportionment.largestRemainder(entries.map(\.value))
        let cells = zip(entries, percents).map { entry, percent in
            Cell(
                category: entry.category, value: entry.value, fraction: Fraction(entry.value, over: sum),
                percent: sum > 0 ? percent : nil)
        }
        return Breakdown(dimension: dimension, cells: cells, total: total, categoriesOverlap: overlap)
    }

    func crossBreakdown(_ pair: DimensionPair, cells counts: [Int64: Int], total: Int, overlap: Bool) -> CrossBreakdown
    {
        let entries = counts.filter { $0.value != 0 }.map { key, value in
            (
                first: category(pair.first, Int32(truncatingIfNeeded: key >> 32)),
                second: category(pair.second, Int32(bitPattern: UInt32(truncatingIfNeeded: key))), value: value
            )
        }
        .sorted { a, b in
            let (firstA, firstB) = (sortKey(pair.first, a.first), sortKey(pair.first, b.first))
            if firstA != firstB { return firstA.lexicographicallyPrecedes(firstB) }
            return sortKey(pair.second, a.second).lexicographicallyPrecedes(sortKey(pair.second, b.second))
        }
        let sum = entries.reduce(0) { $0 + $1.value }
        let percents = Apportionment.largestRemainder(entries.map(\.value))
        let cells = zip(entries, percents).map { entry, percent in
            CrossCell(
                first: entry.first, second: entry.second, value: entry.value,
                fraction: Fraction(entry.value, over: sum),
                percent: sum > 0 ? percent : nil)
        }
        return CrossBreakdown(dimensions: pair, cells: cells, total: total, categoriesOverlap: overlap)
    }

    static let unknownLabel: LocalizedText = ["en": "Unknown", "fr": "Inconnu"]

    func category(_ dimension: BreakdownDimension, _ number: Int32) -> Category {
        func code<T: Code>(_ type: T.Type) -> Category {
            guard number >= 0, Int(number) < T.allCases.count else {
                return Category(dimension: dimension, code: "unknown", label: Evaluator.unknownLabel)
            }
            let value = T.allCases[Int(number)]
            return Category(dimension: dimension, code: value.code, label: value.label)
        }
        switch dimension {
        case .sex: return code(Sex.self)
        case .ageGroup: return code(AgeGroup.self)
        case .vulnerability:
            if number < 0 {
                return Category(
                    dimension: dimension, code: "none",
                    label: ["en": "None recorded", "fr": "Aucune enregistrée"])
            }
            return code(Vulnerability.self)
        case .assistanceKind: return code(AssistanceKind.self)
        case .service: return code(SurveyService.self)
        case .trainingTopic: return code(TrainingTopic.self)
        case .organisationType: return code(OrganisationType.self)
        case .productKind: return code(KnowledgeProductKind.self)
        case .country, .nationality:
            guard number >= 0, let country = CountryCode(store.countries.values[Int(number)]) else {
                return Category(dimension: dimension, code: "unknown", label: Evaluator.unknownLabel)
            }
            return Category(dimension: dimension, code: country.code, label: country.name)
        case .platform:
            let id = store.platforms.values[Int(number)]
            let name = platforms.first { $0.id == id }?.name ?? LocalizedText(stringLiteral: id)
            return Category(dimension: dimension, code: id, label: name)
        }
    }

    /// Orders cells: codes in their canonical order, countries by code, platforms in programme order; unknown last.
    func sortKey(_ dimension: BreakdownDimension, _ category: Category) -> [Int] {
        if category.code == "unknown" || category.code == "none" { return [1, 0] }
        switch dimension {
        case .country, .nationality:
            return [0] + category.code.unicodeScalars.map { Int($0.value) }
        case .platform:
            return [0, platforms.firstIndex { $0.id == category.code } ?? platforms.count]
                + category.code.unicodeScalars.map { Int($0.value) }
        default:
            return [0, ordinal(dimension, category.code)]
        }
    }

    func ordinal(_ dimension: BreakdownDimension, _ code: String) -> Int {
        func find<T: Code>(_ type: T.Type) -> Int { T(code: code)?.ordinal ?? Int.max }
        switch dimension {
        case .sex: return find(Sex.self)
        case .ageGroup: return find(AgeGroup.self)
        case .vulnerability: return find(Vulnerability.self)
        case .assistanceKind: return find(AssistanceKind.self)
        case .service: return find(SurveyService.self)
        case .trainingTopic: return find(TrainingTopic.self)
        case .organisationType: return find(OrganisationType.self)
        case .productKind: return find(KnowledgeProductKind.self)
        case .country, .nationality, .platform: return 0
        }
    }
}

extension Array where Element == Int {
    /// Lexicographic order.
    static func < (lhs: [Int], rhs: [Int]) -> Bool { lhs.lexicographicallyPrecedes(rhs) }
}

/// The categories of one row or person, without allocating: none, one category number, or the
/// members of a bit mask (vulnerability ordinals), in increasing order.
struct Categories: Sequence, IteratorProtocol {
    private var single: Int32?
    private var mask: UInt8

    /// No category.
    init() {
        single = nil
        mask = 0
    }

    /// One category number.
    init(one category: Int32) {
        single = category
        mask = 0
    }

    /// The ordinals of the bits set in `mask`.
    init(members mask: UInt8) {
        single = nil
        self.mask = mask
    }

    mutating func next() -> Int32? {
        if let category = single {
            single = nil
            return category
        }
        guard mask != 0 else { return nil }
        let bit = mask.trailingZeroBitCount
        mask &= mask - 1
        return Int32(bit)
    }
}

/// The rows of a source in a period grouped by person: person `people[i]` has the rows
/// `rows[bounds[i]..<bounds[i + 1]]`, in increasing order.
struct PersonGroups {
    /// The people who have rows, in increasing order.
    let people: [Int32]
    let bounds: [Int32]
    let rows: [Int32]

    /// Calls `body` with each person who has rows, the range of the person's rows in `rows`, and `rows`.
    @inline(__always)
    func forEachPerson(_ body: (Int, Range<Int>, UnsafeBufferPointer<Int32>) -> Void) {
        rows.withUnsafeBufferPointer { rows in
            bounds.withUnsafeBufferPointer { bounds in
                people.withUnsafeBufferPointer { people in
                    for group in 0..<people.count {
                        body(Int(people[group]), Int(bounds[group])..<Int(bounds[group + 1]), rows)
                    }
                }
            }
        }
    }
}

/// A compiled row filter, with the common cases tested without a closure.
enum RowTest {
    /// Every row.
    case all
    /// Rows whose kind of assistance is in a mask of ordinals.
    case kinds(UInt64, [UInt8])
    /// Any other filter.
    case other((Int) -> Bool)

    init(_ node: Filter.Node, _ source: Source, evaluator: Evaluator) {
        switch node {
        case .all:
            self = .all
        case .kinds(let set) where source == .assistance:
            var mask: UInt64 = 0
            for kind in set { mask |= 1 << UInt64(kind.ordinal) }
            self = .kinds(mask, evaluator.store.assistanceKind)
        default:
            self = .other(evaluator.predicate(node, source))
        }
    }

    @inline(__always) func passes(_ row: Int) -> Bool {
        switch self {
        case .all: true
        case .kinds(let mask, let column): mask & (1 << UInt64(column[row])) != 0
        case .other(let test): test(row)
        }
    }
}

/// Where the cells of each axis (a breakdown, or a crossed pair) live in one flat array of counts.
///
/// A category number `c` (from -1, unknown or none) is cell `c + 1`; a pair `(a, b)` is cell
/// `(a + 1) × (width of b) + b + 1`.
struct CellLayout {
    /// Per axis, the width of each dimension (its category count plus one for -1).
    let widths: [[Int]]
    /// Per axis, its number of cells and where they start.
    let cellCounts: [Int]
    let offsets: [Int]
    let cellTotal: Int

    init(sizes: [[Int]]) {
        widths = sizes.map { $0.map { $0 + 1 } }
        cellCounts = widths.map { $0.reduce(1, *) }
        var start = 0
        var starts: [Int] = []
        for count in cellCounts {
            starts.append(start)
            start += count
        }
        offsets = starts
        cellTotal = start
    }

    /// The slot in the flat array of a row's categories on `axis` (`Int32.min` for none), or -1 when the row has no cell there.
    @inline(__always) func slot(_ axis: Int, first: Int32, second: Int32?) -> Int32 {
        guard first != Int32.min else { return -1 }
        var cell = Int(first) + 1
        if let second {
            let width = widths[axis][1]
            guard second != Int32.min, Int(second) + 1 < width else { return -1 }
            cell = cell * width + Int(second) + 1
        }
        guard cell >= 0, cell < cellCounts[axis] else { return -1 }
        return Int32(offsets[axis] + cell)
    }

    /// The counts of a breakdown axis, by category number.
    func singleCells(_ axis: Int, _ counts: [Int32]) -> [Int32: Int] {
        var cells: [Int32: Int] = [:]
        for cell in 0..<cellCounts[axis] where counts[offsets[axis] + cell] > 0 {
            cells[Int32(cell - 1)] = Int(counts[offsets[axis] + cell])
        }
        return cells
    }

    /// The counts of a crossed axis, by pair of category numbers (first in the high half).
    func pairCells(_ axis: Int, _ counts: [Int32]) -> [Int64: Int] {
        let width = widths[axis][1]
        var cells: [Int64: Int] = [:]
        for cell in 0..<cellCounts[axis] where counts[offsets[axis] + cell] > 0 {
            let first = Int64(cell / width - 1)
            let second = Int32(cell % width - 1)
            cells[first << 32 | Int64(UInt32(bitPattern: second))] = Int(counts[offsets[axis] + cell])
        }
        return cells
    }
}

/// The person groups of an evaluation, built once per source when first needed.
///
/// An evaluator is used by one thread at a time; the cache is a class so that the
/// evaluator, a value, can fill it from its non-mutating methods.
final class GroupCache {
    private var bySource: [Source: PersonGroups] = [:]
    private var categoryColumns: [Source: [BreakdownDimension: [Int32]]] = [:]
    private var slotColumns: [Source: [[[BreakdownDimension]]: [Int32]]] = [:]
    /// Counts made together for several indicators (`Evaluator.countTogether(_:)`), by source, axes and filter.
    private var together: [Source: [[[BreakdownDimension]]: [Filter.Node: Evaluator.CountedCells]]] = [:]

    /// Keeps the counts of a tally made together with others.
    func keep(_ counted: Evaluator.CountedCells, _ source: Source, _ axes: [[BreakdownDimension]], _ node: Filter.Node)
    {
        together[source, default: [:]][axes, default: [:]][node] = counted
    }

    /// The counts of a tally made together with others, if there are.
    func counted(_ source: Source, _ axes: [[BreakdownDimension]], _ node: Filter.Node) -> Evaluator.CountedCells? {
        together[source]?[axes]?[node]
    }

    /// For every grouped row of `source`, its slot on each axis (`layout`), axis after axis, -1 for none.
    func slots(_ axes: [[BreakdownDimension]], layout: CellLayout, of source: Source, evaluator: Evaluator) -> [Int32] {
        if let known = slotColumns[source]?[axes] { return known }
        let count = groups(of: source, evaluator: evaluator).rows.count
        let columns = axes.map { dimensions in
            (
                firsts: categories(dimensions[0], of: source, evaluator: evaluator),
                seconds: dimensions.count > 1 ? categories(dimensions[1], of: source, evaluator: evaluator) : nil
            )
        }
        // Every slot is written by the part of its row: the parts also share the first touch
        // of the new memory.
        let column = [Int32](unsafeUninitializedCapacity: count * axes.count) { column, written in
            evaluator.forEachPart(count) { part in
                for (axis, (firsts, seconds)) in columns.enumerated() {
                    for index in part {
                        column[index * axes.count + axis] = layout.slot(
                            axis, first: firsts[index], second: seconds?[index])
                    }
                }
            }
            written = count * axes.count
        }
        slotColumns[source, default: [:]][axes] = column
        return column
    }

    /// The category of every grouped row of `source` for a single-valued dimension, `Int32.min` for none.
    func categories(_ dimension: BreakdownDimension, of source: Source, evaluator: Evaluator) -> [Int32] {
        if let known = categoryColumns[source]?[dimension] { return known }
        let rows = groups(of: source, evaluator: evaluator).rows
        let reader = evaluator.rowReader(dimension, source)
        let direct = evaluator.byteColumn(dimension, source)
        let country = dimension == .country && source == .assistance ? evaluator.store.assistanceCountry : nil
        // Every category is written by the part of its row, which also shares the first touch of the new memory.
        let column = [Int32](unsafeUninitializedCapacity: rows.count) { column, written in
            rows.withUnsafeBufferPointer { rows in
                evaluator.forEachPart(rows.count) { part in
                    if let (values, persons) = direct {
                        values.withUnsafeBufferPointer { values in
                            if let persons {
                                persons.withUnsafeBufferPointer { persons in
                                    for index in part { column[index] = Int32(values[Int(persons[Int(rows[index])])]) }
                                }
                            } else {
                                for index in part { column[index] = Int32(values[Int(rows[index])]) }
                            }
                        }
                    } else if let country {
                        country.withUnsafeBufferPointer { country in
                            for index in part { column[index] = Int32(country[Int(rows[index])]) }
                        }
                    } else if let reader {
                        for index in part { column[index] = reader(Int(rows[index])) }
                    } else {
                        for index in part { column[index] = Int32.min }
                    }
                }
            }
            written = rows.count
        }
        categoryColumns[source, default: [:]][dimension] = column
        return column
    }

    func groups(of source: Source, evaluator: Evaluator) -> PersonGroups {
        if let known = bySource[source] { return known }
        let groups = evaluator.personGroups(source)
        bySource[source] = groups
        return groups
    }
}

/// Counts distinct people per category (or pair of categories), fed the rows of one person after another.
///
/// A cell remembers the last person counted in it, so a person with several rows in
/// a category counts once, without a set of people per cell. The cells are flat
/// arrays: category -1 at position 0, category *c* at *c* + 1.
struct CellCounter {
    /// Per axis, the readers of its categories: one for a breakdown, two for a crossed pair.
    private let readers: [[(Int) -> Categories]]
    /// Per axis, the number of positions of each side.
    private let widths: [[Int]]
    private var counts: [[Int]]
    private var lastPerson: [[Int32]]

    init(axes: [[(Int) -> Categories]], sizes: [[Int]]) {
        readers = axes
        widths = sizes.map { $0.map { $0 + 1 } }
        let cellCounts = widths.map { $0.reduce(1, *) }
        counts = cellCounts.map { Array(repeating: 0, count: $0) }
        lastPerson = cellCounts.map { Array(repeating: -1, count: $0) }
    }

    var isEmpty: Bool { readers.isEmpty }

    /// Counts `person` in every cell of `row` it is not yet counted in.
    @inline(__always) mutating func count(row: Int, person: Int) {
        let stamp = Int32(truncatingIfNeeded: person)
        for axis in readers.indices {
            let sides = readers[axis]
            if sides.count == 1 {
                for category in sides[0](row) { mark(axis, Int(category) + 1, stamp) }
            } else {
                let width = widths[axis][1]
                for first in sides[0](row) {
                    for second in sides[1](row) where Int(second) + 1 < width {
                        mark(axis, (Int(first) + 1) * width + Int(second) + 1, stamp)
                    }
                }
            }
        }
    }

    @inline(__always) private mutating func mark(_ axis: Int, _ cell: Int, _ stamp: Int32) {
        guard cell >= 0, cell < counts[axis].count, lastPerson[axis][cell] != stamp else { return }
        lastPerson[axis][cell] = stamp
        counts[axis][cell] += 1
    }

    /// The counts of a breakdown axis, by category number.
    func singleCells(_ axis: Int) -> [Int32: Int] {
        var cells: [Int32: Int] = [:]
        for (cell, count) in counts[axis].enumerated() where count > 0 { cells[Int32(cell - 1)] = count }
        return cells
    }

    /// The counts of a crossed axis, by pair of category numbers (first in the high half).
    func pairCells(_ axis: Int) -> [Int64: Int] {
        let width = widths[axis][1]
        var cells: [Int64: Int] = [:]
        for (cell, count) in counts[axis].enumerated() where count > 0 {
            let first = Int64(cell / width - 1)
            let second = Int32(cell % width - 1)
            cells[first << 32 | Int64(UInt32(bitPattern: second))] = count
        }
        return cells
    }
}
