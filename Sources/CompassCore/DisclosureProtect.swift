extension DisclosureControl {
    /// Protects every breakdown of a report, and states what was done in ``Report/disclosure``.
    ///
    /// Suppression works indicator by indicator: the cells of all its breakdowns and
    /// crossed breakdowns, and the row and column totals of its crossed tables, form one
    /// system of sums. A crossed table's row totals are the same numbers as the cells of
    /// a breakdown of the same indicator by the first dimension when their values agree,
    /// and are then suppressed together. Every cell counting 1 to *k* − 1 is suppressed;
    /// then, until nothing changes, any sum with exactly one suppressed term gets its
    /// smallest published term suppressed too, and any suppressed cell whose value can
    /// still be solved from the published sums (checked by elimination) gets the smallest
    /// published cell that makes it unsolvable suppressed. A breakdown that cannot be
    /// protected this way (a single cell equal to a known sum) is left out whole. Zero cells
    /// are not cells of a report, and stay unpublished as before.
    ///
    /// Published shares of a breakdown with protected cells are each cell's whole percent
    /// of the exact sum of the cells, rounded half up, and no longer forced to add up to 100.
    ///
    /// - Parameter report: A report as `Engine.report(_:on:period:disclosure:)` (in `CompassEngine`) assembles it.
    /// - Returns: The report with protected cells, and ``Report/disclosure`` set.
    public func protect(_ report: Report) -> Report {
        var result = report
        var summary = DisclosureSummary(control: self, redactedFindings: report.disclosure?.redactedFindings ?? 0)
        for section in result.sections.indices {
            for index in result.sections[section].entries.indices {
                var entry = result.sections[section].entries[index]
                switch self {
                case .off: break
                case .rounding(let base): Self.round(&entry, base: base, summary: &summary)
                case .suppression(let k): Self.suppress(&entry, k: max(k, 1), summary: &summary)
                }
                result.sections[section].entries[index] = entry
            }
        }
        result.disclosure = summary
        return result
    }

    // MARK: Rounding

    private static func round(_ entry: inout Report.Entry, base: Int, summary: inout DisclosureSummary) {
        let base = max(base, 1)
        func down(_ value: Int) -> Int { value / base * base }
        for b in entry.breakdowns.indices {
            let sum = entry.breakdowns[b].cellSum
            entry.breakdowns[b].exactCellSum = sum
            entry.breakdowns[b].cells = entry.breakdowns[b].cells.map { cell in
                var cell = cell
                let rounded = down(cell.value)
                if rounded != cell.value {
                    summary.rounded += 1
                    cell.protection = .rounded(base: base)
                }
                cell.value = rounded
                cell.fraction = Fraction(rounded, over: sum)
                cell.percent = cell.fraction.percent
                return cell
            }
        }
        for c in entry.crossBreakdowns.indices {
            let crossed = entry.crossBreakdowns[c]
            let sum = crossed.cellSum
            entry.crossBreakdowns[c].exactCellSum = sum
            var totals = CrossTotals(rows: [:], columns: [:])
            for row in crossed.firstCategories {
                let exact = crossed.rowSum(row.code)
                totals.rows[row.code] = down(exact)
                if down(exact) != exact { totals.rowProtection[row.code] = .rounded(base: base) }
            }
            for column in crossed.secondCategories {
                let exact = crossed.columnSum(column.code)
                totals.columns[column.code] = down(exact)
                if down(exact) != exact { totals.columnProtection[column.code] = .rounded(base: base) }
            }
            entry.crossBreakdowns[c].cells = crossed.cells.map { cell in
                var cell = cell
                let rounded = down(cell.value)
                if rounded != cell.value {
                    summary.rounded += 1
                    cell.protection = .rounded(base: base)
                }
                cell.value = rounded
                cell.fraction = Fraction(rounded, over: sum)
                cell.percent = cell.fraction.percent
                return cell
            }
            entry.crossBreakdowns[c].publishedTotals = totals
        }
    }

    // MARK: Suppression

    private static func suppress(_ entry: inout Report.Entry, k: Int, summary: inout DisclosureSummary) {
        var system = SuppressionSystem()
        // Items of the one-dimensional breakdowns, by breakdown then cell.
        var breakdownItems: [[Int]] = []
        var breakdownGroup: [Int] = []
        for breakdown in entry.breakdowns {
            let group = system.addGroup()
            let items = breakdown.cells.map { system.addItem($0.value, group: group) }
            system.addSum(items.map { ($0, 1) }, group: group)
            breakdownItems.append(items)
            breakdownGroup.append(group)
        }
        // The breakdown whose cells are exactly a crossed table's totals along one dimension.
        func linked(_ dimension: BreakdownDimension, totals: [(code: String, value: Int)]) -> [Int]? {
            for (b, breakdown) in entry.breakdowns.enumerated() where breakdown.dimension == dimension {
                guard breakdown.cells.count == totals.count else { continue }
                var position: [String: Int] = [:]
                for (i, cell) in breakdown.cells.enumerated() { position[cell.category.code] = i }
                let matched = totals.compactMap { total in
                    position[total.code].flatMap {
                        breakdown.cells[$0].value == total.value ? breakdownItems[b][$0] : nil
                    }
                }
                if matched.count == totals.count { return matched }
            }
            return nil
        }
        var crossItems: [(cells: [Int], rows: [Int], columns: [Int], group: Int)] = []
        for crossed in entry.crossBreakdowns {
            let group = system.addGroup()
            let rows = crossed.firstCategories
            let columns = crossed.secondCategories
            let rowTotals = rows.map { ($0.code, crossed.rowSum($0.code)) }
            let columnTotals = columns.map { ($0.code, crossed.columnSum($0.code)) }
            let rowItems =
                linked(crossed.dimensions.first, totals: rowTotals)
                ?? rowTotals.map { system.addItem($0.1, group: group) }
            let columnItems =
                linked(crossed.dimensions.second, totals: columnTotals)
                ?? columnTotals.map { system.addItem($0.1, group: group) }
            for item in rowItems + columnItems { system.groupsOfItem[item].insert(group) }
            let cells = crossed.cells.map { system.addItem($0.value, group: group) }
            for (r, row) in rows.enumerated() {
                let terms = crossed.cells.indices.filter { crossed.cells[$0].first.code == row.code }.map {
                    (cells[$0], 1)
                }
                system.addSum(terms + [(rowItems[r], -1)], group: group)
            }
            for (c, column) in columns.enumerated() {
                let terms = crossed.cells.indices.filter { crossed.cells[$0].second.code == column.code }
                    .map { (cells[$0], 1) }
                system.addSum(terms + [(columnItems[c], -1)], group: group)
            }
            system.addSum(rowItems.map { ($0, 1) }, group: group)
            system.addSum(columnItems.map { ($0, 1) }, group: group)
            crossItems.append((cells, rowItems, columnItems, group))
        }
        for item in system.values.indices where system.values[item] < k {
            system.state[item] = .primary
        }
        system.solve()
        // Every cell of a report counts at least 1, which linear algebra does not know:
        // enumerate the tables a reader could rebuild, and leave out a table that gives a cell away.
        for layout in crossItems where !system.withheld.contains(layout.group) {
            if !system.resists(
                cells: layout.cells, rows: layout.rows, columns: layout.columns, in: entry,
                layout: crossItems.firstIndex { $0.group == layout.group } ?? 0)
            {
                system.withheld.insert(layout.group)
            }
        }

        // Count each item once, whichever tables show it.
        for item in system.values.indices where !system.isWithheld(item) {
            switch system.state[item] {
            case .primary: summary.primary += 1
            case .secondary: summary.secondary += 1
            case nil: break
            }
        }
        summary.withheld += system.withheld.count

        for b in entry.breakdowns.indices {
            if system.withheld.contains(breakdownGroup[b]) {
                entry.breakdowns[b].exactCellSum = entry.breakdowns[b].cellSum
                entry.breakdowns[b].cells = []
                continue
            }
            let items = breakdownItems[b]
            guard items.contains(where: { system.state[$0] != nil }) else { continue }
            let sum = entry.breakdowns[b].cellSum
            entry.breakdowns[b].exactCellSum = sum
            for (i, item) in items.enumerated() {
                if let reason = system.state[item] {
                    entry.breakdowns[b].cells[i].value = 0
                    entry.breakdowns[b].cells[i].fraction = Fraction(0, over: 0)
                    entry.breakdowns[b].cells[i].percent = nil
                    entry.breakdowns[b].cells[i].protection = .suppressed(reason)
                } else {
                    entry.breakdowns[b].cells[i].fraction = Fraction(system.values[item], over: sum)
                    entry.breakdowns[b].cells[i].percent = entry.breakdowns[b].cells[i].fraction.percent
                }
            }
        }
        for c in entry.crossBreakdowns.indices {
            let layout = crossItems[c]
            let crossed = entry.crossBreakdowns[c]
            if system.withheld.contains(layout.group) {
                entry.crossBreakdowns[c].exactCellSum = crossed.cellSum
                entry.crossBreakdowns[c].cells = []
                entry.crossBreakdowns[c].publishedTotals = CrossTotals(rows: [:], columns: [:])
                continue
            }
            let all = layout.cells + layout.rows + layout.columns
            guard all.contains(where: { system.state[$0] != nil }) else { continue }
            let sum = crossed.cellSum
            entry.crossBreakdowns[c].exactCellSum = sum
            var totals = CrossTotals(rows: [:], columns: [:])
            for (r, row) in crossed.firstCategories.enumerated() {
                let item = layout.rows[r]
                if let reason = system.state[item] {
                    totals.rowProtection[row.code] = .suppressed(reason)
                } else {
                    totals.rows[row.code] = system.values[item]
                }
            }
            for (i, column) in crossed.secondCategories.enumerated() {
                let item = layout.columns[i]
                if let reason = system.state[item] {
                    totals.columnProtection[column.code] = .suppressed(reason)
                } else {
                    totals.columns[column.code] = system.values[item]
                }
            }
            for (i, item) in layout.cells.enumerated() {
                if let reason = system.state[item] {
                    entry.crossBreakdowns[c].cells[i].value = 0
                    entry.crossBreakdowns[c].cells[i].fraction = Fraction(0, over: 0)
                    entry.crossBreakdowns[c].cells[i].percent = nil
                    entry.crossBreakdowns[c].cells[i].protection = .suppressed(reason)
                } else {
                    entry.crossBreakdowns[c].cells[i].fraction = Fraction(system.values[item], over: sum)
                    entry.crossBreakdowns[c].cells[i].percent = entry.crossBreakdowns[c].cells[i].fraction.percent
                }
            }
            entry.crossBreakdowns[c].publishedTotals = totals
        }
    }
}

