import Compass

/// A deliberately naive evaluator: plain loops over the dataset's arrays, sets of id strings.
///
/// It shares no code with the engine's store or evaluator: it re-reads the data
/// contract (first record of a duplicated id wins; an unregistered migrant counts
/// with unknown attributes; a participation counts on its training's last day; …)
/// and recomputes every value, cell, overlap, progress and finding from scratch.
struct NaiveEvaluator {
    struct Row {
        var source: Source
        var date: CalendarDate
        var person: String?
        var categories: [BreakdownDimension: [String]]
        var birthYear: Int?
        var satisfied: Bool?
        var audience: TrainingAudience?
        var amounts: [Field: Int] = [:]
    }

    struct Result: Equatable, CustomStringConvertible {
        var numerator: Int
        var denominator: Int?  // set for a share
        var records: Int
        var breakdowns: [BreakdownDimension: [String: Int]] = [:]
        var crosses: [DimensionPair: [String: Int]] = [:]
        var overlap: [Int]?  // part values, then distinct, then people in several parts
        var progress: [Int]?  // numerator, denominator of the progress fraction, reduced sign

        var description: String {
            "value \(numerator)/\(denominator ?? 1) records \(records) breakdowns \(breakdowns) crosses \(crosses) overlap \(overlap ?? []) progress \(progress ?? [])"
        }
    }

    let programme: Programme
    var rows: [Source: [Row]] = [:]
    var findings: [String] = []

