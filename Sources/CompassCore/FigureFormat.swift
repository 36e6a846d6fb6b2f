/// Formats figures, percents, dates and money the way a fact sheet in one language writes them.
///
/// English groups thousands with a comma and writes percents without a space
/// (`41,562`, `86%`); French groups with a no-break space (U+00A0) and puts one
/// before the percent sign (`41 562`, `86 %`). Every built-in reporter formats
/// through this type, so all formats show the same figures.
public struct FigureFormat: Hashable, Sendable {
    /// The language written.
    public var language: Language

    /// Creates a format for a language; languages other than French are written the English way.
    public init(language: Language) { self.language = language }

    private var french: Bool { language == .french }

    /// The thousands separator: `,` in English, a no-break space in French.
    public var groupingSeparator: String { french ? "\u{00A0}" : "," }

    /// An integer with grouped thousands: `41,562` or `41 562`.
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += groupingSeparator }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A whole percent: `86%` or `86 %`.
    public func percent(_ value: Int) -> String { french ? "\(value)\u{00A0}%" : "\(value)%" }

    /// A value as its indicator publishes it: a count, a lower bound such as `> 170,000`, or a percent.
    ///
    /// A share over zero shows as an en dash.
    public func display(_ value: Quantity, presentation: Presentation) -> String {
        switch value {
        case .count(let count):
            if let bound = presentation.bound(for: count) { return (french ? ">\u{00A0}" : "> ") + integer(bound) }
            return integer(count)
        case .share(let fraction):
            return fraction.percent.map(percent) ?? "–"
        }
    }

    /// An entry's value as published.
    public func display(_ entry: Report.Entry) -> String { display(entry.value, presentation: entry.presentation) }

    /// A date written out: `1 January 2021` or `1 janvier 2021`.
    public func date(_ date: CalendarDate) -> String {
        let english = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let frenchNames = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        let name = (french ? frenchNames : english)[date.month - 1]
        return "\(date.day)\(french && date.day == 1 ? "er" : "") \(name) \(date.year)"
    }

    /// A range of days: `1 January 2021 – 31 December 2023`.
    public func dates(_ range: DateRange) -> String { "\(date(range.start)) – \(date(range.end))" }

    /// A period as a reader names it: `2022`, `2022-Q3`, `July 2022`, or its range of days.
    public func period(_ period: Period, dates range: DateRange) -> String {
        switch period {
        case .year(let year): return "\(year)"
        case .quarter(let year, let quarter): return french ? "T\(quarter) \(year)" : "Q\(quarter) \(year)"
        case .month:
            let full = date(range.start)
            return String(full.drop { $0 != " " }.dropFirst())
        case .programme, .range: return dates(range)
        }
    }

    /// An amount of money: `EUR 55,000,000` or `55 000 000 EUR`, with cents only when there are any.
    public func money(_ money: Money) -> String {
        let perMajor = max(money.minorUnitsPerMajor, 1)
        let major = integer(Int(money.minorUnits / perMajor))
        let minor = Int((money.minorUnits % perMajor).magnitude)
        let cents = minor == 0 ? "" : (french ? "," : ".") + String(minor)
        return french ? "\(major)\(cents)\u{00A0}\(money.currency)" : "\(money.currency) \(major)\(cents)"
    }
}

/// The fixed words of a report, in English and French.
public enum ReportTerm: String, CaseIterable, Sendable {
    /// "in numbers", after the period in a fact sheet's title.
    case yearInNumbers
    /// The heading of the programme's key facts.
    case keyFacts
    /// The programme's period.
    case duration
    /// The days the report covers.
    case reportingPeriod
    /// The partners running the programme.
    case partners
    /// The programme's budget.
    case budget
    /// The programme's partner countries.
    case partnerCountries
    /// Where the programme is managed.
    case managementSite
    /// The programme's areas of work.
    case workAreas
    /// The online platforms the programme supports.
    case platforms
    /// What the data is and where it comes from.
    case data
    /// The column of a breakdown's categories.
    case category
    /// The column of a breakdown's whole percents.
    case share
    /// The row of a breakdown's total.
    case total
    /// The notes shown with a figure.
    case notes
    /// The heading of the validation findings.
    case findings
    /// The sentence shown when validation found nothing.
    case noFindings
    /// The note under a breakdown whose categories add up to more than its total.
    case overcount
    // Terms of the CSV, JSON and HTML reporters.
    /// "of", between a share's numerator and denominator: `2,150 of 2,500`.
    case outOf
    /// "Breakdown by", before a dimension's name in a table caption.
    case breakdownBy
    /// The colophon of a page: computed with Compass from the records.
    case computedWith
    // Terms of crossed breakdowns and progress against a target.
    /// "Target", before the value an indicator aims at.
    case target
    /// "Baseline", before the value an indicator started from.
    case baseline
    /// "reached", after the percent of the way from the baseline to the target.
    case reached

    /// The term in English and French.
    public var text: LocalizedText {
        switch self {
        case .yearInNumbers: ["en": "in numbers", "fr": "en chiffres"]
        case .keyFacts: ["en": "Key facts", "fr": "Les principales données"]
        case .duration: ["en": "Duration", "fr": "Durée"]
        case .reportingPeriod: ["en": "Reporting period", "fr": "Période couverte"]
        case .partners: ["en": "Partners", "fr": "Partenaires du projet"]
        case .budget: ["en": "Budget", "fr": "Budget"]
        case .partnerCountries: ["en": "Partner countries", "fr": "Pays partenaires"]
        case .managementSite: ["en": "Management site", "fr": "Site de gestion"]
        case .workAreas: ["en": "Work areas", "fr": "Domaines de travail"]
        case .platforms: ["en": "Online platforms", "fr": "Plateformes en ligne"]
        case .data: ["en": "Data", "fr": "Données"]
        case .category: ["en": "Category", "fr": "Catégorie"]
        case .share: ["en": "Share", "fr": "Part"]
        case .total: ["en": "Total", "fr": "Total"]
        case .notes: ["en": "Notes", "fr": "Notes"]
        case .findings: ["en": "Validation findings", "fr": "Constats de validation"]
        case .noFindings: ["en": "No findings.", "fr": "Aucun constat."]
        case .outOf: ["en": "of", "fr": "sur"]
        case .breakdownBy: ["en": "Breakdown by", "fr": "Répartition par"]
        case .target: ["en": "Target", "fr": "Cible"]
        case .baseline: ["en": "Baseline", "fr": "Valeur de référence"]
        case .reached: ["en": "reached", "fr": "atteint"]
        case .computedWith:
            [
                "en": "Computed with Compass from the programme's records.",
                "fr": "Calculé avec Compass à partir des enregistrements du programme.",
            ]
        case .overcount:
            [
                "en": "A person can be in more than one category, so the categories add up to more than the total.",
                "fr":
                    "Une personne peut figurer dans plusieurs catégories : la somme des catégories dépasse donc le total.",
            ]
        }
    }

    /// The term in `language`.
    public func callAsFunction(_ language: Language) -> String { text[language] }
}
