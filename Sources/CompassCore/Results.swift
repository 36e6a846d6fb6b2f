/// An exact fraction, kept beside the whole percent a report shows.
public struct Fraction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The part.
    public var numerator: Int
    /// The whole; a fraction over zero has no percent.
    public var denominator: Int

    /// Creates a fraction.
    public init(_ numerator: Int, over denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The nearest whole percent, halves rounded up; `nil` when the denominator is not positive.
    ///
    /// 2,150 of 2,500 is 86; 1 of 8 (12.5 %) is 13.
    public var percent: Int? {
        guard denominator > 0 else { return nil }
        // floor((200 n + d) / 2d) rounds half up for non-negative n.
        let doubled = 200 * numerator + denominator
        return doubled >= 0 ? doubled / (2 * denominator) : -((-doubled + 2 * denominator - 1) / (2 * denominator))
    }

    /// The fraction as `numerator/denominator`.
    public var description: String { "\(numerator)/\(denominator)" }
}

/// The value of an indicator: a count, or a share kept as an exact fraction.
public enum Quantity: Hashable, Sendable {
    /// A number of people, records or visitors.
    case count(Int)
    /// A share: a numerator over a denominator.
    case share(Fraction)

    /// The count, or the share's whole percent; `nil` for a share over zero.
    public var number: Int? {
        switch self {
        case .count(let value): value
        case .share(let fraction): fraction.percent
        }
    }
}

/// One category of a breakdown, such as "Women" in a breakdown by sex.
public struct Category: Hashable, Sendable {
    /// The dimension the category belongs to.
    public var dimension: BreakdownDimension
    /// The category's code, as written in data: `female`, `MLI`, `unknown`.
    public var code: String
    /// The category's label in each language.
    public var label: LocalizedText

    /// Creates a category.
    public init(dimension: BreakdownDimension, code: String, label: LocalizedText) {
        self.dimension = dimension
        self.code = code
        self.label = label
    }
}

/// One cell of a breakdown: a category, its value, and its share of the cells.
public struct Cell: Hashable, Sendable {
    /// The category.
    public var category: Category
    /// The value in the category.
    public var value: Int
    /// The exact share of the sum of the breakdown's cells.
    public var fraction: Fraction
    /// The whole percent shown; the percents of a breakdown add up to exactly 100.
    ///
    /// `nil` when the cells add up to zero. See ``Apportionment/largestRemainder(_:total:)``.
    public var percent: Int?
    /// How disclosure control changed the cell, if it did: a suppressed cell's `value` is 0 and its `percent` `nil`.
    public var protection: CellProtection?

    /// Creates a cell.
    public init(category: Category, value: Int, fraction: Fraction, percent: Int?, protection: CellProtection? = nil) {
        self.category = category
        self.value = value
        self.fraction = fraction
        self.percent = percent
        self.protection = protection
    }
}

/// An indicator's value split by one dimension.
public struct Breakdown: Hashable, Sendable {
    /// The dimension.
    public var dimension: BreakdownDimension
    /// The cells with a non-zero value, in the dimension's canonical order.
    public var cells: [Cell]
    /// The indicator's total value, which the cells reconcile with.
    public var total: Int
    /// Whether a counted unit can by nature be in several categories, so that the cells may add up to more than the total.
    ///
    /// True for distinct people broken down by a record dimension (a person assisted
    /// in two countries counts once in the total and once in each country) and for
    /// any breakdown by vulnerability (a person may have several). When false, the
    /// cells must add up to the total exactly, and the built-in rule
    /// `breakdown-reconciles` reports an error if they do not.
    public var categoriesOverlap: Bool
    /// The exact sum of the cells, kept by disclosure control when it hides or rounds cells; `nil` otherwise.
    public var exactCellSum: Int?

    /// Creates a breakdown.
    public init(
        dimension: BreakdownDimension, cells: [Cell], total: Int, categoriesOverlap: Bool = false,
        exactCellSum: Int? = nil
    ) {
        self.dimension = dimension
        self.cells = cells
        self.total = total
        self.categoriesOverlap = categoriesOverlap
        self.exactCellSum = exactCellSum
    }

    /// The sum of the cells: the exact one when disclosure control protected some (see ``exactCellSum``).
    public var cellSum: Int { exactCellSum ?? cells.reduce(0) { $0 + $1.value } }

