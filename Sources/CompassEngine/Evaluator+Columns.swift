import CompassCore

extension Evaluator {

    func dateColumn(_ source: Source) -> [Int32] {
        switch source {
        case .migrants: store.migrantRegistered
        case .assistance: store.assistanceDate
        case .surveys: store.surveyDate
        case .trainingParticipants: store.participationDate
        case .knowledgeProducts: store.productDate
        case .disseminations: store.disseminationDate
        case .engagements: store.engagementDate
        case .platformVisits: store.visitDate
        }
    }

    func personColumn(_ source: Source) -> RowReader {
        switch source {
        case .assistance:
            let column = store.assistancePerson
            return { column[$0] }
        case .surveys:
            let column = store.surveyPerson
            return { column[$0] }
        case .trainingParticipants:
            let column = store.participationPerson
            return { column[$0] }
        default:
            return { Int32($0) }
        }
    }

    func fieldColumn(_ field: Field) -> (Int) -> Int {
        let column: [Int]
        switch field {
        case .representatives: column = store.disseminationRepresentatives
        case .youth: column = store.engagementYouth
        case .supportNetwork: column = store.engagementSupportNetwork
        case .visitors: column = store.visitCount
        }
        return { column[$0] }
    }

    /// The age group ordinal of a birth year at the end of the period.
    func ageGroup(_ birthYear: Int32) -> Int32 {
        Int32(AgeGroup(birthYear: birthYear == 0 ? nil : Int(birthYear), referenceYear: dates.end.year).ordinal)
    }

    /// Reads a single-valued dimension of a row; `nil` for vulnerability, which is multi-valued.
    func rowReader(_ dimension: BreakdownDimension, _ source: Source) -> RowReader? {
        if dimension.describesPerson {
            guard dimension != .vulnerability,
                let person = personCategory(dimension, trainees: source == .trainingParticipants)
            else {
                return nil
            }
            let personOf = personColumn(source)
            return { person(personOf($0)) }
        }
        func ordinal(_ column: [UInt8]) -> RowReader { { Int32(column[$0]) } }
        func number(_ column: [Int32]) -> RowReader { { column[$0] } }
        switch (dimension, source) {
        case (.country, .assistance):
            let column = store.assistanceCountry
            return { Int32(column[$0]) }
        case (.country, .trainingParticipants): return number(store.participationCountry)
        case (.country, .engagements): return number(store.engagementCountry)
        case (.assistanceKind, _): return ordinal(store.assistanceKind)
        case (.service, _): return ordinal(store.surveyService)
        case (.trainingTopic, _): return ordinal(store.participationTopic)
        case (.organisationType, .trainingParticipants): return ordinal(store.participationOrganisation)
        case (.organisationType, .disseminations): return ordinal(store.disseminationAudience)
        case (.productKind, .knowledgeProducts): return ordinal(store.productKind)
        case (.productKind, .disseminations): return number(store.disseminationProductKind)
        case (.platform, _): return number(store.visitPlatform)
        default: return nil
        }
    }

    /// Reads every category of a row for a dimension (several for vulnerability).
    func rowCategories(_ dimension: BreakdownDimension, _ source: Source) -> (Int) -> Categories {
        if dimension == .vulnerability {
            let personOf = personColumn(source)
            let categories = personCategories(.vulnerability, trainees: false)
            return { categories(Int(personOf($0))) }
        }
        guard let reader = rowReader(dimension, source) else { return { _ in Categories() } }
        return { Categories(one: reader($0)) }
    }

    /// The bytes that hold a dimension's category of each row of `source`, by row or (with
    /// `persons`) by the row's person, for the loops that read the commonest columns without a
    /// closure per row; `nil` for any other dimension, which `rowReader(_:_:)` reads (the same
    /// categories).
    func byteColumn(_ dimension: BreakdownDimension, _ source: Source) -> (values: [UInt8], persons: [Int32]?)? {
        switch (dimension, source) {
        case (.sex, .assistance): (store.migrantSex, store.assistancePerson)
        case (.assistanceKind, .assistance): (store.assistanceKind, nil)
        default: nil
        }
    }

    /// Reads a single-valued person dimension from a person number.
    func personCategory(_ dimension: BreakdownDimension, trainees: Bool) -> ((Int32) -> Int32)? {
        switch dimension {
        case .sex:
            let column = trainees ? store.traineeSex : store.migrantSex
            return { Int32(column[Int($0)]) }
        case .ageGroup where !trainees:
            let column = store.migrantBirthYear
            return { ageGroup(Int32(column[Int($0)])) }
        case .nationality where !trainees:
            let column = store.migrantNationality
            return { Int32(column[Int($0)]) }
        default:
            return nil
        }
    }

