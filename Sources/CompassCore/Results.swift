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
    public var dimension: Dimension
    /// The category's code, as written in data: `female`, `MLI`, `unknown`.
    public var code: String
    /// The category's label in each language.
    public var label: LocalizedText

    /// Creates a category.
    public init(dimension: Dimension, code: String, label: LocalizedText) {
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

    /// Creates a cell.
    public init(category: Category, value: Int, fraction: Fraction, percent: Int?) {
        self.category = category
        self.value = value
        self.fraction = fraction
        self.percent = percent
    }
}

/// An indicator's value split by one dimension.
public struct Breakdown: Hashable, Sendable {
    /// The dimension.
    public var dimension: Dimension
    /// The cells with a non-zero value, in the dimension's canonical order.
    public var cells: [Cell]
    /// The indicator's total value, which the cells reconcile with.
    public var total: Int

    /// Creates a breakdown.
    public init(dimension: Dimension, cells: [Cell], total: Int) {
        self.dimension = dimension
        self.cells = cells
        self.total = total
    }

    /// The sum of the cells.
    public var cellSum: Int { cells.reduce(0) { $0 + $1.value } }

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

/// The result of evaluating one indicator over one period.
public struct IndicatorResult: Hashable, Sendable {
    /// The indicator evaluated.
    public var indicator: Indicator.ID
    /// The value.
    public var value: Quantity
    /// The breakdowns the indicator asked for, in its order.
    public var breakdowns: [Breakdown]

    /// Creates a result.
    public init(indicator: Indicator.ID, value: Quantity, breakdowns: [Breakdown]) {
        self.indicator = indicator
        self.value = value
        self.breakdowns = breakdowns
    }

    /// The breakdown by `dimension`, if the indicator asked for it.
    public func breakdown(_ dimension: Dimension) -> Breakdown? {
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

    /// Creates a finding.
    public init(
        _ severity: Severity, rule: String, message: String, indicator: Indicator.ID? = nil, record: String? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.indicator = indicator
        self.record = record
    }

    /// The finding on one line: `error [rule] message`.
    public var description: String { "\(severity.rawValue) [\(rule)] \(message)" }
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
