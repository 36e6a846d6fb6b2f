import Compass

/// Seeded random datasets with every kind of record and every awkward case:
/// period-edge dates, unknown sex and age, duplicates, dangling references,
/// people assisted in several countries, codes outside ISO 3166-1.
enum RandomData {
    static let programme = Programme.compass

    /// Dates on the edges of years, quarters, months and the programme.
    static let edgeDates: [CalendarDate] = [
        "2020-12-31", "2021-01-01", "2021-03-31", "2021-04-01", "2021-12-31", "2022-01-01", "2022-02-28",
        "2022-03-01", "2022-03-31", "2022-04-01", "2022-06-30", "2022-07-01", "2022-07-31", "2022-08-01",
        "2022-09-30", "2022-10-01", "2022-12-31", "2023-01-01", "2023-06-30", "2023-12-31", "2024-01-01",
        "2024-02-29",
    ]
    static let countries: [CountryCode] = ["MLI", "NER", "LBY", "TUN", "NGA", "ETH", "XKX", "ZZZ"]
    static let platforms = ["yenna", "waka_well", "ctdc", "unlisted"]

    static func date(_ random: inout SeededRandom) -> CalendarDate {
        if random.chance(3, in: 10) { return random.pick(edgeDates) }
        return random.day(in: DateRange("2020-10-01", "2024-03-31")!)
    }

    static func dataset(seed: UInt64, scale: Int = 1) -> Dataset {
        var random = SeededRandom(seed: seed)
        var data = Dataset()
        let migrantCount = 1_000 * scale
        for index in 0..<migrantCount {
            let id = "m\(index % (migrantCount - 5))"  // the last five repeat earlier ids
            var vulnerabilities = Set<Vulnerability>()
            for vulnerability in Vulnerability.allCases where random.chance(1, in: 6) {
                vulnerabilities.insert(vulnerability)
            }
            let birthYear: Int? = random.chance(1, in: 8) ? nil : random.within(1940...2023)
            data.migrants.append(
                Migrant(
                    Migrant.ID(id), sex: random.pick(Sex.allCases), birthYear: birthYear,
                    nationality: random.chance(1, in: 10) ? nil : random.pick(countries),
                    registeredOn: random.chance(1, in: 5) ? nil : date(&random), vulnerabilities: vulnerabilities))
        }
        // Assistance: some people in several countries and kinds; some for unregistered migrants; some duplicates.
        for index in 0..<(3_000 * scale) {
            let person = random.chance(1, in: 40) ? "ghost\(random.below(20))" : "m\(random.below(migrantCount))"
            let id = random.chance(1, in: 100) ? "a\(random.below(max(index, 1)))" : "a\(index)"
            data.assistance.append(
                Assistance(
                    Assistance.ID(id), for: Migrant.ID(person), random.pick(AssistanceKind.allCases), on: date(&random),
                    in: random.pick(countries)))
        }
        for index in 0..<(1_000 * scale) {
            let person = random.chance(1, in: 30) ? "ghost\(random.below(30))" : "m\(random.below(migrantCount))"
            let id = random.chance(1, in: 100) ? "s\(random.below(max(index, 1)))" : "s\(index)"
            data.surveys.append(
                SatisfactionResponse(
                    SatisfactionResponse.ID(id), by: Migrant.ID(person), about: random.pick(SurveyService.allCases),
                    on: date(&random), satisfied: random.chance(4, in: 5)))
        }
        let trainingCount = 120
        for index in 0..<trainingCount {
            let start = date(&random)
            let end =
                random.chance(1, in: 20)
                ? CalendarDate(dayNumber: start.dayNumber - 3) ?? start
                : CalendarDate(dayNumber: start.dayNumber + random.below(4)) ?? start
            let id = index == trainingCount - 1 ? "t0" : "t\(index)"
            data.trainings.append(
                Training(
                    Training.ID(id), topic: random.pick(TrainingTopic.allCases),
                    audience: random.pick(TrainingAudience.allCases), in: random.pick(countries), from: start, to: end))
        }
        for _ in 0..<(1_500 * scale) {
            let training = random.chance(1, in: 50) ? "t-missing" : "t\(random.below(trainingCount))"
            data.participants.append(
                TrainingParticipant(
                    TrainingParticipant.PersonID("p\(random.below(600 * scale))"), in: Training.ID(training),
                    sex: random.chance(1, in: 30) ? random.pick(Sex.allCases) : Sex.allCases[random.below(2)],
                    organisation: random.pick(OrganisationType.allCases)))
        }
        let productCount = 250
        for index in 0..<productCount {
            let id = random.chance(1, in: 30) ? "k\(random.below(max(index, 1)))" : "k\(index)"
            data.knowledgeProducts.append(
                KnowledgeProduct(
                    KnowledgeProduct.ID(id), kind: random.pick(KnowledgeProductKind.allCases),
                    title: "Product \(index)",
                    publishedOn: date(&random)))
        }
        for index in 0..<(1_000 * scale) {
            let id = random.chance(1, in: 50) ? "d\(random.below(max(index, 1)))" : "d\(index)"
            let product = random.chance(1, in: 25) ? "k-missing" : "k\(random.below(productCount))"
            data.disseminations.append(
                Dissemination(
                    Dissemination.ID(id), of: KnowledgeProduct.ID(product), on: date(&random),
                    to: random.pick(OrganisationType.allCases),
                    representatives: random.chance(1, in: 40) ? -random.within(1...5) : random.within(0...60)))
        }
        for index in 0..<(1_000 * scale) {
            let id = random.chance(1, in: 50) ? "e\(random.below(max(index, 1)))" : "e\(index)"
            data.engagements.append(
                Engagement(
                    Engagement.ID(id), on: date(&random), in: random.pick(countries),
                    youth: random.chance(1, in: 40) ? -1 : random.within(0...400),
                    supportNetwork: random.within(0...300)))
        }
        for _ in 0..<1_000 {
            data.platformVisits.append(
                PlatformVisits(
                    random.pick(platforms), year: random.within(2020...2024), month: random.within(0...13),
                    visitors: random.chance(1, in: 40) ? -10 : random.within(0...9_000)))
        }
        random.shuffle(&data.assistance)
        return data
    }

