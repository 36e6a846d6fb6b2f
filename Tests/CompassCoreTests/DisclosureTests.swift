import CompassCore
import CompassTesting
import Testing

/// Disclosure control, checked exhaustively on small tables: no suppressed cell can be worked out.
@Suite struct DisclosureTests {
    static let rowCodes = ["A", "B", "C", "D"]
    static let columnCodes = ["f", "m", "u"]

    static func category(_ dimension: BreakdownDimension, _ code: String) -> Category {
        Category(dimension: dimension, code: code, label: ["en": code, "fr": code])
    }

    static func breakdown(_ dimension: BreakdownDimension, _ values: [(String, Int)]) -> Breakdown {
        let present = values.filter { $0.1 > 0 }
        let sum = present.reduce(0) { $0 + $1.1 }
        let percents = Apportionment.largestRemainder(present.map(\.1), total: sum)
        let cells = zip(present, percents).map { pair, percent in
            Cell(
                category: category(dimension, pair.0), value: pair.1, fraction: Fraction(pair.1, over: sum),
                percent: percent)
        }
        return Breakdown(dimension: dimension, cells: cells, total: sum)
    }

    /// A report of one entry, built on the hostile report's programme and dates.
    static func report(breakdowns: [Breakdown], crossed: [CrossBreakdown] = []) throws -> Report {
        var report = try HostileReport.report()
        let total = breakdowns.first?.total ?? crossed.first?.total ?? 0
        var entry = try #require(report.sections.first?.entries.first)
        entry.value = .count(total)
        entry.breakdowns = breakdowns
        entry.crossBreakdowns = crossed
        report.sections = [Report.Section(workArea: report.sections[0].workArea, entries: [entry])]
        return report
    }

    /// Every way of giving each unknown a value of at least 1 whose sum is `remainder`.
    static func completions(unknowns: Int, remainder: Int) -> [[Int]] {
        if unknowns == 0 { return remainder == 0 ? [[]] : [] }
        guard remainder >= unknowns else { return [] }
        return (1...(remainder - unknowns + 1)).flatMap { first in
            completions(unknowns: unknowns - 1, remainder: remainder - first).map { [first] + $0 }
        }
    }

    /// Checks one protected breakdown against its original values; returns a description of what is wrong, if anything.
    static func problems(original: Breakdown, protected: Breakdown, k: Int) -> [String] {
        var problems: [String] = []
        if protected.total != original.total { problems.append("total changed") }
        if protected.cells.isEmpty { return problems }
        if protected.cellSum != original.cellSum { problems.append("cell sum changed") }
        var publishedSum = 0
        var unknown = 0
        for (before, after) in zip(original.cells, protected.cells) {
            if after.protection?.isSuppressed == true {
                if after.value != 0 || after.percent != nil || after.fraction.numerator != 0 {
                    problems.append("suppressed cell \(before.category.code) carries a value")
                }
                unknown += 1
            } else {
                if after.value != before.value { problems.append("published cell \(before.category.code) changed") }
                if after.value < k { problems.append("cell \(before.category.code) of \(after.value) published") }
                let anyProtected = protected.cells.contains { $0.protection != nil }
                if anyProtected, after.percent != Fraction(before.value, over: original.cellSum).percent {
                    problems.append("percent of \(before.category.code) is not its share of the exact sum")
                }
                publishedSum += after.value
            }
        }
        let found = completions(unknowns: unknown, remainder: original.cellSum - publishedSum)
        for position in 0..<unknown where Set(found.map { $0[position] }).count < 2 {
            problems.append("suppressed cell \(position) can be worked out: \(found)")
        }
        return problems
    }

