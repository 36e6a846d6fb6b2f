import Compass
import Testing

/// The engine and the naive evaluator agree exactly on seeded random datasets.
@Suite struct AgreementTests {
    static let seeds: [UInt64] = Array(1...20)

    /// A result of the engine in the naive evaluator's shape.
    static func shape(_ result: IndicatorResult) -> NaiveEvaluator.Result {
        var shaped: NaiveEvaluator.Result
        switch result.value {
        case .count(let count): shaped = NaiveEvaluator.Result(numerator: count, records: result.records)
        case .share(let fraction):
            shaped = NaiveEvaluator.Result(
                numerator: fraction.numerator, denominator: fraction.denominator, records: result.records)
        }
        for breakdown in result.breakdowns {
            var cells: [String: Int] = [:]
            for cell in breakdown.cells { cells[cell.category.code] = cell.value }
            shaped.breakdowns[breakdown.dimension] = cells
        }
        for breakdown in result.crossBreakdowns {
            var cells: [String: Int] = [:]
            for cell in breakdown.cells { cells[cell.first.code + "|" + cell.second.code] = cell.value }
            shaped.crosses[breakdown.dimensions] = cells
        }
        if let overlap = result.overlap {
            shaped.overlap = overlap.partValues + [overlap.distinct, overlap.peopleInSeveralParts]
        }
        if let progress = result.progress {
            var a = abs(progress.achieved.numerator)
            var b = abs(progress.achieved.denominator)
            while b != 0 { (a, b) = (b, a % b) }
            let divisor = max(a, 1)
            shaped.progress = [progress.achieved.numerator / divisor, progress.achieved.denominator / divisor]
        }
        return shaped
    }

