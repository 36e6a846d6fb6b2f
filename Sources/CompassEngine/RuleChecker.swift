import CompassCore

/// Checks the built-in rules and a catalogue's own rules against the results of an evaluation.
struct RuleChecker {
    let catalogue: Catalogue
    let results: [IndicatorResult]
    let store: Store
    let dates: DateRange

    // MARK: Built-in rules

    /// Breakdowns reconcile, shares lie in 0…100, parts bound their distinct total.
    func builtInFindings() -> [Finding] {
        var findings: [Finding] = []
        for (indicator, result) in zip(catalogue.indicators, results) {
            let id = indicator.id
            for breakdown in result.breakdowns {
                findings += reconciliation(
                    id, "\(breakdown.dimension.rawValue)", cellSum: breakdown.cellSum, total: breakdown.total,
                    overlap: breakdown.categoriesOverlap)
            }
            for breakdown in result.crossBreakdowns {
                findings += reconciliation(
                    id, "\(breakdown.dimensions.first.rawValue) × \(breakdown.dimensions.second.rawValue)",
                    cellSum: breakdown.cellSum, total: breakdown.total, overlap: breakdown.categoriesOverlap)
            }
            if case .share(let fraction) = result.value, fraction.denominator > 0,
                fraction.numerator < 0 || fraction.numerator > fraction.denominator
            {
                findings.append(
                    Finding(
                        .error, rule: "share-in-range",
                        message:
                            "indicator \(id): the share \(fraction) is outside 0…100 %; its numerator must count a part of its denominator",
                        indicator: id))
            }
            if let overlap = result.overlap {
                if !(overlap.largestPart <= overlap.distinct && overlap.distinct <= overlap.sumOfParts) {
                    findings.append(
                        Finding(
                            .error, rule: "parts-bound-total",
                            message:
                                "indicator \(id): \(overlap.distinct) distinct people should lie between the largest part (\(overlap.largestPart)) and the sum of the parts (\(overlap.sumOfParts)); the parts do not cover the people counted",
                            indicator: id))
                }
            }
        }
        return findings
    }

    private func reconciliation(_ id: Indicator.ID, _ name: String, cellSum: Int, total: Int, overlap: Bool)
        -> [Finding]
    {
        if cellSum == total { return [] }
        if overlap, cellSum > total {
            return [
                Finding(
                    .note, rule: "breakdown-reconciles",
                    message:
                        "indicator \(id): the breakdown by \(name) adds up to \(cellSum), \(cellSum - total) more than the total \(total), because one counted person can be in several categories",
                    indicator: id)
            ]
        }
        return [
            Finding(
                .error, rule: "breakdown-reconciles",
                message: "indicator \(id): the breakdown by \(name) adds up to \(cellSum), not to the total \(total)",
                indicator: id)
        ]
    }

    // MARK: Catalogue rules

    /// Evaluates every rule of the catalogue; a broken rule is a finding of its importance's severity.
    func catalogueRuleFindings() -> [Finding] {
        var cache: [Key: IndicatorResult?] = [:]
        var findings: [Finding] = []
        for rule in catalogue.rules {
            if let finding = check(rule, cache: &cache) { findings.append(finding) }
        }
        return findings
    }

    private struct Key: Hashable {
        let indicator: Indicator.ID
        let period: RulePeriod
    }

    /// The result of an indicator in a rule's period, or `nil` when the period is empty.
    private func result(_ id: Indicator.ID, _ period: RulePeriod, cache: inout [Key: IndicatorResult?])
        -> IndicatorResult?
    {
        let key = Key(indicator: id, period: period)
        if let cached = cache[key] { return cached }
        var value: IndicatorResult?
        if period == .report {
            value = zip(catalogue.indicators, results).first { $0.0.id == id }?.1
        } else if let range = period.dates(reporting: dates, programme: catalogue.programme.period),
            let indicator = catalogue[id]
        {
            value = Evaluator(store: store, dates: range, platforms: catalogue.programme.platforms).evaluate(indicator)
        }
        cache[key] = value
        return value
    }

    private func check(_ rule: ValidationRule, cache: inout [Key: IndicatorResult?]) -> Finding? {
        var missing = 0
        var total = 0
        func evaluate(_ expression: RuleExpression) -> (value: Rational, present: Bool) {
            switch expression {
            case .constant(let value):
                return (Rational(value), true)
            case .value(let id, let period):
                total += 1
                guard let result = result(id, period, cache: &cache), !result.isMissing else {
                    missing += 1
                    return (Rational(0), false)
                }
                switch result.value {
                case .count(let count): return (Rational(count), true)
                case .share(let fraction): return (Rational(100 * fraction.numerator, fraction.denominator), true)
                }
            case .sum(let terms):
                var sum = Rational(0)
                var present = terms.isEmpty
                for term in terms {
                    let part = evaluate(term)
                    sum = sum + part.value
                    present = present || part.present
                }
                return (sum, present)
            }
        }
        let left = evaluate(rule.left)
        let right = evaluate(rule.right)
        let holds: Bool
        switch rule.operator {
        case .compulsoryPair: holds = left.present == right.present
        case .exclusivePair: holds = !(left.present && right.present)
        default:
            switch rule.missingValues {
            case .skipIfAnyValueMissing where missing > 0: return nil
            case .skipIfAllValuesMissing where total > 0 && missing == total: return nil
            default: break
            }
            switch rule.operator {
            case .equal: holds = left.value == right.value
            case .notEqual: holds = left.value != right.value
            case .lessThan: holds = left.value < right.value
            case .lessThanOrEqual: holds = left.value <= right.value
            case .greaterThan: holds = left.value > right.value
            case .greaterThanOrEqual: holds = left.value >= right.value
            case .compulsoryPair, .exclusivePair: holds = true
            }
        }
        if holds { return nil }
        let detail: String
        switch rule.operator {
        case .compulsoryPair:
            detail =
                "\(rule.left) \(left.present ? "has" : "has no") value but \(rule.right) \(right.present ? "has" : "has no") value; both or neither must"
        case .exclusivePair:
            detail = "\(rule.left) and \(rule.right) both have values; at most one may"
        default:
            func show(_ expression: RuleExpression, _ value: Rational) -> String {
                if case .constant = expression { return expression.description }
                return "\(expression) = \(value.text)"
            }
            detail = "\(show(rule.left, left.value)) is not \(rule.operator) \(show(rule.right, right.value))"
        }
        return Finding(
            rule.importance.severity, rule: rule.id, message: "\(rule.title[.english]): \(detail)",
            indicator: (rule.left.references + rule.right.references).first?.indicator)
    }
}
