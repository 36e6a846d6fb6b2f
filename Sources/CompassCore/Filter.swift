/// A condition on records, written as data and combined with `&&`, `||` and `!`.
///
/// Each condition names an attribute and the values it accepts. A condition on an
/// attribute a source's records do not have is reported by catalogue validation,
/// never silently ignored.
///
/// ```swift
/// let returned: Filter = .kinds(.preDeparture, .postArrival, .voluntaryReturn)
/// let girls: Filter = .sex(.female) && .ageGroups(.child)
/// let outsideMali: Filter = !.countries("MLI")
/// ```
public struct Filter: Hashable, Sendable, CustomStringConvertible {
    /// The structure of a filter: one condition, or conditions combined.
    ///
    /// An evaluator reads a filter through its ``Filter/node``; a catalogue writes filters
    /// with the static functions of ``Filter`` and the operators.
    public indirect enum Node: Hashable, Sendable {
        /// Every record.
        case all
        /// Assistance of one of these kinds.
        case kinds(Set<AssistanceKind>)
        /// Survey answers about one of these services.
        case services(Set<SurveyService>)
        /// Survey answers that are "yes" (`true`) or "no" (`false`).
        case satisfied(Bool)
        /// Participations in trainings on one of these topics.
        case topics(Set<TrainingTopic>)
        /// Participations in trainings for one of these audiences.
        case audiences(Set<TrainingAudience>)
        /// Records of people of one of these sexes.
        case sexes(Set<Sex>)
        /// Records of people in one of these age groups at the end of the period.
        case ageGroups(Set<AgeGroup>)
        /// Records made in one of these countries.
        case countries(Set<CountryCode>)
        /// Records of people of one of these nationalities.
        case nationalities(Set<CountryCode>)
        /// Records of people with at least one of these vulnerabilities.
        case vulnerabilities(Set<Vulnerability>)
        /// Participations or disseminations of people from one of these kinds of organisation.
        case organisations(Set<OrganisationType>)
        /// Knowledge products, or their disseminations, of one of these kinds.
        case productKinds(Set<KnowledgeProductKind>)
        /// Visits to one of these platforms, by ``Platform/id``.
        case platforms(Set<String>)
        /// Every one of these conditions.
        case and([Node])
        /// At least one of these conditions.
        case or([Node])
        /// Not this condition.
        case not(Node)
    }

    /// The filter's structure.
    public let node: Node

    init(_ node: Node) { self.node = node }

    /// Every record.
    public static let all = Filter(.all)

    /// Assistance of one of these kinds.
    public static func kinds(_ kinds: AssistanceKind...) -> Filter { Filter(.kinds(Set(kinds))) }
    /// Assistance of one of these kinds.
    public static func kinds(_ kinds: Set<AssistanceKind>) -> Filter { Filter(.kinds(kinds)) }
    /// Survey answers about one of these services.
    public static func services(_ services: SurveyService...) -> Filter { Filter(.services(Set(services))) }
    /// Survey answers that are "yes" (`true`) or "no" (`false`).
    public static func satisfied(_ satisfied: Bool) -> Filter { Filter(.satisfied(satisfied)) }
    /// Participations in trainings on one of these topics.
    public static func topics(_ topics: TrainingTopic...) -> Filter { Filter(.topics(Set(topics))) }
    /// Participations in trainings for one of these audiences.
    public static func audiences(_ audiences: TrainingAudience...) -> Filter { Filter(.audiences(Set(audiences))) }
    /// Records of people of one of these sexes.
    public static func sex(_ sexes: Sex...) -> Filter { Filter(.sexes(Set(sexes))) }
    /// Records of people in one of these age groups at the end of the period.
    public static func ageGroups(_ groups: AgeGroup...) -> Filter { Filter(.ageGroups(Set(groups))) }
    /// Records made in one of these countries.
    public static func countries(_ countries: CountryCode...) -> Filter { Filter(.countries(Set(countries))) }
    /// Records made in one of these countries.
    public static func countries(_ countries: Set<CountryCode>) -> Filter { Filter(.countries(countries)) }
    /// Records of people of one of these nationalities.
    public static func nationalities(_ countries: CountryCode...) -> Filter {
        Filter(.nationalities(Set(countries)))
    }
    /// Records of people with at least one of these vulnerabilities.
    public static func vulnerabilities(_ vulnerabilities: Vulnerability...) -> Filter {
        Filter(.vulnerabilities(Set(vulnerabilities)))
    }
    /// Participations or disseminations of people from one of these kinds of organisation.
    public static func organisations(_ types: OrganisationType...) -> Filter { Filter(.organisations(Set(types))) }
    /// Knowledge products, or their disseminations, of one of these kinds.
    public static func productKinds(_ kinds: KnowledgeProductKind...) -> Filter {
        Filter(.productKinds(Set(kinds)))
    }
    /// Visits to one of these platforms, by ``Platform/id``.
    public static func platforms(_ ids: String...) -> Filter { Filter(.platforms(Set(ids))) }