    @Test(arguments: [5, 11])
    func everyVectorOfTwoToFourCells(k: Int) throws {
        let base = try Self.report(breakdowns: [])
        var failures: [String] = []
        var protectedCount = 0
        for length in 2...4 {
            // Every vector of 2 or 3 cells of 0 to 12, and of 4 cells of 0 to 7.
            let limit = length == 4 ? 7 : 12
            var vector = Array(repeating: 0, count: length)
            while true {
                let original = Self.breakdown(.country, zip(Self.rowCodes, vector).map { ($0, $1) })
                var report = base
                report.sections[0].entries[0].breakdowns = [original]
                let protected = DisclosureControl.suppression(k: k).protect(report)
                let result = protected.sections[0].entries[0].breakdowns[0]
                let problems = Self.problems(original: original, protected: result, k: k)
                if !problems.isEmpty { failures.append("\(vector): \(problems)") }
                protectedCount += result.cells.filter { $0.protection != nil }.count
                // Next vector.
                var index = 0
                while index < length {
                    vector[index] += 1
                    if vector[index] <= limit { break }
                    vector[index] = 0
                    index += 1
                }
                if index == length { break }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(protectedCount > 0)
    }

    @Test func primaryAndSecondarySuppression() throws {
        let original = Self.breakdown(.country, [("A", 3), ("B", 40), ("C", 25)])
        let report = try Self.report(breakdowns: [original])
        let protected = DisclosureControl.k5.protect(report)
        let cells = try #require(protected.entries.first?.breakdowns.first?.cells)
        #expect(cells.map(\.protection) == [.suppressed(.primary), nil, .suppressed(.secondary)])
        #expect(cells.map(\.value) == [0, 40, 0])
        #expect(cells.map(\.percent) == [nil, 59, nil])
        #expect(protected.disclosure?.primary == 1 && protected.disclosure?.secondary == 1)
        #expect(protected.disclosure?.protectedCells == 2)
        #expect(protected.entries.first?.breakdowns.first?.total == 68)
        #expect(protected.entries.first?.breakdowns.first?.reconciles == true)
    }

    @Test func twoOnesAreProtectedByAThirdCell() throws {
        let original = Self.breakdown(.country, [("A", 1), ("B", 1), ("C", 30), ("D", 40)])
        let protected = DisclosureControl.k5.protect(try Self.report(breakdowns: [original]))
        let cells = try #require(protected.entries.first?.breakdowns.first?.cells)
        #expect(
            cells.map(\.protection) == [.suppressed(.primary), .suppressed(.primary), .suppressed(.secondary), nil])
    }

    @Test func aSingleSmallCellIsWithheld() throws {
        let original = Self.breakdown(.country, [("A", 3)])
        let protected = DisclosureControl.k5.protect(try Self.report(breakdowns: [original]))
        #expect(protected.entries.first?.breakdowns.first?.cells == [])
        #expect(protected.entries.first?.breakdowns.first?.total == 3)
        #expect(protected.disclosure?.withheld == 1)
        #expect(
            protected.disclosure.map { FigureFormat(language: .english).disclosure($0) }?.contains(
                "1 breakdown left out") == true)
    }

    @Test func roundingKeepsTotalsExact() throws {
        let original = Self.breakdown(.country, [("A", 3), ("B", 47), ("C", 20)])
        let protected = DisclosureControl.rounding(base: 10).protect(try Self.report(breakdowns: [original]))
        let breakdown = try #require(protected.entries.first?.breakdowns.first)
        #expect(breakdown.cells.map(\.value) == [0, 40, 20])
        #expect(breakdown.cells.map(\.protection) == [.rounded(base: 10), .rounded(base: 10), nil])
        #expect(breakdown.cells.map(\.percent) == [0, 57, 29])
        #expect(breakdown.total == 70 && breakdown.reconciles)
        #expect(protected.disclosure?.rounded == 2)
    }

    @Test func offChangesNoCell() throws {
        let original = Self.breakdown(.country, [("A", 3), ("B", 47)])
        let report = try Self.report(breakdowns: [original])
        let protected = DisclosureControl.off.protect(report)
        #expect(protected.entries == report.entries)
        #expect(protected.disclosure?.protectedCells == 0)
    }

    @Test func commandLineForms() {
        #expect(DisclosureControl(argument: "k=5") == .k5)
        #expect(DisclosureControl(argument: "k=10") == .k10)
        #expect(DisclosureControl(argument: "k=11") == .k11)
        #expect(DisclosureControl(argument: "round=10") == .rounding(base: 10))
        #expect(DisclosureControl(argument: "off") == .off)
        for bad in ["", "k", "k=", "k=1", "k=-5", "k=+5", "round=0", "k=5x", "size=5", "K=5", "k=5=5"] {
            #expect(DisclosureControl(argument: bad) == nil, "\(bad)")
        }
        #expect(DisclosureControl.standard.description == "k=11")
    }
}
