/// A kind of record an indicator counts.
public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
    /// `migrants.csv`: one row per person registered.
    case migrants
    /// `assistance.csv`: one row per service delivered.
    case assistance
    /// `surveys.csv`: one row per satisfaction survey answer.
    case surveys
    /// `training_participants.csv`, joined to `trainings.csv`: one row per person per training.
    case trainingParticipants = "training_participants"
    /// `knowledge_products.csv`: one row per product.
    case knowledgeProducts = "knowledge_products"
    /// `disseminations.csv`: one row per presentation of a product.
    case disseminations
    /// `engagements.csv`: one row per outreach activity, with aggregate counts.
    case engagements
    /// `platform_visits.csv`: one row per platform and month, with an aggregate count.
    case platformVisits = "platform_visits"

    /// Whether the source's rows name a person, so that distinct people can be counted.
    public var identifiesPeople: Bool {
        switch self {
        case .migrants, .assistance, .surveys, .trainingParticipants: true
        default: false
        }
    }
}

/// An aggregate count carried by a record, which a ``Measure/sum(_:where:)`` adds up.
public enum Field: String, Hashable, Sendable, Codable, CaseIterable {
    /// ``Dissemination/representatives``.
    case representatives
    /// ``Engagement/youth``.
    case youth
    /// ``Engagement/supportNetwork``.
    case supportNetwork = "support_network"
    /// ``PlatformVisits/visitors``.
    case visitors

    /// The source whose records carry the field.
    public var source: Source {
        switch self {
        case .representatives: .disseminations
        case .youth, .supportNetwork: .engagements
        case .visitors: .platformVisits
        }
    }

    /// What the field counts.
    public var unit: Indicator.Unit { self == .visitors ? .visitors : .people }
}

extension Indicator {
    /// What an indicator's value counts, derived from its measure.
    public enum Unit: String, Hashable, Sendable, Codable {
        /// Distinct people, or an aggregate count of people.
        case people
        /// Records, such as services delivered or products published.
        case records
        /// Visitors to online platforms, which may include the same person more than once.
        case visitors
        /// A share, in percent.
        case percent

        /// The unit's name in English and French.
        public var label: LocalizedText {
            switch self {
            case .people: ["en": "people", "fr": "personnes"]
            case .records: ["en": "records", "fr": "enregistrements"]
            case .visitors: ["en": "visitors", "fr": "visiteurs"]
            case .percent: ["en": "percent", "fr": "pour cent"]
            }
        }
    }
}

/// How an indicator's value is computed from the records of a period.
///
/// A measure is data: it can be listed, compared, validated and written as JSON.
///
/// ```swift
/// // People who received humanitarian aid, each counted once.
/// let aided = Measure.distinctPeople(.assistance, where: .kinds(.humanitarianAid))
/// // The share of protection survey answers that are "yes".
/// let satisfaction = Measure.share(
///     .count(.surveys, where: .services(.protection) && .satisfied(true)),
///     of: .count(.surveys, where: .services(.protection)))
/// ```
public indirect enum Measure: Hashable, Sendable {
    /// The number of records of a source that pass the filter.
    case count(Source, where: Filter = .all)
    /// The number of distinct people named by the records of a source that pass the filter.
    ///
    /// A person with several matching records counts once. Only sources whose
    /// ``Source/identifiesPeople`` is true can be counted this way.
    case distinctPeople(Source, where: Filter = .all)
    /// The sum of an aggregate field over the records that pass the filter.
    case sum(Field, where: Filter = .all)
    /// A numerator over a denominator, both measures, shown as a whole percent.
    case share(Measure, of: Measure)

    /// What the measure's value counts.
    public var unit: Indicator.Unit {
        switch self {
        case .count: .records
        case .distinctPeople: .people
        case .sum(let field, _): field.unit
        case .share: .percent
        }
    }

    /// The source the measure reads, or `nil` for a share.
    public var source: Source? {
        switch self {
        case .count(let source, _), .distinctPeople(let source, _): source
        case .sum(let field, _): field.source
        case .share: nil
        }
    }
}