    /// Reads every category of a person for a dimension; a person with no vulnerability is in category -1.
    func personCategories(_ dimension: BreakdownDimension, trainees: Bool) -> (Int) -> Categories {
        if dimension == .vulnerability {
            let column = store.migrantVulnerabilities
            return { person in
                let mask = column[person]
                guard mask != 0 else { return Categories(one: Store.unknown) }
                return Categories(members: mask)
            }
        }
        guard let reader = personCategory(dimension, trainees: trainees) else { return { _ in Categories() } }
        return { Categories(one: reader(Int32($0))) }
    }

    // MARK: Filters

    /// Compiles a filter into a test of one row of `source`.
    ///
    /// Catalogue validation has rejected conditions a source cannot answer; should
    /// one reach here anyway it matches no row, so nothing is counted by mistake.
    func predicate(_ node: Filter.Node, _ source: Source) -> (Int) -> Bool {
        // Masks are built in a `var` and captured as a `let`: a captured `var` is boxed and checked on every row.
        func member<T: Code>(_ set: Set<T>, _ dimension: BreakdownDimension) -> (Int) -> Bool {
            var bits: UInt64 = 0
            for value in set { bits |= 1 << UInt64(value.ordinal) }
            let mask = bits
            guard let reader = rowReader(dimension, source) else { return { _ in false } }
            return { row in
                let category = reader(row)
                return category >= 0 && mask & (1 << UInt64(category)) != 0
            }
        }
        func numbers(_ interner: Interner, _ values: [String], _ reader: RowReader?) -> (Int) -> Bool {
            let accepted = Set(values.compactMap { interner.number(of: $0) })
            guard let reader else { return { _ in false } }
            return { accepted.contains(reader($0)) }
        }
        switch node {
        case .all:
            return { _ in true }
        case .kinds(let set):
            return member(set, .assistanceKind)
        case .services(let set):
            return member(set, .service)
        case .satisfied(let wanted):
            guard source == .surveys else { return { _ in false } }
            let column = store.surveySatisfied
            return { column[$0] == wanted }
        case .topics(let set):
            return member(set, .trainingTopic)
        case .audiences(let set):
            guard source == .trainingParticipants else { return { _ in false } }
            var bits: UInt64 = 0
            for value in set { bits |= 1 << UInt64(value.ordinal) }
            let mask = bits
            let column = store.participationAudience
            return { mask & (1 << UInt64(column[$0])) != 0 }
        case .sexes(let set):
            return member(set, .sex)
        case .ageGroups(let set):
            return member(set, .ageGroup)
        case .countries(let set):
            return numbers(store.countries, set.map(\.code), rowReader(.country, source))
        case .nationalities(let set):
            return numbers(store.countries, set.map(\.code), rowReader(.nationality, source))
        case .vulnerabilities(let set):
            guard BreakdownDimension.vulnerability.sources.contains(source) else { return { _ in false } }
            var bits: UInt8 = 0
            for value in set { bits |= 1 << UInt8(value.ordinal) }
            let mask = bits
            let personOf = personColumn(source)
            let column = store.migrantVulnerabilities
            return { column[Int(personOf($0))] & mask != 0 }
        case .organisations(let set):
            return member(set, .organisationType)
        case .productKinds(let set):
            return member(set, .productKind)
        case .platforms(let set):
            return numbers(store.platforms, Array(set), rowReader(.platform, source))
        case .and(let parts):
            let tests = parts.map { predicate($0, source) }
            return { row in tests.allSatisfy { $0(row) } }
        case .or(let parts):
            let tests = parts.map { predicate($0, source) }
            return { row in tests.contains { $0(row) } }
        case .not(let inner):
            let test = predicate(inner, source)
            return { !test($0) }
        }
    }

    // MARK: Categories

    func breakdown(_ dimension: BreakdownDimension, cells counts: [Int32: Int], total: Int, overlap: Bool) -> Breakdown
    {
        let entries = counts.filter { $0.value != 0 }.map {
            (category: self.category(dimension, $0.key), value: $0.value)
        }
        .sorted { sortKey(dimension, $0.category) < sortKey(dimension, $1.category) }
        let sum = entries.reduce(0) { $0 + $1.value }
        let percents = Apportionment.largestRemainder(entries.map(\.value))
        let cells = zip(entries, percents).map { entry, percent in
            Cell(
                category: entry.category, value: entry.value, fraction: Fraction(entry.value, over: sum),
                percent: sum > 0 ? percent : nil)
        }
        return Breakdown(dimension: dimension, cells: cells, total: total, categoriesOverlap: overlap)
    }