    /// Whether the cells add up to the total.
    ///
    /// A breakdown of distinct people by a record dimension (a person assisted in two
    /// countries counts in both) or by vulnerability (a person may have several) can
    /// add up to more than the total; ``overcount`` says by how much.
    public var reconciles: Bool { cellSum == total }

    /// How much the cells add up to beyond the total; zero when they reconcile.
    public var overcount: Int { cellSum - total }

    /// The cell of a category code, if it has a non-zero value.
    public subscript(code: String) -> Cell? { cells.first { $0.category.code == code } }
}

/// One cell of a crossed breakdown: a category of each dimension, its value, and its share of the cells.
public struct CrossCell: Hashable, Sendable {
    /// The category of the first dimension, such as a country.
    public var first: Category
    /// The category of the second dimension, such as a sex.
    public var second: Category
    /// The value in the pair of categories.
    public var value: Int
    /// The exact share of the sum of the crossed breakdown's cells.
    public var fraction: Fraction
    /// The whole percent shown; the percents of all cells add up to exactly 100, or `nil` when the cells add up to zero.
    public var percent: Int?
    /// How disclosure control changed the cell, if it did: a suppressed cell's `value` is 0 and its `percent` `nil`.
    public var protection: CellProtection?

    /// Creates a crossed cell.
    public init(
        first: Category, second: Category, value: Int, fraction: Fraction, percent: Int?,
        protection: CellProtection? = nil
    ) {
        self.first = first
        self.second = second
        self.value = value
        self.fraction = fraction
        self.percent = percent
        self.protection = protection
    }
}

/// An indicator's value split by two dimensions crossed, such as country × sex.
///
/// The cells are ordered by the first dimension's canonical order, then the
/// second's; only non-zero cells are kept.
public struct CrossBreakdown: Hashable, Sendable {
    /// The two dimensions.
    public var dimensions: DimensionPair
    /// The cells with a non-zero value.
    public var cells: [CrossCell]
    /// The indicator's total value.
    public var total: Int
    /// Whether a counted unit can by nature be in several cells (see ``Breakdown/categoriesOverlap``).
    public var categoriesOverlap: Bool
    /// The published row and column totals, set by disclosure control; empty when they are the sums of the cells.
    ///
    /// Keyed by category code; a suppressed total is absent from ``CrossTotals/rows`` or
    /// ``CrossTotals/columns``, and ``rowSum(_:)`` and ``columnSum(_:)`` return 0 for it.
    public var publishedTotals: CrossTotals?
    /// The exact sum of the cells, kept by disclosure control when it hides or rounds cells; `nil` otherwise.
    public var exactCellSum: Int?

    /// Creates a crossed breakdown.
    public init(
        dimensions: DimensionPair, cells: [CrossCell], total: Int, categoriesOverlap: Bool = false,
        publishedTotals: CrossTotals? = nil, exactCellSum: Int? = nil
    ) {
        self.exactCellSum = exactCellSum
        self.dimensions = dimensions
        self.cells = cells
        self.total = total
        self.categoriesOverlap = categoriesOverlap
        self.publishedTotals = publishedTotals
    }

    /// The sum of the cells: the exact one when disclosure control protected some (see ``exactCellSum``).
    public var cellSum: Int { exactCellSum ?? cells.reduce(0) { $0 + $1.value } }

    /// Whether the cells add up to the total.
    public var reconciles: Bool { cellSum == total }

    /// How much the cells add up to beyond the total; zero when they reconcile.
    public var overcount: Int { cellSum - total }

    /// The cell of a pair of category codes, such as `("MLI", "female")`, if it has a non-zero value.
    public subscript(first: String, second: String) -> CrossCell? {
        cells.first { $0.first.code == first && $0.second.code == second }
    }
}

/// How the parts of a distinct-people indicator overlap: people who received more than one service.
///
/// In the COMPASS 2022 fact sheet the four services add up to 41,652 while 41,562
/// distinct people were assisted: people who received more than one kind of
/// assistance count once in the total.
public struct Overlap: Hashable, Sendable {
    /// The part indicators, in the order the indicator lists them.
    public var parts: [Indicator.ID]
    /// The value of each part in the same period, in the same order.
    public var partValues: [Int]
    /// The number of distinct people in the indicator.
    public var distinct: Int
    /// The number of distinct people counted in more than one part.
    public var peopleInSeveralParts: Int

