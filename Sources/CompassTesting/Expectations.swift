public import CompassCore
import CompassEngine
public import Testing

/// Expects an indicator's value, and optionally its breakdown cells, over a period of a dataset.
///
/// A mismatch is recorded as an issue at the caller's line, listing expected and actual for
/// the value and for every cell that differs. Cells not listed in `breakdown` are expected to
/// be absent (zero).
///
/// ```swift
/// @Test func girlsAreCountedOnce() throws {
///     let data = Dataset {
///         Migrant("m1", sex: .female, birthYear: 2012)
///         Assistance(for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
///         Assistance(for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "MLI")
///     }
///     try expect(girlsAssisted, in: data, period: .year(2022), equals: 1, breakdown: [.country: ["MLI": 1]])
/// }
/// ```
///
/// - Parameters:
///   - indicator: The indicator under test.
///   - dataset: The records.
///   - period: The period to evaluate; `.programme` means `programme`'s period.
///   - expected: The expected count.
///   - breakdown: The expected cells of some of the indicator's breakdowns, by category code.
///   - programme: The programme whose period `.programme` stands for; `Programme.testing` by default.
///   - sourceLocation: Where a mismatch is recorded; the caller's line by default.
/// - Throws: `EvaluationError` when the indicator itself is invalid.
public func expect(
    _ indicator: Indicator, in dataset: Dataset, period: Period, equals expected: Int,
    breakdown: [BreakdownDimension: [String: Int]] = [:], programme: Programme = .testing,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let result = try evaluate(indicator, dataset, period, programme, sourceLocation) else { return }
    let name = "\(indicator.id) in \(period)"
    switch result.value {
    case .count(let actual):
        if actual != expected {
            record("\(name): expected \(expected), got \(actual)", sourceLocation)
        }
    case .share(let fraction):
        record("\(name) is a share (\(fraction)), not a count; expect a Fraction instead", sourceLocation)
    }
    for dimension in breakdown.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        compareCells(name, dimension, expected: breakdown[dimension] ?? [:], result, sourceLocation)
    }
}

/// Expects a share indicator's exact fraction over a period of a dataset.
///
/// ```swift
/// try expect(satisfaction, in: data, period: .year(2022), equals: Fraction(2, over: 3))
/// ```
///
/// - Parameters:
///   - indicator: The share indicator under test.
///   - dataset: The records.
///   - period: The period to evaluate; `.programme` means `programme`'s period.
///   - expected: The exact expected fraction: `Fraction(2, over: 3)` is not `Fraction(4, over: 6)`.
///   - programme: The programme whose period `.programme` stands for; `Programme.testing` by default.
///   - sourceLocation: Where a mismatch is recorded; the caller's line by default.
/// - Throws: `EvaluationError` when the indicator itself is invalid.
public func expect(
    _ indicator: Indicator, in dataset: Dataset, period: Period, equals expected: Fraction,
    programme: Programme = .testing, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let result = try evaluate(indicator, dataset, period, programme, sourceLocation) else { return }
    let name = "\(indicator.id) in \(period)"
    switch result.value {
    case .share(let actual):
        if actual != expected {
            let percents = "\(expected.percent.map { "\($0)%" } ?? "–") vs \(actual.percent.map { "\($0)%" } ?? "–")"
            record("\(name): expected \(expected), got \(actual) (\(percents))", sourceLocation)
        }
    case .count(let actual):
        record("\(name) is a count (\(actual)), not a share", sourceLocation)
    }
}

/// Evaluates, or records why the period cannot be evaluated.
private func evaluate(
    _ indicator: Indicator, _ dataset: Dataset, _ period: Period, _ programme: Programme,
    _ sourceLocation: SourceLocation
) throws -> IndicatorResult? {
    guard let dates = period.dates(programme: programme.period) else {
        record("the period \(period) does not exist", sourceLocation)
        return nil
    }
    return try Engine().evaluate(indicator, on: dataset, dates: dates)
}

private func compareCells(
    _ name: String, _ dimension: BreakdownDimension, expected: [String: Int], _ result: IndicatorResult,
    _ sourceLocation: SourceLocation
) {
    guard let breakdown = result.breakdown(dimension) else {
        record(
            "\(name) has no breakdown by \(dimension.rawValue); add .\(dimension) to the indicator's breakdowns",
            sourceLocation)
        return
    }
    var actual: [String: Int] = [:]
    for cell in breakdown.cells { actual[cell.category.code] = cell.value }
    let codes = Set(expected.keys).union(actual.keys).sorted()
    let differences = codes.filter { expected[$0, default: 0] != actual[$0, default: 0] }
    guard !differences.isEmpty else { return }
    let width = max(differences.map(\.count).max() ?? 0, dimension.rawValue.count)
    func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
    var lines = ["\(name), cells by \(dimension.rawValue) differ:", "  \(pad(dimension.rawValue))  expected  actual"]
    for code in differences {
        let want = expected[code].map(String.init) ?? "–"
        let got = actual[code].map(String.init) ?? "–"
        lines.append("  \(pad(code))  \(want)\(String(repeating: " ", count: max(1, 10 - want.count)))\(got)")
    }
    record(lines.joined(separator: "\n"), sourceLocation)
}

/// Records an issue whose comment is exactly `message`.
///
/// Interpolating into a `Comment` directly would describe values the Swift Testing way
/// (`.sex` for an enum case); messages here are plain text.
func record(_ message: String, _ sourceLocation: SourceLocation) {
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
