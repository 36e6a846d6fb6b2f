/// A closed set of values written in data files as snake_case codes.
///
/// Every code list of the data contract conforms: ``Sex``, ``AssistanceKind``,
/// ``Vulnerability``, ``SurveyService``, ``TrainingTopic``, ``TrainingAudience``,
/// ``OrganisationType`` and ``KnowledgeProductKind``. The order of `allCases` is the
/// canonical order in which reports list the categories.
public protocol Code: CaseIterable, Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible
where RawValue == String, AllCases == [Self] {
    /// The English and French label of the value.
    var label: LocalizedText { get }
}

extension Code {
    /// The snake_case code, as written in data files.
    public var code: String { rawValue }
    public var description: String { rawValue }

    /// The value for a code, or `nil` when the code is not one of the list.
    public init?(code: String) { self.init(rawValue: code) }

    /// Every valid code, in canonical order, for error messages.
    static var validCodes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A person's sex as recorded. `unknown` is a category of its own and is never dropped.
public enum Sex: String, Code {
    /// A woman or a girl.
    case female
    /// A man or a boy.
    case male
    /// Not recorded, or not disclosed: counted as a category of its own.
    case unknown

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .female: ["en": "Women", "fr": "Femmes"]
        case .male: ["en": "Men", "fr": "Hommes"]
        case .unknown: ["en": "Unknown", "fr": "Inconnu"]
        }
    }
}

/// The kind of assistance delivered to a migrant.
public enum AssistanceKind: String, Code {
    /// Emergency and direct humanitarian aid: food, shelter, non-food items, medical care.
    case humanitarianAid = "humanitarian_aid"
    /// Comprehensive assistance delivered through case management.
    case comprehensiveAssistance = "comprehensive_assistance"
    /// Assistance before departure, such as documents, counselling and medical checks.
    case preDeparture = "pre_departure"
    /// Assistance on arrival in the country of origin.
    case postArrival = "post_arrival"
    /// Assisted voluntary return to the country of origin.
    case voluntaryReturn = "voluntary_return"
    /// Economic, social or psychosocial reintegration assistance after return.
    case reintegration

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .humanitarianAid: ["en": "Humanitarian aid", "fr": "Aide humanitaire"]
        case .comprehensiveAssistance: ["en": "Comprehensive assistance", "fr": "Assistance complète"]
        case .preDeparture: ["en": "Pre-departure assistance", "fr": "Assistance avant le départ"]
        case .postArrival: ["en": "Post-arrival assistance", "fr": "Assistance après l'arrivée"]
        case .voluntaryReturn: ["en": "Voluntary return", "fr": "Retour volontaire"]
        case .reintegration: ["en": "Reintegration assistance", "fr": "Aide à la réintégration"]
        }
    }
}

/// A vulnerability recorded for a migrant; a migrant may have several or none.
public enum Vulnerability: String, Code {
    /// A victim, or presumed victim, of trafficking in persons.
    case victimOfTrafficking = "victim_of_trafficking"
    /// A child travelling without, or separated from, their parents or usual caregivers.
    case unaccompaniedOrSeparatedChild = "unaccompanied_or_separated_child"
    /// Medical or mental-health needs.
    case health
    /// A survivor, or person at risk, of gender-based violence.
    case genderBasedViolence = "gender_based_violence"
    /// A person with a disability.
    case disability
    /// Another vulnerability the case worker recorded.
    case other

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .victimOfTrafficking: ["en": "Victim of trafficking", "fr": "Victime de la traite"]
        case .unaccompaniedOrSeparatedChild:
            ["en": "Unaccompanied or separated child", "fr": "Enfant non accompagné ou séparé"]
        case .health: ["en": "Health needs", "fr": "Besoins de santé"]
        case .genderBasedViolence: ["en": "Gender-based violence", "fr": "Violence basée sur le genre"]
        case .disability: ["en": "Disability", "fr": "Handicap"]
        case .other: ["en": "Other vulnerability", "fr": "Autre vulnérabilité"]
        }
    }
}

/// The service a satisfaction survey asked about.
public enum SurveyService: String, Code {
    /// Protection services: humanitarian aid and comprehensive assistance.
    case protection
    /// Return services: pre-departure, post-arrival and voluntary return.
    case `return`
    /// Reintegration services.
    case reintegration

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .protection: ["en": "Protection", "fr": "Protection"]
        case .return: ["en": "Return", "fr": "Retour"]
        case .reintegration: ["en": "Reintegration", "fr": "Réintégration"]
        }
    }
}

