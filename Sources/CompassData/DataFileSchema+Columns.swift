import CompassCore
import CompassEngine

// The columns of every file of the CSV dataset format, one enum per file, its cases in the
// order of the file's columns. Each column is described once, here: its name, type, whether
// the header must have it and whether a row may leave it empty, its codes, its rule and an
// example. `Documentation/DataFormat.md` shows these tables as `DataFileSchema.markdownTable()`
// renders them, and a test checks that it does.

/// The columns of `migrants.csv`.
enum MigrantColumn: Int, DatasetColumn {
    case id, sex, birthYear, nationality, registeredOn, vulnerabilities

    static var file: DatasetFile { .migrants }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "migrant_id", type: .identifier, rule: "unique in the file", example: "`M000123`")
        case .sex:
            .code("sex", Sex.self, rule: "(write `unknown` when not recorded)", example: "`female`")
        case .birthYear:
            ColumnSpec(
                name: "birth_year", type: .year, isRequired: false, allowsEmpty: true,
                rule: "four digits, \(Value.birthYears.lowerBound) to \(Value.birthYears.upperBound)",
                example: "`1994`")
        case .nationality:
            ColumnSpec(
                name: "nationality", type: .country, isRequired: false, allowsEmpty: true,
                rule: "ISO 3166-1 alpha-3", example: "`NGA`")
        case .registeredOn:
            ColumnSpec(
                name: "registered_on", type: .date, isRequired: false, allowsEmpty: true, rule: "`YYYY-MM-DD`",
                example: "`2022-03-14`")
        case .vulnerabilities:
            ColumnSpec(
                name: "vulnerabilities", type: .codes, isRequired: false, allowsEmpty: true,
                codes: Vulnerability.allCases.map(\.code), example: "`health;disability`")
        }
    }
}

/// The columns of `assistance.csv`.
enum AssistanceColumn: Int, DatasetColumn {
    case id, migrant, kind, date, country

    static var file: DatasetFile { .assistance }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "assistance_id", type: .identifier, rule: "unique in the file", example: "`A0000457`")
        case .migrant:
            ColumnSpec(
                name: "migrant_id", type: .identifier, rule: "should be in `migrants.csv` (else a warning, see below)",
                example: "`M000001`")
        case .kind:
            .code("kind", AssistanceKind.self, example: "`humanitarian_aid`")
        case .date:
            ColumnSpec(
                name: "delivered_on", type: .date, rule: "the record counts in a period by this date",
                example: "`2022-04-02`")
        case .country:
            ColumnSpec(name: "country", type: .country, rule: "where it was delivered", example: "`LBY`")
        }
    }
}

/// The columns of `surveys.csv`.
enum SurveyColumn: Int, DatasetColumn {
    case id, migrant, service, date, satisfied

    static var file: DatasetFile { .surveys }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "survey_id", type: .identifier, rule: "unique in the file", example: "`S000031`")
        case .migrant:
            ColumnSpec(
                name: "migrant_id", type: .identifier, rule: "should be in `migrants.csv`", example: "`M000001`")
        case .service:
            .code("service", SurveyService.self, example: "`protection`")
        case .date:
            ColumnSpec(name: "answered_on", type: .date, example: "`2022-04-09`")
        case .satisfied:
            ColumnSpec(name: "satisfied", type: .yesNo, rule: "exactly `yes` or `no`", example: "`yes`")
        }
    }
}

/// The columns of `trainings.csv`.
enum TrainingColumn: Int, DatasetColumn {
    case id, topic, audience, country, start, end

    static var file: DatasetFile { .trainings }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "training_id", type: .identifier, rule: "unique in the file", example: "`T014`")
        case .topic:
            .code("topic", TrainingTopic.self, example: "`case_management`")
        case .audience:
            .code("audience", TrainingAudience.self, example: "`social_workers`")
        case .country:
            ColumnSpec(name: "country", type: .country, example: "`NER`")
        case .start:
            ColumnSpec(name: "start_date", type: .date, example: "`2022-05-02`")
        case .end:
            ColumnSpec(
                name: "end_date", type: .date,
                rule: "not before `start_date`; participants count in a period by this date", example: "`2022-05-06`")
        }
    }
}

/// The columns of `training_participants.csv`.
enum ParticipantColumn: Int, DatasetColumn {
    case training, person, sex, organisation

    static var file: DatasetFile { .trainingParticipants }

    var spec: ColumnSpec {
        switch self {
        case .training:
            ColumnSpec(
                name: "training_id", type: .identifier, rule: "must be in `trainings.csv` (else the row is rejected)",
                example: "`T014`")
        case .person:
            ColumnSpec(
                name: "person_id", type: .identifier,
                rule: "the same person keeps the same id across trainings; a person appears once per training",
                example: "`P00311`")
        case .sex:
            .code("sex", Sex.self, example: "`male`")
        case .organisation:
            .code("organisation_type", OrganisationType.self, example: "`ngo`")
        }
    }
}