    @Test(arguments: seeds)
    func engineAgreesWithNaiveEvaluator(seed: UInt64) throws {
        let data = RandomData.dataset(seed: seed)
        let (catalogue, specs) = RandomCatalogue.make(seed: seed)
        #expect(catalogue.validate() == [])
        let naive = NaiveEvaluator(data, programme: catalogue.programme)
        #expect(!naive.findings.isEmpty)
        for period in RandomData.periods(seed: seed) {
            // A period wholly outside the programme is refused: there is nothing to agree on.
            if let resolved = catalogue.resolve(period), !resolved.meetsProgramme {
                #expect(throws: EvaluationError.self) { try Engine().evaluate(catalogue, on: data, period: period) }
                continue
            }
            let evaluation = try Engine().evaluate(catalogue, on: data, period: period)
            let dates = try #require(period.dates(programme: catalogue.programme.period))
            var expectations: [Indicator.ID: NaiveEvaluator.Result] = [:]
            for (spec, result) in zip(specs, evaluation.results) {
                let expected = naive.evaluate(spec, dates: dates, catalogue: specs)
                expectations[spec.indicator.id] = expected
                #expect(
                    AgreementTests.shape(result) == expected,
                    "seed \(seed), period \(period), indicator \(spec.indicator.id): \(spec.indicator.measure) where \(spec.indicator.filter)"
                )
            }
            let dataFindings = evaluation.findings.compactMap { finding in
                finding.record.map { "\(finding.severity.rawValue) \(finding.rule) \($0)" }
            }
            #expect(dataFindings.sorted() == naive.findings, "seed \(seed), period \(period)")
            let ruleFindings = evaluation.findings.filter { $0.record == nil }.map {
                "\($0.severity.rawValue) \($0.rule) \($0.indicator?.rawValue ?? "-")"
            }
            #expect(
                ruleFindings.sorted()
                    == naive.ruleFindings(specs, rules: catalogue.rules, dates: dates, results: expectations),
                "seed \(seed), period \(period)")
        }
    }

    /// Every breakdown's percents add up to 100; cells of exclusive breakdowns add up to the total; overlapping ones never fall short.
    @Test(arguments: seeds.prefix(5))
    func breakdownInvariantsHold(seed: UInt64) throws {
        let data = RandomData.dataset(seed: seed)
        let (catalogue, _) = RandomCatalogue.make(seed: seed)
        for period in RandomData.periods(seed: seed) {
            // A period wholly outside the programme is refused: there is nothing to agree on.
            if let resolved = catalogue.resolve(period), !resolved.meetsProgramme {
                #expect(throws: EvaluationError.self) { try Engine().evaluate(catalogue, on: data, period: period) }
                continue
            }
            let evaluation = try Engine().evaluate(catalogue, on: data, period: period)
            for result in evaluation.results {
                for breakdown in result.breakdowns {
                    if breakdown.categoriesOverlap {
                        #expect(breakdown.cellSum >= breakdown.total)
                    } else {
                        #expect(breakdown.reconciles, "\(result.indicator) by \(breakdown.dimension)")
                    }
                    if breakdown.cellSum > 0 { #expect(breakdown.cells.compactMap(\.percent).reduce(0, +) == 100) }
                }
                for breakdown in result.crossBreakdowns {
                    if breakdown.categoriesOverlap {
                        #expect(breakdown.cellSum >= breakdown.total)
                    } else {
                        #expect(breakdown.reconciles, "\(result.indicator) by \(breakdown.dimensions)")
                    }
                    if breakdown.cellSum > 0 { #expect(breakdown.cells.compactMap(\.percent).reduce(0, +) == 100) }
                    // A crossed breakdown summed over its second dimension gives the first dimension's breakdown
                    // whenever the second dimension is exclusive for the measure.
                    if let single = result.breakdown(breakdown.dimensions.first), !breakdown.categoriesOverlap {
                        var byFirst: [String: Int] = [:]
                        for cell in breakdown.cells { byFirst[cell.first.code, default: 0] += cell.value }
                        var expected: [String: Int] = [:]
                        for cell in single.cells { expected[cell.category.code] = cell.value }
                        #expect(byFirst == expected)
                    }
                }
                // A share lies in 0…100, or the built-in rule says it does not.
                if case .share(let fraction) = result.value, fraction.denominator > 0 {
                    let flagged = evaluation.findings.contains {
                        $0.rule == "share-in-range" && $0.indicator == result.indicator && $0.severity == .error
                    }
                    #expect((0...100).contains(fraction.percent ?? -1) != flagged, "\(result.indicator) \(fraction)")
                }
                if let overlap = result.overlap, overlap.parts.count == 4 {
                    #expect(overlap.largestPart <= overlap.distinct)
                    #expect(overlap.distinct <= overlap.sumOfParts)
                    #expect(overlap.peopleInSeveralParts <= overlap.doubleCounted)
                }
            }
        }
    }

    /// A year is the sum of its quarters and of its months for counts and sums (records are counted by their own date).
    @Test(arguments: seeds.prefix(3))
    func periodsPartitionCountsAndSums(seed: UInt64) throws {
        let data = RandomData.dataset(seed: seed)
        let (catalogue, specs) = RandomCatalogue.make(seed: seed)
        let year = try Engine().evaluate(catalogue, on: data, period: .year(2022))
        let quarters = try (1...4).map { try Engine().evaluate(catalogue, on: data, period: .quarter(2022, $0)) }
        let months = try (1...12).map { try Engine().evaluate(catalogue, on: data, period: .month(2022, $0)) }
        let range = try Engine().evaluate(
            catalogue, on: data, period: .range(try #require(DateRange("2022-01-01", "2022-12-31"))))
        #expect(range.results == year.results)
        for (index, spec) in specs.enumerated() {
            switch spec.kind {
            case .count, .sum:
                let total = year.results[index].value.number
                #expect(quarters.map { $0.results[index].value.number ?? 0 }.reduce(0, +) == total)
                #expect(months.map { $0.results[index].value.number ?? 0 }.reduce(0, +) == total)
            case .distinctPeople:
                let total = year.results[index].value.number ?? 0
                let parts = quarters.map { $0.results[index].value.number ?? 0 }
                #expect(parts.max() ?? 0 <= total)
                #expect(total <= parts.reduce(0, +))
            case .share:
                break
            }
        }
    }
}