/// The subject of a training.
public enum TrainingTopic: String, Code {
    /// Case management of vulnerable migrants.
    case caseManagement = "case_management"
    /// Migration management and governance.
    case migrationManagement = "migration_management"
    /// Protection and direct assistance to migrants.
    case assistanceToMigrants = "assistance_to_migrants"
    /// Preventing trafficking and protecting its victims.
    case counterTrafficking = "counter_trafficking"
    /// Any other topic.
    case other

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .caseManagement: ["en": "Case management", "fr": "Gestion de cas"]
        case .migrationManagement: ["en": "Migration management", "fr": "Gestion des migrations"]
        case .assistanceToMigrants: ["en": "Assistance to migrants", "fr": "Assistance aux migrants"]
        case .counterTrafficking: ["en": "Counter-trafficking", "fr": "Lutte contre la traite"]
        case .other: ["en": "Other topic", "fr": "Autre sujet"]
        }
    }
}

/// Whom a training was designed for.
public enum TrainingAudience: String, Code {
    /// Social workers and case workers.
    case socialWorkers = "social_workers"
    /// Government officials and other stakeholders' representatives.
    case stakeholders
    /// Community members and volunteers.
    case community

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .socialWorkers: ["en": "Social workers", "fr": "Travailleurs sociaux"]
        case .stakeholders: ["en": "Government and stakeholders", "fr": "Gouvernements et parties prenantes"]
        case .community: ["en": "Community", "fr": "Communauté"]
        }
    }
}

/// The kind of organisation a trainee or an audience belongs to.
public enum OrganisationType: String, Code {
    /// A national or local government body.
    case government
    /// A United Nations agency.
    case un
    /// A non-governmental or civil-society organisation.
    case ngo
    /// Any other stakeholder: academia, private sector, media, community.
    case other

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .government: ["en": "Government", "fr": "Gouvernement"]
        case .un: ["en": "United Nations", "fr": "Nations Unies"]
        case .ngo: ["en": "NGO", "fr": "ONG"]
        case .other: ["en": "Other stakeholders", "fr": "Autres parties prenantes"]
        }
    }
}

/// The kind of a knowledge product.
public enum KnowledgeProductKind: String, Code {
    /// A report.
    case report
    /// A research study or assessment.
    case study
    /// Guidance, standard operating procedures or a manual.
    case guidance
    /// A toolkit or training curriculum.
    case toolkit
    /// A policy brief.
    case policyBrief = "policy_brief"
    /// An infographic, map or dashboard.
    case infographic
    /// Any other product.
    case other

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .report: ["en": "Report", "fr": "Rapport"]
        case .study: ["en": "Study", "fr": "Étude"]
        case .guidance: ["en": "Guidance", "fr": "Orientations"]
        case .toolkit: ["en": "Toolkit", "fr": "Boîte à outils"]
        case .policyBrief: ["en": "Policy brief", "fr": "Note d'orientation"]
        case .infographic: ["en": "Infographic", "fr": "Infographie"]
        case .other: ["en": "Other product", "fr": "Autre produit"]
        }
    }
}

/// An age group, computed from a birth year at the end of a reporting period.
///
/// A person's age is the period's last year minus their birth year; a person with
/// no birth year is in ``unknown``.
public enum AgeGroup: String, Code {
    /// 0 to 17 years.
    case child
    /// 18 to 59 years.
    case adult
    /// 60 years and over.
    case older
    /// No birth year recorded.
    case unknown

    /// The group of a person born in `birthYear`, in a period ending in `referenceYear`.
    public init(birthYear: Int?, referenceYear: Int) {
        guard let birthYear else {
            self = .unknown
            return
        }
        let age = referenceYear - birthYear
        self = age < 18 ? .child : age < 60 ? .adult : .older
    }

    /// The label in English and French.
    public var label: LocalizedText {
        switch self {
        case .child: ["en": "0–17", "fr": "0–17 ans"]
        case .adult: ["en": "18–59", "fr": "18–59 ans"]
        case .older: ["en": "60+", "fr": "60 ans et plus"]
        case .unknown: ["en": "Unknown", "fr": "Inconnu"]
        }
    }
}
