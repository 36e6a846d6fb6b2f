public import CompassCore
import CompassEngine

// Initialisers for tests: every field a test does not care about has a valid default, and ids
// may be left out, in which case the `Dataset` builder numbers the records (`assistance-1`, …).

extension Assistance {
    /// Creates an assistance record without an id; the `Dataset` builder gives it one.
    ///
    /// ```swift
    /// Assistance(for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
    /// ```
    public init(for migrant: Migrant.ID, _ kind: AssistanceKind, on date: CalendarDate, in country: CountryCode = "MLI")
    {
        self.init("", for: migrant, kind, on: date, in: country)
    }
}

extension SatisfactionResponse {
    /// Creates a survey answer without an id; the `Dataset` builder gives it one.
    public init(
        by migrant: Migrant.ID, about service: SurveyService = .protection, on date: CalendarDate, satisfied: Bool
    ) {
        self.init("", by: migrant, about: service, on: date, satisfied: satisfied)
    }
}

extension Training {
    /// Creates a one-day training; the audience defaults to social workers and the country to Mali.
    public init(
        _ id: ID, topic: TrainingTopic, audience: TrainingAudience = .socialWorkers, in country: CountryCode = "MLI",
        on date: CalendarDate
    ) {
        self.init(id, topic: topic, audience: audience, in: country, from: date, to: date)
    }
}

extension TrainingParticipant {
    /// Creates a participation whose sex defaults to unknown and organisation to other.
    public init(_ person: PersonID, in training: Training.ID, sex: Sex = .unknown) {
        self.init(person, in: training, sex: sex, organisation: .other)
    }
}

extension KnowledgeProduct {
    /// Creates a knowledge product of kind report with a placeholder title.
    public init(_ id: ID, publishedOn date: CalendarDate) {
        self.init(id, kind: .report, title: "Product \(id)", publishedOn: date)
    }
}

extension Dissemination {
    /// Creates a dissemination without an id; the `Dataset` builder gives it one.
    public init(
        of product: KnowledgeProduct.ID, on date: CalendarDate, to audience: OrganisationType = .government,
        representatives: Int
    ) {
        self.init("", of: product, on: date, to: audience, representatives: representatives)
    }
}

extension Engagement {
    /// Creates an outreach activity without an id; the `Dataset` builder gives it one.
    public init(on date: CalendarDate, in country: CountryCode = "MLI", youth: Int, supportNetwork: Int = 0) {
        self.init("", on: date, in: country, youth: youth, supportNetwork: supportNetwork)
    }
}

extension Programme {
    /// A programme for tests: 2000 to 2099, no partners, one work area per COMPASS area id, one platform `portal`.
    ///
    /// Its long period lets `.programme` cover any test date; its work areas let indicators
    /// tagged `protection`, `return`, `reintegration`, `research`, `data-collection` or
    /// `awareness-raising` validate.
    public static let testing = Programme(
        name: "TEST", fullName: "Test programme", partners: [], period: DateRange("2000-01-01", "2099-12-31")!,
        budget: nil, partnerCountries: [],
        workAreas: ["protection", "return", "reintegration", "research", "data-collection", "awareness-raising"].map {
            WorkArea(id: $0, title: LocalizedText(stringLiteral: $0))
        },
        platforms: [Platform(id: "portal", name: "Portal")])
}