    func crossBreakdown(_ pair: DimensionPair, cells counts: [Int64: Int], total: Int, overlap: Bool) -> CrossBreakdown
    {
        let entries = counts.filter { $0.value != 0 }.map { key, value in
            (
                first: category(pair.first, Int32(truncatingIfNeeded: key >> 32)),
                second: category(pair.second, Int32(bitPattern: UInt32(truncatingIfNeeded: key))), value: value
            )
        }
        .sorted { a, b in
            let (firstA, firstB) = (sortKey(pair.first, a.first), sortKey(pair.first, b.first))
            if firstA != firstB { return firstA.lexicographicallyPrecedes(firstB) }
            return sortKey(pair.second, a.second).lexicographicallyPrecedes(sortKey(pair.second, b.second))
        }
        let sum = entries.reduce(0) { $0 + $1.value }
        let percents = Apportionment.largestRemainder(entries.map(\.value))
        let cells = zip(entries, percents).map { entry, percent in
            CrossCell(
                first: entry.first, second: entry.second, value: entry.value,
                fraction: Fraction(entry.value, over: sum),
                percent: sum > 0 ? percent : nil)
        }
        return CrossBreakdown(dimensions: pair, cells: cells, total: total, categoriesOverlap: overlap)
    }

    static let unknownLabel: LocalizedText = ["en": "Unknown", "fr": "Inconnu"]

    func category(_ dimension: BreakdownDimension, _ number: Int32) -> Category {
        func code<T: Code>(_ type: T.Type) -> Category {
            guard number >= 0, Int(number) < T.allCases.count else {
                return Category(dimension: dimension, code: "unknown", label: Evaluator.unknownLabel)
            }
            let value = T.allCases[Int(number)]
            return Category(dimension: dimension, code: value.code, label: value.label)
        }
        switch dimension {
        case .sex: return code(Sex.self)
        case .ageGroup: return code(AgeGroup.self)
        case .vulnerability:
            if number < 0 {
                return Category(
                    dimension: dimension, code: "none",
                    label: ["en": "None recorded", "fr": "Aucune enregistrée"])
            }
            return code(Vulnerability.self)
        case .assistanceKind: return code(AssistanceKind.self)
        case .service: return code(SurveyService.self)
        case .trainingTopic: return code(TrainingTopic.self)
        case .organisationType: return code(OrganisationType.self)
        case .productKind: return code(KnowledgeProductKind.self)
        case .country, .nationality:
            guard number >= 0, let country = CountryCode(store.countries.values[Int(number)]) else {
                return Category(dimension: dimension, code: "unknown", label: Evaluator.unknownLabel)
            }
            return Category(dimension: dimension, code: country.code, label: country.name)
        case .platform:
            let id = store.platforms.values[Int(number)]
            let name = platforms.first { $0.id == id }?.name ?? LocalizedText(stringLiteral: id)
            return Category(dimension: dimension, code: id, label: name)
        }
    }

    /// Orders cells: codes in their canonical order, countries by code, platforms in programme order; unknown last.
    func sortKey(_ dimension: BreakdownDimension, _ category: Category) -> [Int] {
        if category.code == "unknown" || category.code == "none" { return [1, 0] }
        switch dimension {
        case .country, .nationality:
            return [0] + category.code.unicodeScalars.map { Int($0.value) }
        case .platform:
            return [0, platforms.firstIndex { $0.id == category.code } ?? platforms.count]
                + category.code.unicodeScalars.map { Int($0.value) }
        default:
            return [0, ordinal(dimension, category.code)]
        }
    }

    func ordinal(_ dimension: BreakdownDimension, _ code: String) -> Int {
        func find<T: Code>(_ type: T.Type) -> Int { T(code: code)?.ordinal ?? Int.max }
        switch dimension {
        case .sex: return find(Sex.self)
        case .ageGroup: return find(AgeGroup.self)
        case .vulnerability: return find(Vulnerability.self)
        case .assistanceKind: return find(AssistanceKind.self)
        case .service: return find(SurveyService.self)
        case .trainingTopic: return find(TrainingTopic.self)
        case .organisationType: return find(OrganisationType.self)
        case .productKind: return find(KnowledgeProductKind.self)
        case .country, .nationality, .platform: return 0
        }
    }
}