/// The columns of `knowledge_products.csv`.
enum ProductColumn: Int, DatasetColumn {
    case id, kind, title, date

    static var file: DatasetFile { .knowledgeProducts }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "product_id", type: .identifier, rule: "unique in the file", example: "`KP007`")
        case .kind:
            .code("kind", KnowledgeProductKind.self, example: "`study`")
        case .title:
            ColumnSpec(
                name: "title", type: .text, isRequired: false, allowsEmpty: true,
                rule: "any UTF-8 text; never shown in reports", example: "`\"Return, and after\"`")
        case .date:
            ColumnSpec(name: "published_on", type: .date, example: "`2022-09-30`")
        }
    }
}

/// The columns of `disseminations.csv`.
enum DisseminationColumn: Int, DatasetColumn {
    case id, product, date, audience, representatives

    static var file: DatasetFile { .disseminations }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "dissemination_id", type: .identifier, rule: "unique in the file", example: "`D019`")
        case .product:
            ColumnSpec(
                name: "product_id", type: .identifier, rule: "should be in `knowledge_products.csv` (else a warning)",
                example: "`KP007`")
        case .date:
            ColumnSpec(name: "disseminated_on", type: .date, example: "`2022-10-12`")
        case .audience:
            .code("audience_type", OrganisationType.self, example: "`government`")
        case .representatives:
            ColumnSpec(
                name: "representatives", type: .count, rule: "people who attended, 0 or more", example: "`35`")
        }
    }
}

/// The columns of `engagements.csv`.
enum EngagementColumn: Int, DatasetColumn {
    case id, date, country, youth, supportNetwork

    static var file: DatasetFile { .engagements }

    var spec: ColumnSpec {
        switch self {
        case .id:
            ColumnSpec(name: "engagement_id", type: .identifier, rule: "unique in the file", example: "`E0042`")
        case .date:
            ColumnSpec(name: "engaged_on", type: .date, example: "`2022-07-19`")
        case .country:
            ColumnSpec(name: "country", type: .country, example: "`MLI`")
        case .youth:
            ColumnSpec(name: "youth", type: .count, rule: "young people engaged", example: "`48`")
        case .supportNetwork:
            ColumnSpec(
                name: "support_network", type: .count, rule: "family, peers and community members engaged",
                example: "`51`")
        }
    }
}

/// The columns of `platform_visits.csv`.
enum VisitColumn: Int, DatasetColumn {
    case platform, month, visitors

    static var file: DatasetFile { .platformVisits }

    var spec: ColumnSpec {
        switch self {
        case .platform:
            ColumnSpec(
                name: "platform", type: .identifier,
                rule: "the platform's id in the programme (`yenna`, `waka_well`, `ctdc` for COMPASS)",
                example: "`yenna`")
        case .month:
            ColumnSpec(
                name: "month", type: .month, rule: "`YYYY-MM`, month 01 to 12; one row per platform and month",
                example: "`2022-07`")
        case .visitors:
            ColumnSpec(name: "visitors", type: .count, example: "`14210`")
        }
    }
}

/// The columns of `description.csv`.
enum DescriptionColumn: Int, DatasetColumn {
    case language, text

    static var file: DatasetFile { .description }

    var spec: ColumnSpec {
        switch self {
        case .language:
            ColumnSpec(name: "language", type: .identifier, rule: "an ISO 639-1 code, once each", example: "`en`")
        case .text:
            ColumnSpec(
                name: "text", type: .text, allowsEmpty: true, rule: "shown at the top of reports",
                example: "`\"Records of 2022, exported 3 Feb 2023\"`")
        }
    }
}

extension DatasetFile {
    /// The position of the column whose repeated values are rejected as `duplicate-id`: the
    /// record's id, or the part of its key checked last (the person of a participation, the
    /// month of a platform's visits).
    var idPosition: Int {
        switch self {
        case .migrants: MigrantColumn.id.position
        case .assistance: AssistanceColumn.id.position
        case .surveys: SurveyColumn.id.position
        case .trainings: TrainingColumn.id.position
        case .trainingParticipants: ParticipantColumn.person.position
        case .knowledgeProducts: ProductColumn.id.position
        case .disseminations: DisseminationColumn.id.position
        case .engagements: EngagementColumn.id.position
        case .platformVisits: VisitColumn.month.position
        case .description: DescriptionColumn.language.position
        }
    }

    /// The position of the column naming a migrant of migrants.csv; `nil` for the files that name none.
    var migrantPosition: Int? {
        switch self {
        case .assistance: AssistanceColumn.migrant.position
        case .surveys: SurveyColumn.migrant.position
        default: nil
        }
    }
}