/// The cells of one indicator and the sums that tie them, for suppression.
///
/// An item is a published number (a cell or a crossed table's total), all at least 1;
/// a sum is a linear equation with coefficients ±1 over items whose constant is published.
private struct SuppressionSystem {
    var values: [Int] = []
    var state: [CellProtection.Suppression?] = []
    var groupsOfItem: [Set<Int>] = []
    var sums: [(terms: [(item: Int, coefficient: Int)], group: Int)] = []
    var groupCount = 0
    var withheld: Set<Int> = []

    mutating func addGroup() -> Int {
        groupCount += 1
        return groupCount - 1
    }

    mutating func addItem(_ value: Int, group: Int) -> Int {
        values.append(value)
        state.append(nil)
        groupsOfItem.append([group])
        return values.count - 1
    }

    mutating func addSum(_ terms: [(Int, Int)], group: Int) {
        sums.append((terms.map { (item: $0.0, coefficient: $0.1) }, group))
    }

    /// The tables an item is published in.
    func groups(of item: Int) -> Set<Int> { groupsOfItem[item] }

    func isWithheld(_ item: Int) -> Bool { groups(of: item).isSubset(of: withheld) }

    /// Withholds a group and every group sharing an item with it.
    mutating func withhold(_ group: Int) {
        var pending = [group]
        while let next = pending.popLast() {
            guard withheld.insert(next).inserted else { continue }
            for item in values.indices where groups(of: item).contains(next) {
                pending += groups(of: item).filter { !withheld.contains($0) }
            }
        }
    }