    init(_ data: Dataset, programme: Programme) {
        self.programme = programme
        let start = programme.period.start
        let end = programme.period.end
        let iso = CountryCode.iso3166Alpha3
        var findings: [String] = []
        func note(_ severity: String, _ rule: String, _ record: String) {
            findings.append("\(severity) \(rule) \(record)")
        }
        func dated(_ date: CalendarDate, _ record: String) {
            if date < start || date > end { note("warning", "date-outside-programme", record) }
        }
        func country(_ code: CountryCode, _ record: String) {
            if !iso.contains(code.code) { note("warning", "unknown-code", record) }
        }

        // Migrants: the first record of an id is the person.
        var people: [String: Migrant] = [:]
        var registered: [Migrant] = []
        for migrant in data.migrants {
            let record = "migrants \(migrant.id.rawValue)"
            if people[migrant.id.rawValue] != nil {
                note("error", "duplicate-id", record)
                continue
            }
            people[migrant.id.rawValue] = migrant
            registered.append(migrant)
            if let nationality = migrant.nationality { country(nationality, record) }
            if let day = migrant.registeredOn {
                dated(day, record)
                if let year = migrant.birthYear, year > day.year { note("error", "impossible-value", record) }
            }
        }
        func personCategories(_ migrant: Migrant?) -> [BreakdownDimension: [String]] {
            let vulnerabilities = (migrant?.vulnerabilities ?? []).map(\.rawValue)
            return [
                .sex: [(migrant?.sex ?? .unknown).rawValue],
                .nationality: [migrant?.nationality?.code ?? "unknown"],
                .vulnerability: vulnerabilities.isEmpty ? ["none"] : vulnerabilities,
            ]
        }
        var migrantRows: [Row] = []
        for migrant in registered {
            migrantRows.append(
                Row(
                    source: .migrants, date: migrant.registeredOn ?? CalendarDate(year: 1, month: 1, day: 1)!,
                    person: migrant.id.rawValue, categories: personCategories(migrant), birthYear: migrant.birthYear))
        }
        // Records naming migrants; an unregistered one is reported once, at its first record.
        var ghosts = Set<String>()
        func named(_ id: String, _ record: String, _ date: CalendarDate) -> Migrant? {
            guard let migrant = people[id] else {
                if ghosts.insert(id).inserted { note("warning", "unknown-migrant", record) }
                return nil
            }
            if let year = migrant.birthYear, year > date.year { note("error", "impossible-value", record) }
            return migrant
        }
        var assistanceRows: [Row] = []
        var seen = Set<String>()
        for assistance in data.assistance {
            let record = "assistance \(assistance.id.rawValue)"
            guard seen.insert(assistance.id.rawValue).inserted else {
                note("error", "duplicate-id", record)
                continue
            }
            let migrant = named(assistance.migrant.rawValue, record, assistance.date)
            dated(assistance.date, record)
            country(assistance.country, record)
            var categories = personCategories(migrant)
            categories[.country] = [assistance.country.code]
            categories[.assistanceKind] = [assistance.kind.rawValue]
            assistanceRows.append(
                Row(
                    source: .assistance, date: assistance.date, person: assistance.migrant.rawValue,
                    categories: categories, birthYear: migrant?.birthYear))
        }
        var surveyRows: [Row] = []
        seen = []
        for survey in data.surveys {
            let record = "surveys \(survey.id.rawValue)"
            guard seen.insert(survey.id.rawValue).inserted else {
                note("error", "duplicate-id", record)
                continue
            }
            let migrant = named(survey.migrant.rawValue, record, survey.date)
            dated(survey.date, record)
            var categories = personCategories(migrant)
            categories[.service] = [survey.service.rawValue]
            surveyRows.append(
                Row(
                    source: .surveys, date: survey.date, person: survey.migrant.rawValue, categories: categories,
                    birthYear: migrant?.birthYear, satisfied: survey.satisfied))
        }
        // Trainings and their participants.
        var trainings: [String: Training] = [:]
        for training in data.trainings {
            let record = "trainings \(training.id.rawValue)"
            if trainings[training.id.rawValue] != nil {
                note("error", "duplicate-id", record)
                continue
            }
            if training.endDate < training.startDate { note("error", "impossible-value", record) }
            dated(training.endDate, record)
            country(training.country, record)
            trainings[training.id.rawValue] = training
        }
        var participations = Set<String>()
        var traineeSex: [String: Sex] = [:]
        var participantRows: [Row] = []
        for participant in data.participants {
            let record = "training_participants \(participant.training.rawValue)/\(participant.person.rawValue)"
            guard let training = trainings[participant.training.rawValue] else {
                note("error", "unknown-training", record)
                continue
            }
            guard participations.insert(participant.training.rawValue + "\u{1}" + participant.person.rawValue).inserted
            else {
                note("error", "duplicate-id", record)
                continue
            }
            if let first = traineeSex[participant.person.rawValue] {
                if first != participant.sex { note("warning", "inconsistent-person", record) }
            } else {
                traineeSex[participant.person.rawValue] = participant.sex
            }
            participantRows.append(
                Row(
                    source: .trainingParticipants, date: training.endDate, person: participant.person.rawValue,
                    categories: [
                        .sex: [traineeSex[participant.person.rawValue]!.rawValue],
                        .country: [training.country.code], .trainingTopic: [training.topic.rawValue],
                        .organisationType: [participant.organisation.rawValue],
                    ], audience: training.audience))
        }
        // Knowledge products and disseminations.
        var products: [String: KnowledgeProduct] = [:]
        var productRows: [Row] = []
        for product in data.knowledgeProducts {
            let record = "knowledge_products \(product.id.rawValue)"
            if products[product.id.rawValue] != nil {
                note("error", "duplicate-id", record)
                continue
            }
            dated(product.date, record)
            products[product.id.rawValue] = product
            productRows.append(
                Row(source: .knowledgeProducts, date: product.date, categories: [.productKind: [product.kind.rawValue]])
            )
        }
        var disseminationRows: [Row] = []
        seen = []
        for dissemination in data.disseminations {
            let record = "disseminations \(dissemination.id.rawValue)"
            guard seen.insert(dissemination.id.rawValue).inserted else {
                note("error", "duplicate-id", record)
                continue
            }
            if dissemination.representatives < 0 {
                note("error", "impossible-value", record)
                continue
            }
            dated(dissemination.date, record)
            let product = products[dissemination.product.rawValue]
            if product == nil { note("warning", "unknown-product", record) }
            disseminationRows.append(
                Row(
                    source: .disseminations, date: dissemination.date,
                    categories: [
                        .productKind: [product?.kind.rawValue ?? "unknown"],
                        .organisationType: [dissemination.audience.rawValue],
                    ], amounts: [.representatives: dissemination.representatives]))
        }
        var engagementRows: [Row] = []
        seen = []
        for engagement in data.engagements {
            let record = "engagements \(engagement.id.rawValue)"
            guard seen.insert(engagement.id.rawValue).inserted else {
                note("error", "duplicate-id", record)
                continue
            }
            if engagement.youth < 0 || engagement.supportNetwork < 0 {
                note("error", "impossible-value", record)
                continue
            }
            dated(engagement.date, record)
            country(engagement.country, record)
            engagementRows.append(
                Row(
                    source: .engagements, date: engagement.date, categories: [.country: [engagement.country.code]],
                    amounts: [.youth: engagement.youth, .supportNetwork: engagement.supportNetwork]))
        }
        var visitRows: [Row] = []
        seen = []
        let declared = Set(programme.platforms.map(\.id))
        for visits in data.platformVisits {
            let record = "platform_visits \(visits.platform) \(visits.year)-\(visits.month)"
            guard (1...12).contains(visits.month),
                let day = CalendarDate(year: visits.year, month: visits.month, day: 1)
            else {
                note("error", "impossible-value", record)
                continue
            }
            guard seen.insert("\(visits.platform) \(day)").inserted else {
                note("error", "duplicate-id", record)
                continue
            }
            if visits.visitors < 0 {
                note("error", "impossible-value", record)
                continue
            }
            dated(day, record)
            if !declared.contains(visits.platform) { note("warning", "unknown-code", record) }
            visitRows.append(
                Row(
                    source: .platformVisits, date: day, categories: [.platform: [visits.platform]],
                    amounts: [.visitors: visits.visitors]))
        }
        rows = [
            .migrants: migrantRows, .assistance: assistanceRows, .surveys: surveyRows,
            .trainingParticipants: participantRows, .knowledgeProducts: productRows,
            .disseminations: disseminationRows, .engagements: engagementRows, .platformVisits: visitRows,
        ]
        self.findings = findings.sorted()
    }