    /// Creates an overlap.
    public init(parts: [Indicator.ID], partValues: [Int], distinct: Int, peopleInSeveralParts: Int) {
        self.parts = parts
        self.partValues = partValues
        self.distinct = distinct
        self.peopleInSeveralParts = peopleInSeveralParts
    }

    /// The sum of the parts' values, such as 41,652.
    public var sumOfParts: Int { partValues.reduce(0, +) }

    /// How many more the parts add up to than the distinct total: ``sumOfParts`` − ``distinct``.
    public var doubleCounted: Int { sumOfParts - distinct }

    /// The largest part's value, or zero without parts.
    public var largestPart: Int { partValues.max() ?? 0 }
}

/// Progress of an indicator's value against its target.
///
/// With a baseline *b* and a target *t*, a value *v* has achieved
/// (*v* − *b*) / (*t* − *b*) of the way; without a baseline, *v* / *t*. A share's
/// value is taken in percent, exactly. The fraction is kept exact; ``percent`` is
/// its nearest whole percent and may be negative or above 100.
public struct TargetProgress: Hashable, Sendable {
    /// The baseline, if the indicator has one.
    public var baseline: Int?
    /// The target.
    public var target: Int
    /// The exact part of the way from the baseline (or zero) to the target achieved.
    public var achieved: Fraction

    /// Creates a progress.
    public init(baseline: Int?, target: Int, achieved: Fraction) {
        self.baseline = baseline
        self.target = target
        self.achieved = achieved
    }

    /// The nearest whole percent of the way achieved; `nil` when it cannot be computed (a share over zero).
    public var percent: Int? { achieved.percent }

    /// The progress of `value` towards `target` from `baseline`, or `nil` when the value has no number or the target equals the baseline.
    public static func of(_ value: Quantity, baseline: Int?, target: Int) -> TargetProgress? {
        let start = baseline ?? 0
        guard target != start else { return nil }
        let span = target - start
        switch value {
        case .count(let count):
            return TargetProgress(
                baseline: baseline, target: target, achieved: Fraction(count - start, over: span).normalized)
        case .share(let share):
            guard share.denominator > 0 else { return nil }
            // (100 n / d − b) / s = (100 n − b d) / (s d)
            return TargetProgress(
                baseline: baseline, target: target,
                achieved: Fraction(100 * share.numerator - start * share.denominator, over: span * share.denominator)
                    .normalized)
        }
    }
}

extension Fraction {
    /// The same fraction with a positive denominator (when it is not zero).
    var normalized: Fraction {
        denominator < 0 ? Fraction(-numerator, over: -denominator) : self
    }
}

/// The result of evaluating one indicator over one period.
public struct IndicatorResult: Hashable, Sendable {
    /// The indicator evaluated.
    public var indicator: Indicator.ID
    /// The value.
    public var value: Quantity
    /// The breakdowns the indicator asked for, in its order.
    public var breakdowns: [Breakdown]
    /// The crossed breakdowns the indicator asked for, in its order.
    public var crossBreakdowns: [CrossBreakdown]
    /// The number of records counted; for a share, the records of the denominator.
    ///
    /// A value computed from no record is *missing* for ``ValidationRule``s.
    public var records: Int
    /// How the indicator's parts overlap, when it declares ``Indicator/parts``.
    public var overlap: Overlap?
    /// Progress against the target, when the indicator has one.
    public var progress: TargetProgress?

    /// Creates a result.
    public init(
        indicator: Indicator.ID, value: Quantity, breakdowns: [Breakdown], crossBreakdowns: [CrossBreakdown] = [],
        records: Int = 0, overlap: Overlap? = nil, progress: TargetProgress? = nil
    ) {
        self.indicator = indicator
        self.value = value
        self.breakdowns = breakdowns
        self.crossBreakdowns = crossBreakdowns
        self.records = records
        self.overlap = overlap
        self.progress = progress
    }

    /// Whether the value is missing: no record was counted, or a share's denominator is zero.
    public var isMissing: Bool {
        if case .share(let fraction) = value, fraction.denominator == 0 { return true }
        return records == 0
    }

