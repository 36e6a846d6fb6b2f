public import CompassCore

/// A dataset turned into columns once, ready to be evaluated many times.
///
/// Preparing a dataset interns every id to a dense number, turns codes into
/// ordinals and dates into packed integers, and makes the findings on the data
/// (duplicate ids, unknown migrants, dates outside the programme, impossible
/// values). It also puts the rows of assistance, surveys and training participants in
/// the order of the people they name (a stable counting sort, skipped when they are in it
/// already, as in files written person by person), so that an evaluation groups them by
/// person in one pass. ``Engine/evaluate(_:on:period:)-(_,PreparedDataset,Period)`` then computes
/// indicators from the columns without touching a `String`, so evaluating several
/// periods, or several catalogues of the same programme, does that work once.
///
/// `CompassData` can also prepare a dataset straight from its CSV files, without
/// building a `Dataset` of records first, which is how `compass report` reads large data.
///
/// ```swift
/// let prepared = PreparedDataset(dataset, programme: Programme.compass)
/// for year in 2021...2022 {
///     let evaluation = try Engine().evaluate(.compass, on: prepared, period: .year(year))
///     print(year, evaluation["migrants-assisted"]?.value ?? .count(0))
/// }
/// ```
public struct PreparedDataset: Sendable {
    var store: Store

    /// The programme the data was checked against: its period bounds the dates, its platforms are the known ones.
    public let programme: Programme?

    /// What the data is, such as a note that it is synthetic; shown in reports.
    public var description: LocalizedText?

    /// The days whose assistance and survey records are in the columns; `nil` when every day's are.
    ///
    /// Every record was checked when the dataset was prepared; an evaluation that needs
    /// records of other days (`ResolvedPeriod.readDays`) is refused.
    public var keptDays: DateRange? { store.keptDays }

    /// The attributes of migrants kept in the columns (``MigrantAttributes/all`` unless some were
    /// left out when preparing); an evaluation that reads another is refused.
    public var keptAttributes: MigrantAttributes { store.keptAttributes }

    /// Prepares a dataset for evaluation, checking it against a programme.
    ///
    /// - Parameters:
    ///   - dataset: The records.
    ///   - programme: The programme whose period and platforms the records are checked against;
    ///     `nil` checks nothing that depends on a programme. Evaluate the prepared dataset with
    ///     a catalogue of this programme.
    ///   - keptDays: Keep the assistance and survey records of these days only (all are
    ///     checked): for instance `catalogue.resolve(period)?.readDays`, when only that period
    ///     will be evaluated. `nil` keeps every record.
    ///   - attributes: The attributes of migrants to keep, such as `catalogue.migrantAttributes`.
    /// - Complexity: O(*n*) in the number of records.
    public init(
        _ dataset: Dataset, programme: Programme?, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all
    ) {
        var store = Store(dataset, programme: programme, keeping: keptDays, attributes: attributes)
        store.endPreparation()
        self.store = store
        self.programme = programme
        description = dataset.description
    }

    package init(store: Store, programme: Programme?, description: LocalizedText?) {
        var store = store
        store.endPreparation()
        self.store = store
        self.programme = programme
        self.description = description
    }

    /// The findings made while preparing: problems of single records, in the order of the sources.
    ///
    /// A reader that knows where each record was read sets their `Finding.location`.
    public package(set) var findings: [Finding] {
        get { store.findings }
        set { store.findings = newValue }
    }

    /// The number of records of a source taken into the columns (records reported as unusable are
    /// not, nor those outside `keptDays`).
    public func recordCount(of source: Source) -> Int { store.count(of: source) }

    /// The number of distinct people named by migrants, assistance and surveys.
    public var migrantCount: Int { store.migrantCount }
}

/// Attributes of migrants that a prepared dataset may leave out, when no evaluation will read them.
///
/// Sex and birth year are always kept (the birth year is also what data findings check dates
/// against). At a million migrants the three attributes here take some 7 MiB of columns.
/// `Catalogue.migrantAttributes` says which ones a catalogue reads.
public struct MigrantAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// One bit per attribute.
    public let rawValue: UInt8

    /// The attributes whose bits are set in `rawValue`.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Nationality (breakdowns and filters by nationality).
    public static let nationality = MigrantAttributes(rawValue: 1 << 0)
    /// The date of registration (indicators that count migrants).
    public static let registration = MigrantAttributes(rawValue: 1 << 1)
    /// Vulnerabilities (breakdowns and filters by vulnerability).
    public static let vulnerabilities = MigrantAttributes(rawValue: 1 << 2)
    /// Every attribute.
    public static let all: MigrantAttributes = [.nationality, .registration, .vulnerabilities]

    /// The attributes' names, such as `nationality, vulnerabilities`, or `none`.
    public var description: String {
        let names = [
            (MigrantAttributes.nationality, "nationality"), (.registration, "registration"),
            (.vulnerabilities, "vulnerabilities"),
        ]
        .filter { contains($0.0) }.map(\.1)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

extension Catalogue {
    /// The attributes of migrants the catalogue's indicators read: their sources, breakdowns and filters.
    ///
    /// Prepare a dataset keeping only these (``PreparedDataset/keptAttributes``) to save the
    /// memory of the others; the engine refuses a catalogue that reads an attribute left out.
    public var migrantAttributes: MigrantAttributes {
        var attributes: MigrantAttributes = []
        func read(_ measure: Measure) {
            switch measure {
            case .count(_, let filter), .distinctPeople(_, let filter), .sum(_, let filter):
                if measure.source == .migrants { attributes.insert(.registration) }
                read(filter.node)
            case .share(let numerator, let denominator):
                read(numerator)
                read(denominator)
            }
        }
        func read(_ node: Filter.Node) {
            switch node {
            case .nationalities: attributes.insert(.nationality)
            case .vulnerabilities: attributes.insert(.vulnerabilities)
            case .and(let nodes), .or(let nodes): nodes.forEach(read)
            case .not(let inner): read(inner)
            default: break
            }
        }
        func read(_ dimension: BreakdownDimension) {
            if dimension == .nationality { attributes.insert(.nationality) }
            if dimension == .vulnerability { attributes.insert(.vulnerabilities) }
        }
        for indicator in indicators {
            read(indicator.measure)
            read(indicator.filter.node)
            indicator.breakdowns.forEach(read)
            for pair in indicator.crossBreakdowns {
                read(pair.first)
                read(pair.second)
            }
        }
        return attributes
    }
}
