/// An amount of money in integer minor units of a currency, exact to the cent.
public struct Money: Hashable, Sendable, Codable {
    /// The amount in the currency's minor units (cents for EUR).
    public var minorUnits: Int64
    /// The ISO 4217 currency code, such as `EUR`.
    public var currency: String
    /// How many minor units make one major unit (100 for EUR).
    public var minorUnitsPerMajor: Int64

    enum CodingKeys: String, CodingKey {
        case minorUnits = "minor_units"
        case currency
        case minorUnitsPerMajor = "minor_units_per_major"
    }

    /// Creates an amount from minor units.
    public init(minorUnits: Int64, currency: String, minorUnitsPerMajor: Int64 = 100) {
        self.minorUnits = minorUnits
        self.currency = currency
        self.minorUnitsPerMajor = minorUnitsPerMajor
    }

    /// Creates an amount of whole major units, such as `Money(major: 55_000_000, currency: "EUR")`.
    public init(major: Int64, currency: String, minorUnitsPerMajor: Int64 = 100) {
        self.init(minorUnits: major * minorUnitsPerMajor, currency: currency, minorUnitsPerMajor: minorUnitsPerMajor)
    }
}

/// One of a programme's areas of work; every indicator belongs to one.
public struct WorkArea: Hashable, Sendable, Codable, Identifiable {
    /// The work area's identifier, such as `protection`.
    public var id: String
    /// Its title in each language.
    public var title: LocalizedText

    /// Creates a work area.
    public init(id: String, title: LocalizedText) {
        self.id = id
        self.title = title
    }
}

/// An online platform whose visitors a programme counts.
public struct Platform: Hashable, Sendable, Codable, Identifiable {
    /// The platform's identifier, as written in `platform_visits.csv`.
    public var id: String
    /// The platform's name.
    public var name: LocalizedText

    /// Creates a platform.
    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

/// A programme's metadata: who runs it, when, where, with what budget.
public struct Programme: Hashable, Sendable, Codable {
    /// The short name, such as `COMPASS`.
    public var name: String
    /// The full name in each language.
    public var fullName: LocalizedText
    /// The partners running the programme.
    public var partners: [LocalizedText]
    /// The programme's duration; dates outside it are reported by validation.
    public var period: DateRange
    /// The budget.
    public var budget: Money?
    /// The partner countries, in the order the programme lists them.
    public var partnerCountries: [CountryCode]
    /// Where the programme is managed.
    public var managementSite: LocalizedText?
    /// The areas of work, in the order reports show them.
    public var workAreas: [WorkArea]
    /// The online platforms whose visitors it counts.
    public var platforms: [Platform]

    // Snake case in JSON, like the rest of a catalogue file.
    enum CodingKeys: String, CodingKey {
        case name
        case fullName = "full_name"
        case partners, period, budget
        case partnerCountries = "partner_countries"
        case managementSite = "management_site"
        case workAreas = "work_areas"
        case platforms
    }

    /// Creates a programme.
    public init(
        name: String, fullName: LocalizedText, partners: [LocalizedText], period: DateRange, budget: Money?,
        partnerCountries: [CountryCode], managementSite: LocalizedText? = nil, workAreas: [WorkArea],
        platforms: [Platform]
    ) {
        self.name = name
        self.fullName = fullName
        self.partners = partners
        self.period = period
        self.budget = budget
        self.partnerCountries = partnerCountries
        self.managementSite = managementSite
        self.workAreas = workAreas
        self.platforms = platforms
    }
}