    // MARK: Evaluation

    /// The categories of a row for a dimension; the age group is computed at the period's last year.
    func categories(_ row: Row, _ dimension: BreakdownDimension, endYear: Int) -> [String] {
        if dimension == .ageGroup {
            guard row.source == .migrants || row.source == .assistance || row.source == .surveys else { return [] }
            guard let year = row.birthYear else { return ["unknown"] }
            let age = endYear - year
            if age < 18 { return ["child"] }
            if age < 60 { return ["adult"] }
            return ["older"]
        }
        return row.categories[dimension] ?? []
    }

    func matches(_ spec: FilterSpec?, _ row: Row, endYear: Int) -> Bool {
        guard let spec else { return true }
        func any(_ dimension: BreakdownDimension, _ codes: [String]) -> Bool {
            categories(row, dimension, endYear: endYear).contains { codes.contains($0) }
        }
        switch spec {
        case .kinds(let set): return any(.assistanceKind, set.map(\.rawValue))
        case .services(let set): return any(.service, set.map(\.rawValue))
        case .satisfied(let value): return row.satisfied == value
        case .topics(let set): return any(.trainingTopic, set.map(\.rawValue))
        case .audiences(let set): return row.audience.map { set.contains($0) } ?? false
        case .sexes(let set): return any(.sex, set.map(\.rawValue))
        case .ageGroups(let set): return any(.ageGroup, set.map(\.rawValue))
        case .countries(let set): return any(.country, set.map(\.code))
        case .nationalities(let set): return any(.nationality, set.map(\.code))
        case .vulnerabilities(let set): return any(.vulnerability, set.map(\.rawValue))
        case .organisations(let set): return any(.organisationType, set.map(\.rawValue))
        case .productKinds(let set): return any(.productKind, set.map(\.rawValue))
        case .platforms(let set): return any(.platform, Array(set))
        case .and(let a, let b): return matches(a, row, endYear: endYear) && matches(b, row, endYear: endYear)
        case .or(let a, let b): return matches(a, row, endYear: endYear) || matches(b, row, endYear: endYear)
        case .not(let inner): return !matches(inner, row, endYear: endYear)
        }
    }

