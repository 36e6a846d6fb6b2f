/// A typed identifier: a string that names one record of one kind.
///
/// The phantom `Entity` parameter keeps ids of different kinds apart, so a
/// ``Migrant/ID`` cannot be passed where a ``Training/ID`` is expected. Ids are
/// arbitrary non-empty strings; the engine interns them to dense integers once.
public struct Identifier<Entity>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier as written in the data.
    public let rawValue: String

    /// Creates an identifier from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A person registered by the programme.
public struct Migrant: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of a migrant.
    public typealias ID = Identifier<Migrant>

    /// The migrant's identifier, unique in a dataset.
    public var id: ID
    /// The migrant's sex as recorded; ``Sex/unknown`` when not recorded.
    public var sex: Sex
    /// The year of birth, when known.
    public var birthYear: Int?
    /// The nationality, when known.
    public var nationality: CountryCode?
    /// The day the migrant was registered, when known.
    public var registeredOn: CalendarDate?
    /// The vulnerabilities recorded for the migrant, possibly none.
    public var vulnerabilities: Set<Vulnerability>

    /// Creates a migrant.
    public init(
        _ id: ID, sex: Sex = .unknown, birthYear: Int? = nil, nationality: CountryCode? = nil,
        registeredOn: CalendarDate? = nil, vulnerabilities: Set<Vulnerability> = []
    ) {
        self.id = id
        self.sex = sex
        self.birthYear = birthYear
        self.nationality = nationality
        self.registeredOn = registeredOn
        self.vulnerabilities = vulnerabilities
    }
}

/// One service delivered to one migrant on one day in one country.
public struct Assistance: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of an assistance record.
    public typealias ID = Identifier<Assistance>

    /// The record's identifier, unique in a dataset.
    public var id: ID
    /// The migrant who received the assistance.
    public var migrant: Migrant.ID
    /// The kind of assistance.
    public var kind: AssistanceKind
    /// The day it was delivered; the record counts in a period by this date.
    public var date: CalendarDate
    /// The country where it was delivered.
    public var country: CountryCode

    /// Creates an assistance record.
    public init(
        _ id: ID, for migrant: Migrant.ID, _ kind: AssistanceKind, on date: CalendarDate, in country: CountryCode
    ) {
        self.id = id
        self.migrant = migrant
        self.kind = kind
        self.date = date
        self.country = country
    }
}

/// One answer of a migrant to a satisfaction survey about a service.
public struct SatisfactionResponse: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of a survey answer.
    public typealias ID = Identifier<SatisfactionResponse>

    /// The answer's identifier, unique in a dataset.
    public var id: ID
    /// The migrant who answered.
    public var migrant: Migrant.ID
    /// The service the survey asked about.
    public var service: SurveyService
    /// The day of the answer; it counts in a period by this date.
    public var date: CalendarDate
    /// Whether the migrant said they were satisfied.
    public var satisfied: Bool

    /// Creates a survey answer.
    public init(_ id: ID, by migrant: Migrant.ID, about service: SurveyService, on date: CalendarDate, satisfied: Bool)
    {
        self.id = id
        self.migrant = migrant
        self.service = service
        self.date = date
        self.satisfied = satisfied
    }
}

