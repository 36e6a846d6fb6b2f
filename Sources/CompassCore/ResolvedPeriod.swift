/// A reporting period resolved once against a catalogue's programme: the period asked for,
/// its days, and the days an evaluation of it reads.
///
/// A command line or an app resolves the period a user typed once, with
/// ``Catalogue/resolve(_:)``, then hands the same value to the reader (keep
/// ``readDays``) and to the engine (evaluate ``dates``):
///
/// ```swift
/// let catalogue = Catalogue(programme: .testing, indicators: [])
/// if let period = catalogue.resolve(.year(2022)) {
///     print(period.dates)      // 2022-01-01..2022-12-31
///     print(period.readDays)   // the same, unless a rule reads other days
/// }
/// ```
public struct ResolvedPeriod: Hashable, Sendable, CustomStringConvertible {
    /// The period asked for, as reports name it.
    public let period: Period
    /// The days of the period: a record counts when its own date lies in them.
    public let dates: DateRange
    /// The days whose records an evaluation reads: ``dates``, and those of every value the
    /// catalogue's rules read (such as the programme's first day to the period's last).
    public let readDays: DateRange
    /// The programme's days the period was resolved against.
    public let programmeDates: DateRange

    init(period: Period, dates: DateRange, readDays: DateRange, programmeDates: DateRange) {
        self.period = period
        self.dates = dates
        self.readDays = readDays
        self.programmeDates = programmeDates
    }

    /// Whether the period shares at least one day with the programme's period.
    public var meetsProgramme: Bool { dates.start <= programmeDates.end && programmeDates.start <= dates.end }

    /// The period and its days, such as `2022 (2022-01-01..2022-12-31)`.
    public var description: String { "\(period) (\(dates))" }
}

extension Catalogue {
    /// Resolves a period against the catalogue's programme, once; `nil` when the period does
    /// not exist.
    ///
    /// Evaluate the result with this catalogue: its ``ResolvedPeriod/readDays`` include the
    /// days its rules read.
    public func resolve(_ period: Period) -> ResolvedPeriod? {
        guard let dates = period.dates(programme: programme.period) else { return nil }
        var start = dates.start
        var end = dates.end
        for rule in rules {
            for reference in rule.left.references + rule.right.references {
                guard let range = reference.period.dates(reporting: dates, programme: programme.period) else {
                    continue
                }
                start = min(start, range.start)
                end = max(end, range.end)
            }
        }
        return ResolvedPeriod(
            period: period, dates: dates, readDays: DateRange(start, end) ?? dates, programmeDates: programme.period)
    }
}
