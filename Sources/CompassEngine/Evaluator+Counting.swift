import CompassCore

extension Evaluator {

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
}