    /// The crossed breakdown by a pair of dimensions, if the indicator asked for it.
    public func crossBreakdown(_ first: BreakdownDimension, _ second: BreakdownDimension) -> CrossBreakdown? {
        crossBreakdowns.first { $0.dimensions == DimensionPair(first, second) }
    }

    /// The breakdown by `dimension`, if the indicator asked for it.
    public func breakdown(_ dimension: BreakdownDimension) -> Breakdown? {
        breakdowns.first { $0.dimension == dimension }
    }
}

/// Something validation noticed in a catalogue, the data or the results.
public struct Finding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable, CaseIterable {
        /// The result cannot be trusted until it is fixed.
        case error
        /// Probably a mistake in the data; the result is computed as documented.
        case warning
        /// Worth knowing; nothing is wrong.
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// The rule broken, a stable kebab-case code such as `unknown-migrant`.
    public var rule: String
    /// What is wrong, in English, naming the record or indicator.
    public var message: String
    /// The indicator concerned, if any.
    public var indicator: Indicator.ID?
    /// The record concerned, as `source id`, if any.
    public var record: String?
    /// Where the record concerned was read, when it was read from a file.
    public var location: Location?

    /// The file and line of a record that a finding names.
    public struct Location: Hashable, Sendable, Codable, CustomStringConvertible {
        /// The file's name, such as `migrants.csv`.
        public var file: String
        /// The line where the record starts, from 1 (the header is line 1).
        public var line: Int

        /// Creates a location.
        public init(file: String, line: Int) {
            self.file = file
            self.line = line
        }

        /// `file:line`, as compilers and the reader's problems write it.
        public var description: String { "\(file):\(line)" }
    }

    /// Creates a finding.
    public init(
        _ severity: Severity, rule: String, message: String, indicator: Indicator.ID? = nil, record: String? = nil,
        location: Location? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.indicator = indicator
        self.record = record
        self.location = location
    }

    /// The finding on one line: `error [rule] message`, after `file:line: ` when it has a location.
    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(severity.rawValue) [\(rule)] \(message)"
    }
}

/// The results of a catalogue over a period, with everything validation found.
public struct Evaluation: Hashable, Sendable {
    /// The period asked for.
    public var period: Period
    /// The days it covers.
    public var dates: DateRange
    /// One result per indicator, in catalogue order.
    public var results: [IndicatorResult]
    /// The findings on the data and the results, errors first.
    public var findings: [Finding]

    /// Creates an evaluation.
    public init(period: Period, dates: DateRange, results: [IndicatorResult], findings: [Finding]) {
        self.period = period
        self.dates = dates
        self.results = results
        self.findings = findings
    }

    /// The result of the indicator `id`, if the catalogue had it.
    public subscript(id: Indicator.ID) -> IndicatorResult? { results.first { $0.indicator == id } }
}

/// Whole percents that add up to exactly 100.
public enum Apportionment {
    /// Splits `total` (100 by default) among `values` in proportion, by the largest remainder method.
    ///
    /// Each part first gets the whole part of its exact quota, `total × value / sum`;
    /// the units left over go one each to the parts with the largest remainders.
    /// Ties are broken deterministically: a larger value first, then the earlier
    /// position (the canonical order of the categories). The result adds up to
    /// `total` exactly, unless every value is zero, in which case every part is zero.
    ///
    /// ```swift
    /// Apportionment.largestRemainder([19_950, 19_534, 2_078])   // [48, 47, 5]
    /// Apportionment.largestRemainder([1, 1, 1])                 // [34, 33, 33]
    /// ```
    ///
    /// - Complexity: O(*n* log *n*) for *n* values.
    public static func largestRemainder(_ values: [Int], total: Int = 100) -> [Int] {
        let sum = values.reduce(0, +)
        guard sum > 0 else { return values.map { _ in 0 } }
        var parts = values.map { total * $0 / sum }
        let remainders = values.map { total * $0 % sum }
        let left = total - parts.reduce(0, +)
        let order = values.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            if values[a] != values[b] { return values[a] > values[b] }
            return a < b
        }
        for index in order.prefix(left) { parts[index] += 1 }
        return parts
    }
}