    /// The rows of a simple measure that count in `dates`.
    func selected(_ kind: Spec.Kind, _ filter: FilterSpec?, dates: DateRange) -> [Row] {
        let source: Source
        let own: FilterSpec?
        switch kind {
        case .count(let s, let f), .distinctPeople(let s, let f):
            (source, own) = (s, f)
        case .sum(let field, let f):
            (source, own) = (field.source, f)
        case .share:
            return []
        }
        var result: [Row] = []
        for row in rows[source] ?? [] {
            guard row.date >= dates.start, row.date <= dates.end else { continue }
            guard matches(own, row, endYear: dates.end.year), matches(filter, row, endYear: dates.end.year) else {
                continue
            }
            result.append(row)
        }
        return result
    }

    func total(_ kind: Spec.Kind, _ filter: FilterSpec?, dates: DateRange) -> (value: Int, records: Int) {
        let chosen = selected(kind, filter, dates: dates)
        switch kind {
        case .distinctPeople: return (Set(chosen.compactMap(\.person)).count, chosen.count)
        case .sum(let field, _): return (chosen.reduce(0) { $0 + ($1.amounts[field] ?? 0) }, chosen.count)
        default: return (chosen.count, chosen.count)
        }
    }

    func evaluate(_ spec: Spec, dates: DateRange, catalogue: [Spec]) -> Result {
        let indicator = spec.indicator
        var result: Result
        if case .share(let top, let bottom) = spec.kind {
            let numerator = total(top, spec.filter, dates: dates)
            let denominator = total(bottom, spec.filter, dates: dates)
            result = Result(numerator: numerator.value, denominator: denominator.value, records: denominator.records)
        } else {
            let chosen = selected(spec.kind, spec.filter, dates: dates)
            let isPeople: Bool
            if case .distinctPeople = spec.kind { isPeople = true } else { isPeople = false }
            var field: Field?
            if case .sum(let f, _) = spec.kind { field = f }
            func amount(_ row: Row) -> Int { field.map { row.amounts[$0] ?? 0 } ?? 1 }
            let value = isPeople ? Set(chosen.compactMap(\.person)).count : chosen.reduce(0) { $0 + amount($1) }
            result = Result(numerator: value, records: chosen.count)
            let year = dates.end.year
            for dimension in indicator.breakdowns {
                var people: [String: Set<String>] = [:]
                var sums: [String: Int] = [:]
                for row in chosen {
                    for category in categories(row, dimension, endYear: year) {
                        if isPeople {
                            people[category, default: []].insert(row.person ?? "")
                        } else {
                            sums[category, default: 0] += amount(row)
                        }
                    }
                }
                let cells = isPeople ? people.mapValues(\.count) : sums
                result.breakdowns[dimension] = cells.filter { $0.value != 0 }
            }
            for pair in indicator.crossBreakdowns {
                var people: [String: Set<String>] = [:]
                var sums: [String: Int] = [:]
                for row in chosen {
                    for first in categories(row, pair.first, endYear: year) {
                        for second in categories(row, pair.second, endYear: year) {
                            let key = first + "|" + second
                            if isPeople {
                                people[key, default: []].insert(row.person ?? "")
                            } else {
                                sums[key, default: 0] += amount(row)
                            }
                        }
                    }
                }
                let cells = isPeople ? people.mapValues(\.count) : sums
                result.crosses[pair] = cells.filter { $0.value != 0 }
            }
            if !indicator.parts.isEmpty {
                var values: [Int] = []
                var times: [String: Int] = [:]
                for id in indicator.parts {
                    guard let part = catalogue.first(where: { $0.indicator.id == id }) else { continue }
                    let members = Set(selected(part.kind, part.filter, dates: dates).compactMap(\.person))
                    values.append(members.count)
                    for member in members { times[member, default: 0] += 1 }
                }
                result.overlap = values + [value, times.values.filter { $0 > 1 }.count]
            }
        }
        if let target = indicator.target {
            let base = indicator.baseline ?? 0
            if let denominator = result.denominator {
                if denominator > 0 {
                    result.progress = reduced(
                        100 * result.numerator - base * denominator, (target - base) * denominator)
                }
            } else {
                result.progress = reduced(result.numerator - base, target - base)
            }
        }
        return result
    }

    func reduced(_ numerator: Int, _ denominator: Int) -> [Int] {
        var a = abs(numerator)
        var b = abs(denominator)
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = max(a, 1)
        let sign = denominator < 0 ? -1 : 1
        return [sign * numerator / divisor, sign * denominator / divisor]
    }

