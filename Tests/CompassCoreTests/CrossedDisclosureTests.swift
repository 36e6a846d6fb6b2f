import CompassCore
import CompassTesting
import Testing

/// Disclosure control of crossed tables, checked exhaustively: with the breakdowns of both dimensions
/// published beside the table, no suppressed cell or total can be worked out.
@Suite struct CrossedDisclosureTests {
    typealias Table = [[Int]]

    static func cross(_ table: Table) -> (CrossBreakdown, Breakdown, Breakdown) {
        let rows = DisclosureTests.rowCodes
        let columns = DisclosureTests.columnCodes
        let sum = table.flatMap { $0 }.reduce(0, +)
        var present: [(String, String, Int)] = []
        for (r, row) in table.enumerated() {
            for (c, value) in row.enumerated() where value > 0 { present.append((rows[r], columns[c], value)) }
        }
        let percents = Apportionment.largestRemainder(present.map(\.2), total: sum)
        let cells = zip(present, percents).map { cell, percent in
            CrossCell(
                first: DisclosureTests.category(.country, cell.0), second: DisclosureTests.category(.sex, cell.1),
                value: cell.2, fraction: Fraction(cell.2, over: sum), percent: percent)
        }
        let crossed = CrossBreakdown(dimensions: .country × .sex, cells: cells, total: sum)
        let byRow = DisclosureTests.breakdown(
            .country, table.enumerated().map { (rows[$0.offset], $0.element.reduce(0, +)) })
        let byColumn = DisclosureTests.breakdown(
            .sex, columns.prefix(table[0].count).enumerated().map { c, code in (code, table.reduce(0) { $0 + $1[c] }) })
        return (crossed, byRow, byColumn)
    }

    /// What a reader of the protected entry knows, and every table consistent with it.
    static func problems(_ table: Table, k: Int, base: Report) -> [String] {
        let (crossed, byRow, byColumn) = cross(table)
        var report = base
        report.sections[0].entries[0].value = .count(crossed.total)
        report.sections[0].entries[0].breakdowns = [byRow, byColumn]
        report.sections[0].entries[0].crossBreakdowns = [crossed]
        let entry = DisclosureControl.suppression(k: k).protect(report).sections[0].entries[0]
        let published = entry.crossBreakdowns[0]
        var problems: [String] = []
        if published.total != crossed.total || entry.breakdowns.map(\.total) != [byRow.total, byColumn.total] {
            problems.append("a total changed")
        }
        if published.cells.isEmpty { return problems }
        let rows = crossed.firstCategories.map(\.code)
        let columns = crossed.secondCategories.map(\.code)
        // Known row and column totals: from the table's published totals or from a published breakdown cell.
        var rowKnown: [String: Int] = [:]
        var columnKnown: [String: Int] = [:]
        for row in rows {
            if published.rowProtection(row)?.isSuppressed != true { rowKnown[row] = published.rowSum(row) }
        }
        for column in columns {
            if published.columnProtection(column)?.isSuppressed != true {
                columnKnown[column] = published.columnSum(column)
            }
        }
        for cell in entry.breakdowns[0].cells where cell.protection == nil { rowKnown[cell.category.code] = cell.value }
        for cell in entry.breakdowns[1].cells where cell.protection == nil {
            columnKnown[cell.category.code] = cell.value
        }
        for (row, value) in rowKnown where value != crossed.rowSum(row) {
            problems.append("row \(row) published wrong")
        }
        for (column, value) in columnKnown where value != crossed.columnSum(column) {
            problems.append("column \(column) published wrong")
        }
        var unknown: [(String, String)] = []
        for cell in published.cells {
            if cell.protection?.isSuppressed == true {
                if cell.value != 0 || cell.percent != nil { problems.append("suppressed cell carries a value") }
                unknown.append((cell.first.code, cell.second.code))
            } else {
                if cell.value < k { problems.append("cell of \(cell.value) published") }
                if cell.value != crossed[cell.first.code, cell.second.code]?.value { problems.append("cell changed") }
            }
        }
        for value in rowKnown.values.sorted() + columnKnown.values.sorted() where value < k {
            problems.append("total of \(value) published")
        }
        // Enumerate every completion: each unknown cell at least 1, sums matching what is published.
        let sum = crossed.cellSum
        var seen: [[Int]] = []
        var rowSeen: [String: Set<Int>] = [:]
        var columnSeen: [String: Set<Int>] = [:]
        var values = Array(repeating: 0, count: unknown.count)
        func check() {
            var rowSum: [String: Int] = [:]
            var columnSum: [String: Int] = [:]
            for cell in published.cells where cell.protection?.isSuppressed != true {
                rowSum[cell.first.code, default: 0] += cell.value
                columnSum[cell.second.code, default: 0] += cell.value
            }
            for (i, cell) in unknown.enumerated() {
                rowSum[cell.0, default: 0] += values[i]
                columnSum[cell.1, default: 0] += values[i]
            }
            guard rowSum.values.reduce(0, +) == sum else { return }
            for (row, value) in rowKnown where rowSum[row] != value { return }
            for (column, value) in columnKnown where columnSum[column] != value { return }
            seen.append(values)
            for row in rows { rowSeen[row, default: []].insert(rowSum[row] ?? 0) }
            for column in columns { columnSeen[column, default: []].insert(columnSum[column] ?? 0) }
        }
        func assign(_ index: Int, _ left: Int) {
            if index == unknown.count {
                check()
                return
            }
            let bound = min(left, rowKnown[unknown[index].0] ?? left, columnKnown[unknown[index].1] ?? left)
            guard bound >= 1 else { return }
            // The last unknown of a row with a known total has only one possible value.
            let row = unknown[index].0
            let lastOfRow = !unknown[(index + 1)...].contains { $0.0 == row }
            if lastOfRow, let known = rowKnown[row] {
                var partial = 0
                for cell in published.cells where cell.first.code == row && cell.protection?.isSuppressed != true {
                    partial += cell.value
                }
                for i in 0..<index where unknown[i].0 == row { partial += values[i] }
                let value = known - partial
                guard value >= 1, value <= bound else { return }
                values[index] = value
                assign(index + 1, left - value)
                return
            }
            for value in 1...bound {
                values[index] = value
                assign(index + 1, left - value)
            }
        }
        let publishedSum = published.cells.filter { $0.protection?.isSuppressed != true }.reduce(0) { $0 + $1.value }
        assign(0, sum - publishedSum)
        if seen.isEmpty { problems.append("the true table is not a completion") }
        for (i, cell) in unknown.enumerated() where Set(seen.map { $0[i] }).count < 2 {
            problems.append("cell \(cell) can be worked out")
        }
        for row in rows where rowKnown[row] == nil && (rowSeen[row]?.count ?? 0) < 2 {
            problems.append("row total \(row) can be worked out")
        }
        for column in columns where columnKnown[column] == nil && (columnSeen[column]?.count ?? 0) < 2 {
            problems.append("column total \(column) can be worked out")
        }
        return problems
    }