    /// Suppresses, in every sum that gives away a suppressed term, its smallest published term.
    ///
    /// A sum gives a term away when it is the only suppressed one, or when its suppressed
    /// terms all stand on the same side and are all 1: every cell of a report counts at
    /// least 1, so their known sum would fix each of them.
    mutating func close() {
        var changed = true
        while changed {
            changed = false
            for sum in sums where !withheld.contains(sum.group) {
                let suppressed = sum.terms.filter { state[$0.item] != nil }
                let oneSided = Set(suppressed.map(\.coefficient)).count == 1
                let atMinimum = oneSided && suppressed.allSatisfy { values[$0.item] == 1 }
                guard suppressed.count == 1 || (suppressed.count > 1 && atMinimum) else { continue }
                let open = sum.terms.map(\.item).filter { state[$0] == nil }
                if let smallest = open.min(by: { (values[$0], $0) < (values[$1], $1) }) {
                    state[smallest] = .secondary
                } else {
                    withhold(sum.group)
                }
                changed = true
            }
        }
    }

    /// Whether the value of a suppressed item follows from the published sums.
    func isDetermined(_ item: Int) -> Bool {
        let unknown = values.indices.filter { state[$0] != nil && !isWithheld($0) }
        var column: [Int: Int] = [:]
        for (i, u) in unknown.enumerated() { column[u] = i }
        guard let target = column[item] else { return false }
        var rows: [[Int]] = []
        for sum in sums where !withheld.contains(sum.group) {
            var row = Array(repeating: 0, count: unknown.count)
            for term in sum.terms { if let c = column[term.item] { row[c] += term.coefficient } }
            if row.contains(where: { $0 != 0 }) { rows.append(row) }
        }
        var unit = Array(repeating: 0, count: unknown.count)
        unit[target] = 1
        return Self.rank(rows + [unit]) == Self.rank(rows)
    }