    /// A period of every form, drawn from the seed, with edges on the edge dates.
    static func periods(seed: UInt64) -> [Period] {
        var random = SeededRandom(seed: seed &+ 77)
        let start = random.pick(edgeDates)
        let end = random.pick(edgeDates.filter { $0 >= start })
        return [
            .year(random.within(2021...2023)), .quarter(random.within(2021...2023), random.within(1...4)),
            .month(2022, random.within(1...12)), .programme, .range(DateRange(start, end)!),
        ]
    }
}

/// A filter written twice: as the engine's ``Filter`` and as a plain predicate the naive evaluator applies.
indirect enum FilterSpec: CustomStringConvertible {
    case kinds(Set<AssistanceKind>)
    case services(Set<SurveyService>)
    case satisfied(Bool)
    case topics(Set<TrainingTopic>)
    case audiences(Set<TrainingAudience>)
    case sexes(Set<Sex>)
    case ageGroups(Set<AgeGroup>)
    case countries(Set<CountryCode>)
    case nationalities(Set<CountryCode>)
    case vulnerabilities(Set<Vulnerability>)
    case organisations(Set<OrganisationType>)
    case productKinds(Set<KnowledgeProductKind>)
    case platforms(Set<String>)
    case and(FilterSpec, FilterSpec)
    case or(FilterSpec, FilterSpec)
    case not(FilterSpec)

    var filter: Filter {
        switch self {
        case .kinds(let set): .kinds(set)
        case .services(let set): .services(set)
        case .satisfied(let value): .satisfied(value)
        case .topics(let set): .topics(set)
        case .audiences(let set): .audiences(set)
        case .sexes(let set): .sex(set)
        case .ageGroups(let set): .ageGroups(set)
        case .countries(let set): .countries(set)
        case .nationalities(let set): .nationalities(set)
        case .vulnerabilities(let set): .vulnerabilities(set)
        case .organisations(let set): .organisations(set)
        case .productKinds(let set): .productKinds(set)
        case .platforms(let set): .platforms(set)
        case .and(let a, let b): a.filter && b.filter
        case .or(let a, let b): a.filter || b.filter
        case .not(let inner): !inner.filter
        }
    }

    var description: String { filter.description }

    static func subset<T>(_ values: [T], _ random: inout SeededRandom) -> Set<T> {
        var result = Set<T>()
        for value in values where random.chance(1, in: 2) { result.insert(value) }
        if result.isEmpty { result.insert(random.pick(values)) }
        return result
    }

    /// A random leaf condition that applies to `source`.
    static func leaf(for source: Source, _ random: inout SeededRandom) -> FilterSpec? {
        var options: [(inout SeededRandom) -> FilterSpec] = []
        let person: [(inout SeededRandom) -> FilterSpec] = [
            { .sexes(subset(Sex.allCases, &$0)) }, { .ageGroups(subset(AgeGroup.allCases, &$0)) },
            { .nationalities(subset(RandomData.countries, &$0)) },
            { .vulnerabilities(subset(Vulnerability.allCases, &$0)) },
        ]
        switch source {
        case .migrants: options = person
        case .assistance:
            options =
                person + [
                    { .kinds(subset(AssistanceKind.allCases, &$0)) }, { .countries(subset(RandomData.countries, &$0)) },
                ]
        case .surveys:
            options =
                person + [{ .services(subset(SurveyService.allCases, &$0)) }, { .satisfied($0.chance(1, in: 2)) }]
        case .trainingParticipants:
            options = [
                { .topics(subset(TrainingTopic.allCases, &$0)) },
                { .audiences(subset(TrainingAudience.allCases, &$0)) },
                { .sexes(subset(Sex.allCases, &$0)) }, { .countries(subset(RandomData.countries, &$0)) },
                { .organisations(subset(OrganisationType.allCases, &$0)) },
            ]
        case .knowledgeProducts: options = [{ .productKinds(subset(KnowledgeProductKind.allCases, &$0)) }]
        case .disseminations:
            options = [
                { .productKinds(subset(KnowledgeProductKind.allCases, &$0)) },
                { .organisations(subset(OrganisationType.allCases, &$0)) },
            ]
        case .engagements: options = [{ .countries(subset(RandomData.countries, &$0)) }]
        case .platformVisits: options = [{ .platforms(subset(RandomData.platforms, &$0)) }]
        }
        return random.pick(options)(&random)
    }

    /// A random filter of depth up to two, or `nil` for every record.
    static func random(for source: Source, _ random: inout SeededRandom) -> FilterSpec? {
        guard random.chance(3, in: 4), let first = leaf(for: source, &random) else { return nil }
        switch random.below(4) {
        case 0: return first
        case 1: return leaf(for: source, &random).map { .and(first, $0) }
        case 2: return leaf(for: source, &random).map { .or(first, $0) }
        default: return .not(first)
        }
    }
}