    static func tables(rows: Int, columns: Int, values: [Int]) -> [Table] {
        var result: [Table] = [[]]
        for _ in 0..<(rows * columns) { result = result.flatMap { prefix in values.map { prefix + [[$0]] } } }
        return result.map { flat in (0..<rows).map { r in flat[(r * columns)..<(r * columns + columns)].map { $0[0] } }
        }
        .filter { table in
            table.allSatisfy { $0.reduce(0, +) > 0 } && (0..<columns).allSatisfy { c in table.contains { $0[c] > 0 } }
        }
    }

    @Test func everyTwoByTwoTableOfZeroToSix() throws {
        let base = try DisclosureTests.report(breakdowns: [])
        var failures: [String] = []
        let tables = Self.tables(rows: 2, columns: 2, values: Array(0...6))
        for table in tables {
            let problems = Self.problems(table, k: 5, base: base)
            if !problems.isEmpty { failures.append("\(table): \(problems)") }
        }
        #expect(tables.count > 2_000)
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(5))")
    }

    @Test func everyTwoByThreeTableOfSmallAndLargeCells() throws {
        let base = try DisclosureTests.report(breakdowns: [])
        var failures: [String] = []
        for table in Self.tables(rows: 2, columns: 3, values: [0, 1, 6])
            + Self.tables(rows: 2, columns: 3, values: [0, 2, 5])
        {
            let problems = Self.problems(table, k: 5, base: base)
            if !problems.isEmpty { failures.append("\(table): \(problems)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures: \(failures.prefix(5))")
    }

    @Test func theSmallCellOfATableIsProtectedWithItsTotals() throws {
        let base = try DisclosureTests.report(breakdowns: [])
        let (crossed, byRow, byColumn) = Self.cross([[3, 40], [30, 50]])
        var report = base
        report.sections[0].entries[0].breakdowns = [byRow, byColumn]
        report.sections[0].entries[0].crossBreakdowns = [crossed]
        let entry = DisclosureControl.k5.protect(report).sections[0].entries[0]
        let table = entry.crossBreakdowns[0]
        #expect(table.cells.map(\.value) == [0, 0, 0, 0])
        #expect(
            table.cells.map(\.protection) == [.suppressed(.primary)]
                + Array(repeating: .suppressed(.secondary), count: 3))
        #expect(table.rowSum("A") == 43 && table.rowSum("B") == 80 && table.columnSum("f") == 33)
        #expect(table.total == 123 && table.cellSum == 123 && table.reconciles)
        #expect(entry.breakdowns[0].cells.map(\.value) == [43, 80])
    }
}