    /// Whether every suppressed cell and total of a crossed table takes at least two values among the tables a reader could rebuild.
    ///
    /// The reader knows the published cells and totals, the exact sum, and that every
    /// cell shown counts at least 1. The search gives up, trusting the linear check,
    /// beyond 200,000 candidate tables.
    func resists(cells: [Int], rows: [Int], columns: [Int], in entry: Report.Entry, layout index: Int) -> Bool {
        let crossed = entry.crossBreakdowns[index]
        let rowCodes = crossed.firstCategories.map(\.code)
        let columnCodes = crossed.secondCategories.map(\.code)
        var rowOf: [Int] = []
        var columnOf: [Int] = []
        for cell in crossed.cells {
            rowOf.append(rowCodes.firstIndex(of: cell.first.code) ?? 0)
            columnOf.append(columnCodes.firstIndex(of: cell.second.code) ?? 0)
        }
        let unknown = cells.indices.filter { state[cells[$0]] != nil }
        guard !unknown.isEmpty else { return true }
        let remainder = unknown.reduce(0) { $0 + values[cells[$1]] }
        // The number of ways to split the remainder into that many parts of at least 1.
        var ways = 1.0
        for i in 0..<(unknown.count - 1) { ways = ways * Double(remainder - 1 - i) / Double(i + 1) }
        guard ways <= 200_000 else { return true }
        var baseRows = Array(repeating: 0, count: rowCodes.count)
        var baseColumns = Array(repeating: 0, count: columnCodes.count)
        for i in cells.indices where state[cells[i]] == nil {
            baseRows[rowOf[i]] += values[cells[i]]
            baseColumns[columnOf[i]] += values[cells[i]]
        }
        var cellValues = Array(repeating: Set<Int>(), count: unknown.count)
        var rowValues = Array(repeating: Set<Int>(), count: rowCodes.count)
        var columnValues = Array(repeating: Set<Int>(), count: columnCodes.count)
        var current = Array(repeating: 0, count: unknown.count)
        func visit(_ position: Int, _ left: Int) {
            if position == unknown.count - 1 {
                current[position] = left
                var rowSums = baseRows
                var columnSums = baseColumns
                for (p, i) in unknown.enumerated() {
                    rowSums[rowOf[i]] += current[p]
                    columnSums[columnOf[i]] += current[p]
                }
                for r in rowCodes.indices where state[rows[r]] == nil && rowSums[r] != values[rows[r]] { return }
                for c in columnCodes.indices where state[columns[c]] == nil && columnSums[c] != values[columns[c]] {
                    return
                }
                for p in unknown.indices { cellValues[p].insert(current[p]) }
                for r in rowCodes.indices { rowValues[r].insert(rowSums[r]) }
                for c in columnCodes.indices { columnValues[c].insert(columnSums[c]) }
                return
            }
            let reserve = unknown.count - 1 - position
            guard left - reserve >= 1 else { return }
            for value in 1...(left - reserve) {
                current[position] = value
                visit(position + 1, left - value)
            }
        }
        visit(0, remainder)
        if cellValues.contains(where: { $0.count < 2 }) { return false }
        for r in rowCodes.indices where state[rows[r]] != nil && rowValues[r].count < 2 { return false }
        for c in columnCodes.indices where state[columns[c]] != nil && columnValues[c].count < 2 { return false }
        return true
    }