    // MARK: Built-in and catalogue rules

    /// The findings of the built-in rules and the catalogue's rules, as `severity rule indicator` lines, sorted.
    func ruleFindings(_ specs: [Spec], rules: [ValidationRule], dates: DateRange, results: [Indicator.ID: Result])
        -> [String]
    {
        var lines: [String] = []
        for spec in specs {
            let id = spec.indicator.id
            guard let result = results[id] else { continue }
            func reconcile(_ cells: [String: Int], overlapping: Bool) {
                let sum = cells.values.reduce(0, +)
                if sum == result.numerator { return }
                lines.append("\(overlapping && sum > result.numerator ? "note" : "error") breakdown-reconciles \(id)")
            }
            let people: Bool
            if case .distinctPeople = spec.kind { people = true } else { people = false }
            func overlapping(_ dimension: BreakdownDimension) -> Bool {
                dimension == .vulnerability
                    || (people && ![.sex, .ageGroup, .nationality].contains(dimension))
            }
            for dimension in spec.indicator.breakdowns {
                reconcile(result.breakdowns[dimension] ?? [:], overlapping: overlapping(dimension))
            }
            for pair in spec.indicator.crossBreakdowns {
                reconcile(result.crosses[pair] ?? [:], overlapping: overlapping(pair.first) || overlapping(pair.second))
            }
            if let denominator = result.denominator, denominator > 0, result.numerator > denominator {
                lines.append("error share-in-range \(id)")
            }
            if let overlap = result.overlap {
                let parts = overlap.dropLast(2)
                let distinct = overlap[overlap.count - 2]
                if !((parts.max() ?? 0) <= distinct && distinct <= parts.reduce(0, +)) {
                    lines.append("error parts-bound-total \(id)")
                }
            }
        }
        for rule in rules {
            var missing = 0
            var total = 0
            func side(_ expression: RuleExpression) -> (n: Int, d: Int, present: Bool) {
                switch expression {
                case .constant(let value): return (value, 1, true)
                case .value(let id, let period):
                    total += 1
                    let range: DateRange?
                    switch period {
                    case .report: range = dates
                    case .programmeToDate: range = DateRange(programme.period.start, dates.end)
                    case .fixed(let fixed): range = fixed.dates(programme: programme.period)
                    }
                    guard let range, let spec = specs.first(where: { $0.indicator.id == id }) else {
                        missing += 1
                        return (0, 1, false)
                    }
                    let result = period == .report ? results[id]! : evaluate(spec, dates: range, catalogue: specs)
                    if result.records == 0 || result.denominator == 0 {
                        missing += 1
                        return (0, 1, false)
                    }
                    if let denominator = result.denominator { return (100 * result.numerator, denominator, true) }
                    return (result.numerator, 1, true)
                case .sum(let terms):
                    var n = 0
                    var d = 1
                    var present = terms.isEmpty
                    for term in terms {
                        let part = side(term)
                        n = n * part.d + part.n * d
                        d *= part.d
                        present = present || part.present
                    }
                    return (n, d, present)
                }
            }
            let left = side(rule.left)
            let right = side(rule.right)
            let difference = left.n * right.d - right.n * left.d  // sign of left − right
            var broken: Bool
            switch rule.operator {
            case .compulsoryPair: broken = left.present != right.present
            case .exclusivePair: broken = left.present && right.present
            case .equal: broken = difference != 0
            case .notEqual: broken = difference == 0
            case .lessThan: broken = difference >= 0
            case .lessThanOrEqual: broken = difference > 0
            case .greaterThan: broken = difference <= 0
            case .greaterThanOrEqual: broken = difference < 0
            }
            if rule.operator != .compulsoryPair && rule.operator != .exclusivePair {
                if rule.missingValues == .skipIfAnyValueMissing && missing > 0 { broken = false }
                if rule.missingValues == .skipIfAllValuesMissing && total > 0 && missing == total { broken = false }
            }
            if broken {
                let severity = rule.importance == .high ? "error" : rule.importance == .medium ? "warning" : "note"
                let first = (rule.left.references + rule.right.references).first?.indicator.rawValue ?? "-"
                lines.append("\(severity) \(rule.id) \(first)")
            }
        }
        return lines.sorted()
    }
}