/// A grouping of an indicator's value into categories, such as by sex or by country.
///
/// Person dimensions (sex, age group, nationality, vulnerability) describe the
/// person a record names; record dimensions (country, assistance kind, …) describe
/// the record itself. A distinct person counts once in the total but once in every
/// category of a record dimension they appear in, so such a breakdown may add up to
/// more than the total; the result says so (``Breakdown/reconciles``).
public enum BreakdownDimension: String, Hashable, Sendable, Codable, CaseIterable {
    /// The person's sex, ``Sex``; unknown is a category of its own.
    case sex
    /// The person's ``AgeGroup`` in the last year of the period, from their birth year.
    case ageGroup = "age_group"
    /// The person's nationality, a country code, or `unknown`.
    case nationality
    /// The person's vulnerabilities, ``Vulnerability``: a person can be in several categories, or in `none`.
    case vulnerability
    /// The country where the record was made: the assistance, the training or the outreach activity.
    case country
    /// The kind of assistance, ``AssistanceKind``.
    case assistanceKind = "assistance_kind"
    /// The service a survey answer is about, ``SurveyService``.
    case service
    /// The topic of the training, ``TrainingTopic``.
    case trainingTopic = "training_topic"
    /// The trainee's organisation or the dissemination's audience, ``OrganisationType``.
    case organisationType = "organisation_type"
    /// The kind of knowledge product, ``KnowledgeProductKind``; `unknown` for a dissemination of an unknown product.
    case productKind = "product_kind"
    /// The online platform, by ``Platform/id``.
    case platform

    /// The dimension's name in English and French.
    public var label: LocalizedText {
        switch self {
        case .sex: ["en": "Sex", "fr": "Sexe"]
        case .ageGroup: ["en": "Age group", "fr": "Tranche d'âge"]
        case .nationality: ["en": "Nationality", "fr": "Nationalité"]
        case .vulnerability: ["en": "Vulnerability", "fr": "Vulnérabilité"]
        case .country: ["en": "Country", "fr": "Pays"]
        case .assistanceKind: ["en": "Assistance", "fr": "Assistance"]
        case .service: ["en": "Service", "fr": "Service"]
        case .trainingTopic: ["en": "Topic", "fr": "Sujet"]
        case .organisationType: ["en": "Organisation", "fr": "Organisation"]
        case .productKind: ["en": "Product", "fr": "Produit"]
        case .platform: ["en": "Platform", "fr": "Plateforme"]
        }
    }

    /// Whether the dimension describes the person a record names rather than the record.
    public var describesPerson: Bool {
        switch self {
        case .sex, .ageGroup, .nationality, .vulnerability: true
        default: false
        }
    }

    /// The sources whose records have this dimension.
    public var sources: Set<Source> {
        switch self {
        case .sex: [.migrants, .assistance, .surveys, .trainingParticipants]
        case .ageGroup, .nationality, .vulnerability: [.migrants, .assistance, .surveys]
        case .country: [.assistance, .trainingParticipants, .engagements]
        case .assistanceKind: [.assistance]
        case .service: [.surveys]
        case .trainingTopic: [.trainingParticipants]
        case .organisationType: [.trainingParticipants, .disseminations]
        case .productKind: [.knowledgeProducts, .disseminations]
        case .platform: [.platformVisits]
        }
    }
}

/// Two dimensions crossed, such as country × sex: each cell is one category of each.
public struct DimensionPair: Hashable, Sendable {
    /// The outer dimension, such as country.
    public var first: BreakdownDimension
    /// The inner dimension, such as sex.
    public var second: BreakdownDimension

    /// Creates a pair of dimensions.
    public init(_ first: BreakdownDimension, _ second: BreakdownDimension) {
        self.first = first
        self.second = second
    }
}

/// The operator that crosses two dimensions, as in `.country × .sex`.
infix operator × : MultiplicationPrecedence

extension BreakdownDimension {
    /// Crosses two dimensions: `.country × .sex`.
    public static func × (first: BreakdownDimension, second: BreakdownDimension) -> DimensionPair {
        DimensionPair(first, second)
    }
}

/// How a value is published.
public enum Presentation: Hashable, Sendable {
    /// The exact value, such as `41,562`.
    case exact
    /// A lower bound: the largest multiple of `step` strictly below the value, shown as "> 170,000".
    ///
    /// For a value of 172,345 and a step of 10,000 the bound is 170,000; for exactly
    /// 170,000 it is 160,000, so the statement "more than" always holds. A value of
    /// zero is shown exactly.
    case lowerBound(step: Int)

