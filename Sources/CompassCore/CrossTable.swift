extension CrossBreakdown {
    /// The categories of the first dimension that have a non-zero cell, in canonical order: the rows of a table.
    public var firstCategories: [Category] {
        var seen: Set<String> = []
        return cells.compactMap { seen.insert($0.first.code).inserted ? $0.first : nil }
    }

    /// The categories of the second dimension that have a non-zero cell: the columns of a table.
    ///
    /// Within each row the cells follow the second dimension's canonical order; the
    /// columns merge these orders, so that two categories seen in one row keep their
    /// order, and categories never seen together keep the order in which they first appear.
    ///
    /// - Complexity: O(*n*²) for *n* columns.
    public var secondCategories: [Category] {
        var order: [Category] = []
        var index: [String: Int] = [:]
        var before: [Int: Set<Int>] = [:]
        var previous: (first: String, column: Int)?
        for cell in cells {
            let column: Int
            if let known = index[cell.second.code] {
                column = known
            } else {
                column = order.count
                index[cell.second.code] = column
                order.append(cell.second)
            }
            if let previous, previous.first == cell.first.code, previous.column != column {
                before[column, default: []].insert(previous.column)
            }
            previous = (cell.first.code, column)
        }
        var placed: [Bool] = Array(repeating: false, count: order.count)
        var result: [Category] = []
        while result.count < order.count {
            let next =
                order.indices.first { column in
                    !placed[column] && (before[column] ?? []).allSatisfy { placed[$0] }
                } ?? order.indices.first { !placed[$0] } ?? 0
            placed[next] = true
            result.append(order[next])
        }
        return result
    }

    /// How disclosure control changed the total of row `first`, if it did.
    public func rowProtection(_ first: String) -> CellProtection? { publishedTotals?.rowProtection[first] }

    /// How disclosure control changed the total of column `second`, if it did.
    public func columnProtection(_ second: String) -> CellProtection? { publishedTotals?.columnProtection[second] }

    /// The sum of the cells whose first category has the code `first`: a row's total.
    public func rowSum(_ first: String) -> Int {
        if let totals = publishedTotals { return totals.rows[first] ?? 0 }
        return cells.reduce(0) { $0 + ($1.first.code == first ? $1.value : 0) }
    }

    /// The sum of the cells whose second category has the code `second`: a column's total.
    public func columnSum(_ second: String) -> Int {
        if let totals = publishedTotals { return totals.columns[second] ?? 0 }
        return cells.reduce(0) { $0 + ($1.second.code == second ? $1.value : 0) }
    }
}

extension FigureFormat {
    /// An entry's progress against its target in words: `Target: 45,000 (92% reached) · Baseline: 29,117`.
    ///
    /// The target and the baseline are in the indicator's unit, so for a share they are
    /// written as percents (`Target: 90% (60% reached)`). The part in parentheses is
    /// left out when the progress has no percent; the baseline when there is none.
    ///
    /// - Parameter entry: The report's entry.
    /// - Returns: The text, not escaped for any format; `nil` when the entry has no target.
    public func progress(_ entry: Report.Entry) -> String? {
        guard let progress = entry.progress else { return nil }
        let colon = language == .french ? "\u{00A0}:" : ":"
        let share: Bool
        if case .share = entry.value { share = true } else { share = false }
        func figure(_ value: Int) -> String { share ? percent(value) : integer(value) }
        var text = "\(ReportTerm.target(language))\(colon) \(figure(progress.target))"
        if let reached = progress.percent {
            text += " (\(percent(reached)) \(ReportTerm.reached(language)))"
        }
        if let baseline = progress.baseline {
            text += " · \(ReportTerm.baseline(language))\(colon) \(figure(baseline))"
        }
        return text
    }
}