/// A training session on one topic for one audience in one country.
public struct Training: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of a training.
    public typealias ID = Identifier<Training>

    /// The training's identifier, unique in a dataset.
    public var id: ID
    /// What the training taught.
    public var topic: TrainingTopic
    /// Whom the training was for.
    public var audience: TrainingAudience
    /// Where the training took place.
    public var country: CountryCode
    /// The first day of the training.
    public var startDate: CalendarDate
    /// The last day of the training; its participants count in a period by this date,
    /// the day they completed it.
    public var endDate: CalendarDate

    /// Creates a training.
    public init(
        _ id: ID, topic: TrainingTopic, audience: TrainingAudience, in country: CountryCode,
        from startDate: CalendarDate, to endDate: CalendarDate
    ) {
        self.id = id
        self.topic = topic
        self.audience = audience
        self.country = country
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// A person who took part in a training.
///
/// The same person may take part in several trainings; distinct-people indicators
/// count them once, by ``person``.
public struct TrainingParticipant: Hashable, Sendable, Codable {
    /// The identifier of a trained person (not a migrant).
    public typealias PersonID = Identifier<TrainingParticipant>

    /// The training attended.
    public var training: Training.ID
    /// The person, the same across the trainings they attended.
    public var person: PersonID
    /// The person's sex as recorded.
    public var sex: Sex
    /// The kind of organisation the person works for.
    public var organisation: OrganisationType

    /// Creates a participation.
    public init(_ person: PersonID, in training: Training.ID, sex: Sex, organisation: OrganisationType) {
        self.person = person
        self.training = training
        self.sex = sex
        self.organisation = organisation
    }
}

/// A study, report, guidance note or other product of the programme's research.
public struct KnowledgeProduct: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of a knowledge product.
    public typealias ID = Identifier<KnowledgeProduct>

    /// The product's identifier, unique in a dataset.
    public var id: ID
    /// The kind of product.
    public var kind: KnowledgeProductKind
    /// The product's title. Free text: never rendered in a report.
    public var title: String
    /// The day the product was published; it counts in a period by this date.
    public var date: CalendarDate

    /// Creates a knowledge product.
    public init(_ id: ID, kind: KnowledgeProductKind, title: String, publishedOn date: CalendarDate) {
        self.id = id
        self.kind = kind
        self.title = title
        self.date = date
    }
}

/// One presentation of a knowledge product to an audience.
public struct Dissemination: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of a dissemination event.
    public typealias ID = Identifier<Dissemination>

    /// The event's identifier, unique in a dataset.
    public var id: ID
    /// The product presented.
    public var product: KnowledgeProduct.ID
    /// The day of the event; it counts in a period by this date.
    public var date: CalendarDate
    /// The kind of organisation the audience came from.
    public var audience: OrganisationType
    /// How many representatives attended. An aggregate count, never negative.
    public var representatives: Int

    /// Creates a dissemination event.
    public init(
        _ id: ID, of product: KnowledgeProduct.ID, on date: CalendarDate, to audience: OrganisationType,
        representatives: Int
    ) {
        self.id = id
        self.product = product
        self.date = date
        self.audience = audience
        self.representatives = representatives
    }
}

/// An outreach activity with youth from high-mobility communities, recorded as aggregate counts.
public struct Engagement: Hashable, Sendable, Codable, Identifiable {
    /// The identifier of an outreach activity.
    public typealias ID = Identifier<Engagement>

    /// The activity's identifier, unique in a dataset.
    public var id: ID
    /// The day of the activity; it counts in a period by this date.
    public var date: CalendarDate
    /// Where it took place.
    public var country: CountryCode
    /// How many young people were engaged.
    public var youth: Int
    /// How many members of their support networks (family, peers, community) were engaged.
    public var supportNetwork: Int

    /// Creates an outreach activity.
    public init(_ id: ID, on date: CalendarDate, in country: CountryCode, youth: Int, supportNetwork: Int) {
        self.id = id
        self.date = date
        self.country = country
        self.youth = youth
        self.supportNetwork = supportNetwork
    }
}

/// The number of visitors to one online platform in one month, an aggregate count.
public struct PlatformVisits: Hashable, Sendable, Codable {
    /// The platform's identifier, one of the programme's ``Platform/id``s.
    public var platform: String
    /// The year of the month counted.
    public var year: Int
    /// The month counted, 1 to 12.
    public var month: Int
    /// The number of visitors that month.
    public var visitors: Int

    /// Creates a monthly visitor count.
    public init(_ platform: String, year: Int, month: Int, visitors: Int) {
        self.platform = platform
        self.year = year
        self.month = month
        self.visitors = visitors
    }

    /// The first day of the month, or `nil` when the month is not 1 to 12.
    ///
    /// A monthly count counts in a period when the first day of its month does.
    public var date: CalendarDate? { CalendarDate(year: year, month: month, day: 1) }
}