    /// The bound published for `value`, or `nil` for an exact presentation or a value of zero.
    public func bound(for value: Int) -> Int? {
        guard case .lowerBound(let step) = self, step > 0, value > 0 else { return nil }
        return (value - 1) / step * step
    }
}

/// One figure of a fact sheet: what it counts, how, and how it is shown.
///
/// An indicator is data, not code: it can be listed, validated, documented,
/// compared and loaded from JSON.
///
/// ```swift
/// let girlsAssisted = Indicator(
///     id: "girls-assisted",
///     title: ["en": "Girls assisted", "fr": "Filles assistées"],
///     measure: .distinctPeople(.assistance),
///     filter: .sex(.female) && .ageGroups(.child),
///     breakdowns: [.country])
/// ```
public struct Indicator: Hashable, Sendable, Identifiable {
    /// The identifier of an indicator, such as `migrants-assisted`.
    public typealias ID = Identifier<Indicator>

    /// The indicator's identifier, unique in its catalogue.
    public var id: ID
    /// The indicator's title in each language.
    public var title: LocalizedText
    /// The ``WorkArea/id`` of the work area it reports on, or `nil` for none.
    public var workArea: String?
    /// How the value is computed.
    public var measure: Measure
    /// A filter applied to every record the measure reads, on top of the measure's own.
    public var filter: Filter
    /// The breakdowns to compute, in the order reports show them.
    public var breakdowns: [BreakdownDimension]
    /// How the value is published.
    public var presentation: Presentation
    /// An explanatory note shown with the figure.
    public var note: LocalizedText?
    /// The crossed breakdowns to compute, such as country × sex, in the order reports show them.
    public var crossBreakdowns: [DimensionPair]
    /// The value before the programme started, in the indicator's unit (a share in whole percent).
    public var baseline: Int?
    /// The value the programme aims at for the period reported, in the indicator's unit.
    public var target: Int?
    /// Other indicators of the catalogue whose people make up this one, such as the services a person received.
    ///
    /// Only for a distinct-people indicator: the result then states the overlap
    /// (``Overlap``): how many people are in more than one part, and the built-in
    /// rule checks that the largest part ≤ the distinct total ≤ the sum of the parts.
    public var parts: [ID]

    /// Creates an indicator.
    public init(
        id: ID, title: LocalizedText, workArea: String? = nil, measure: Measure, filter: Filter = .all,
        breakdowns: [BreakdownDimension] = [], presentation: Presentation = .exact, note: LocalizedText? = nil,
        crossBreakdowns: [DimensionPair] = [], baseline: Int? = nil, target: Int? = nil, parts: [ID] = []
    ) {
        self.id = id
        self.title = title
        self.workArea = workArea
        self.measure = measure
        self.filter = filter
        self.breakdowns = breakdowns
        self.presentation = presentation
        self.note = note
        self.crossBreakdowns = crossBreakdowns
        self.baseline = baseline
        self.target = target
        self.parts = parts
    }

    /// What the indicator's value counts.
    public var unit: Indicator.Unit { measure.unit }
}

/// A programme and the indicators of its fact sheet.
public struct Catalogue: Hashable, Sendable {
    /// The programme reported on.
    public var programme: Programme
    /// The indicators, in the order reports show them within each work area.
    public var indicators: [Indicator]
    /// The catalogue's own consistency rules, checked on every evaluation beside the built-in ones.
    public var rules: [ValidationRule]

    /// Creates a catalogue.
    public init(programme: Programme, indicators: [Indicator], rules: [ValidationRule] = []) {
        self.programme = programme
        self.indicators = indicators
        self.rules = rules
    }

    /// The indicator with `id`, if the catalogue has one.
    public subscript(id: Indicator.ID) -> Indicator? { indicators.first { $0.id == id } }
}

extension Measure: CustomStringConvertible {
    /// The measure in words, such as `distinct people in assistance where kind in [humanitarian_aid]`.
    public var description: String {
        func condition(_ filter: Filter) -> String { filter == .all ? "" : " where \(filter)" }
        switch self {
        case .count(let source, let filter): return "count of \(source.rawValue)\(condition(filter))"
        case .distinctPeople(let source, let filter): return "distinct people in \(source.rawValue)\(condition(filter))"
        case .sum(let field, let filter):
            return "sum of \(field.rawValue) in \(field.source.rawValue)\(condition(filter))"
        case .share(let numerator, let denominator): return "share: (\(numerator)) over (\(denominator))"
        }
    }
}