    /// The rank of an integer matrix, by fraction-free elimination.
    static func rank(_ matrix: [[Int]]) -> Int {
        var rows = matrix
        guard let width = rows.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width {
            guard let pivot = rows.indices.first(where: { $0 >= rank && rows[$0][column] != 0 }) else { continue }
            rows.swapAt(rank, pivot)
            for r in rows.indices where r != rank && rows[r][column] != 0 {
                let a = rows[rank][column]
                let b = rows[r][column]
                var divisor = 0
                for c in 0..<width {
                    rows[r][c] = rows[r][c] * a - rows[rank][c] * b
                    divisor = gcd(divisor, rows[r][c])
                }
                if divisor > 1 { for c in 0..<width { rows[r][c] /= divisor } }
            }
            rank += 1
        }
        return rank
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return Int(x)
    }

    /// Suppresses until every suppressed item is undetermined, or withholds what cannot be protected.
    mutating func solve() {
        close()
        var settled = false
        while !settled {
            settled = true
            for item in values.indices where state[item] != nil && !isWithheld(item) && isDetermined(item) {
                settled = false
                let mine = groups(of: item)
                let candidates = values.indices
                    .filter { state[$0] == nil && !groups(of: $0).isDisjoint(with: mine) }
                    .sorted { (values[$0], $0) < (values[$1], $1) }
                var fixed = false
                for candidate in candidates {
                    var trial = self
                    trial.state[candidate] = .secondary
                    trial.close()
                    if !trial.isWithheld(item), !trial.isDetermined(item) {
                        self = trial
                        fixed = true
                        break
                    }
                }
                if !fixed { for group in mine { withhold(group) } }
                break
            }
        }
    }
}