/// An indicator with the filter specs the naive evaluator needs.
struct Spec {
    indirect enum Kind {
        case count(Source, FilterSpec?)
        case distinctPeople(Source, FilterSpec?)
        case sum(Field, FilterSpec?)
        case share(Spec.Kind, Spec.Kind)
    }

    var indicator: Indicator
    var kind: Kind
    var filter: FilterSpec?

    static func measure(_ kind: Kind) -> Measure {
        switch kind {
        case .count(let source, let filter): .count(source, where: filter?.filter ?? .all)
        case .distinctPeople(let source, let filter): .distinctPeople(source, where: filter?.filter ?? .all)
        case .sum(let field, let filter): .sum(field, where: filter?.filter ?? .all)
        case .share(let top, let bottom): .share(measure(top), of: measure(bottom))
        }
    }
}

/// A random catalogue over the COMPASS programme: every measure, several filters, every breakdown, crossed ones, parts, rules.
enum RandomCatalogue {
    static func make(seed: UInt64) -> (catalogue: Catalogue, specs: [Spec]) {
        var random = SeededRandom(seed: seed &* 31 &+ 5)
        var specs: [Spec] = []
        func add(_ kind: Spec.Kind, filter: FilterSpec? = nil, source: Source?, target: Bool = false) {
            let id = Indicator.ID("i\(specs.count)")
            var breakdowns: [BreakdownDimension] = []
            var crosses: [DimensionPair] = []
            if let source {
                let dimensions = BreakdownDimension.allCases.filter { $0.sources.contains(source) }
                breakdowns = dimensions.filter { _ in random.chance(2, in: 3) }
                if dimensions.count >= 2 {
                    for _ in 0..<2 {
                        let first = random.pick(dimensions)
                        let second = random.pick(dimensions.filter { $0 != first })
                        if !crosses.contains(DimensionPair(first, second)) {
                            crosses.append(DimensionPair(first, second))
                        }
                    }
                }
            }
            var baseline: Int?
            var goal: Int?
            if target || random.chance(1, in: 4) {
                baseline = random.chance(1, in: 2) ? random.within(0...20) : nil
                goal = (baseline ?? 0) + random.within(1...80)
            }
            let indicator = Indicator(
                id: id, title: ["en": "Indicator \(specs.count)"], measure: Spec.measure(kind),
                filter: filter?.filter ?? .all, breakdowns: breakdowns, crossBreakdowns: crosses, baseline: baseline,
                target: goal)
            specs.append(Spec(indicator: indicator, kind: kind, filter: filter))
        }
        // Every measure on every source it applies to, with and without filters.
        for source in Source.allCases {
            add(.count(source, nil), source: source)
            add(
                .count(source, FilterSpec.random(for: source, &random)),
                filter: FilterSpec.random(for: source, &random), source: source)
            if source.identifiesPeople {
                add(.distinctPeople(source, nil), source: source)
                add(
                    .distinctPeople(source, FilterSpec.random(for: source, &random)),
                    filter: FilterSpec.random(for: source, &random), source: source)
            }
        }
        for field in Field.allCases {
            add(.sum(field, FilterSpec.random(for: field.source, &random)), source: field.source)
        }
        add(.share(.count(.surveys, .satisfied(true)), .count(.surveys, nil)), source: nil, target: true)
        add(
            .share(.distinctPeople(.assistance, .kinds([.reintegration])), .distinctPeople(.assistance, nil)),
            filter: FilterSpec.random(for: .assistance, &random), source: nil)
        add(.share(.sum(.youth, nil), .sum(.supportNetwork, nil)), source: nil)
        // A distinct-people indicator with parts that cover it, and one whose parts may not.
        let partsStart = specs.count
        let kindGroups: [Set<AssistanceKind>] = [
            [.humanitarianAid], [.comprehensiveAssistance], [.preDeparture, .postArrival, .voluntaryReturn],
            [.reintegration],
        ]
        for group in kindGroups { add(.distinctPeople(.assistance, .kinds(group)), source: .assistance) }
        let partIDs = specs[partsStart...].map(\.indicator.id)
        add(.distinctPeople(.assistance, nil), source: .assistance)
        specs[specs.count - 1].indicator.parts = partIDs
        add(
            .distinctPeople(.assistance, nil), filter: FilterSpec.random(for: .assistance, &random), source: .assistance
        )
        specs[specs.count - 1].indicator.parts = Array(partIDs.prefix(2))
        // Random rules over the indicators.
        var rules: [ValidationRule] = []
        let operators = RuleOperator.allCases
        for index in 0..<8 {
            func expression() -> RuleExpression {
                let pick = random.pick(specs).indicator.id
                switch random.below(4) {
                case 0: return .constant(random.within(0...200))
                case 1: return .value(pick, in: .programmeToDate)
                case 2:
                    return .sum([
                        .value(pick), .value(random.pick(specs).indicator.id), .constant(random.within(0...5)),
                    ])
                default: return .value(pick)
                }
            }
            rules.append(
                ValidationRule(
                    id: "rule-\(index)", title: ["en": "Rule \(index)"], left: expression(), random.pick(operators),
                    right: expression(), importance: random.pick(ValidationRule.Importance.allCases),
                    missingValues: random.pick(ValidationRule.MissingValueStrategy.allCases)))
        }
        return (Catalogue(programme: RandomData.programme, indicators: specs.map(\.indicator), rules: rules), specs)
    }
}