    /// Survey answers about one of these services.
    public static func services(_ services: Set<SurveyService>) -> Filter { Filter(.services(services)) }
    /// Participations in trainings on one of these topics.
    public static func topics(_ topics: Set<TrainingTopic>) -> Filter { Filter(.topics(topics)) }
    /// Participations in trainings for one of these audiences.
    public static func audiences(_ audiences: Set<TrainingAudience>) -> Filter { Filter(.audiences(audiences)) }
    /// Records of people of one of these sexes.
    public static func sex(_ sexes: Set<Sex>) -> Filter { Filter(.sexes(sexes)) }
    /// Records of people in one of these age groups at the end of the period.
    public static func ageGroups(_ groups: Set<AgeGroup>) -> Filter { Filter(.ageGroups(groups)) }
    /// Records of people of one of these nationalities.
    public static func nationalities(_ countries: Set<CountryCode>) -> Filter { Filter(.nationalities(countries)) }
    /// Records of people with at least one of these vulnerabilities.
    public static func vulnerabilities(_ vulnerabilities: Set<Vulnerability>) -> Filter {
        Filter(.vulnerabilities(vulnerabilities))
    }
    /// Participations or disseminations of people from one of these kinds of organisation.
    public static func organisations(_ types: Set<OrganisationType>) -> Filter { Filter(.organisations(types)) }
    /// Knowledge products, or their disseminations, of one of these kinds.
    public static func productKinds(_ kinds: Set<KnowledgeProductKind>) -> Filter { Filter(.productKinds(kinds)) }
    /// Visits to one of these platforms, by ``Platform/id``.
    public static func platforms(_ ids: Set<String>) -> Filter { Filter(.platforms(ids)) }

    /// Records that pass both filters.
    public static func && (lhs: Filter, rhs: Filter) -> Filter {
        switch (lhs.node, rhs.node) {
        case (.all, _): rhs
        case (_, .all): lhs
        case (.and(let left), .and(let right)): Filter(.and(left + right))
        case (.and(let left), let right): Filter(.and(left + [right]))
        case (let left, .and(let right)): Filter(.and([left] + right))
        case (let left, let right): Filter(.and([left, right]))
        }
    }

    /// Records that pass either filter.
    public static func || (lhs: Filter, rhs: Filter) -> Filter {
        switch (lhs.node, rhs.node) {
        case (.all, _), (_, .all): .all
        case (.or(let left), .or(let right)): Filter(.or(left + right))
        case (.or(let left), let right): Filter(.or(left + [right]))
        case (let left, .or(let right)): Filter(.or([left] + right))
        case (let left, let right): Filter(.or([left, right]))
        }
    }

    /// Records that do not pass the filter.
    public static prefix func ! (filter: Filter) -> Filter {
        if case .not(let inner) = filter.node { return Filter(inner) }
        return Filter(.not(filter.node))
    }

    /// The filter in a readable form, such as `kind in [humanitarian_aid] and sex in [female]`.
    public var description: String { Filter.describe(node) }

    static func describe(_ node: Node) -> String {
        func list<T: CustomStringConvertible>(_ values: Set<T>) -> String {
            "[" + values.map(\.description).sorted().joined(separator: ", ") + "]"
        }
        switch node {
        case .all: return "all"
        case .kinds(let set): return "kind in \(list(set))"
        case .services(let set): return "service in \(list(set))"
        case .satisfied(let value): return "satisfied = \(value ? "yes" : "no")"
        case .topics(let set): return "topic in \(list(set))"
        case .audiences(let set): return "audience in \(list(set))"
        case .sexes(let set): return "sex in \(list(set))"
        case .ageGroups(let set): return "age_group in \(list(set))"
        case .countries(let set): return "country in \(list(set))"
        case .nationalities(let set): return "nationality in \(list(set))"
        case .vulnerabilities(let set): return "vulnerability in \(list(set))"
        case .organisations(let set): return "organisation in \(list(set))"
        case .productKinds(let set): return "product_kind in \(list(set))"
        case .platforms(let set): return "platform in \(list(set))"
        case .and(let parts): return parts.map { "(\(describe($0)))" }.joined(separator: " and ")
        case .or(let parts): return parts.map { "(\(describe($0)))" }.joined(separator: " or ")
        case .not(let inner): return "not (\(describe(inner)))"
        }
    }

    /// The sources whose records have the attribute a leaf condition tests; `nil` for any source.
    static func sources(of node: Node) -> Set<Source>? {
        switch node {
        case .all, .and, .or, .not: nil
        case .kinds: [.assistance]
        case .services, .satisfied: [.surveys]
        case .topics, .audiences: [.trainingParticipants]
        case .sexes: BreakdownDimension.sex.sources
        case .ageGroups, .nationalities, .vulnerabilities: BreakdownDimension.nationality.sources
        case .countries: BreakdownDimension.country.sources
        case .organisations: BreakdownDimension.organisationType.sources
        case .productKinds: BreakdownDimension.productKind.sources
        case .platforms: [.platformVisits]
        }
    }

    /// The leaf conditions that do not apply to `source`, described, for validation.
    public func inapplicableConditions(for source: Source) -> [String] {
        var problems: [String] = []
        func visit(_ node: Node) {
            switch node {
            case .and(let parts), .or(let parts): parts.forEach(visit)
            case .not(let inner): visit(inner)
            default:
                if let sources = Filter.sources(of: node), !sources.contains(source) {
                    problems.append(Filter.describe(node))
                }
            }
        }
        visit(node)
        return problems
    }
}
