/// A reporting period: a year, a quarter, a month, the whole programme, or any closed range of days.
///
/// A record counts in a period when its own date lies within the period, both
/// ends included. Periods are written as text on the command line and in files:
///
/// | text | period |
/// |---|---|
/// | `2022` | ``year(_:)`` |
/// | `2022-Q3` | ``quarter(_:_:)`` |
/// | `2022-07` | ``month(_:_:)`` |
/// | `programme` | ``programme``: the programme's own period |
/// | `2021-01-01..2023-12-31` | ``range(_:)`` |
public enum Period: Hashable, Sendable, CustomStringConvertible {
    /// A calendar year.
    case year(Int)
    /// A quarter, 1 to 4, of a year.
    case quarter(Int, Int)
    /// A month, 1 to 12, of a year.
    case month(Int, Int)
    /// The programme's whole period, as its ``Programme/period`` says.
    case programme
    /// Any closed range of days.
    case range(DateRange)

    /// The days the period covers, for a programme running over `programmePeriod`.
    ///
    /// Returns `nil` for a quarter or month out of range, or a year outside 1...9999.
    public func dates(programme programmePeriod: DateRange) -> DateRange? {
        switch self {
        case .year(let year):
            guard (1...9999).contains(year) else { return nil }
            return DateRange(CalendarDate.firstDay(year: year, month: 1), CalendarDate.lastDay(year: year, month: 12))
        case .quarter(let year, let quarter):
            guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
            return DateRange(
                CalendarDate.firstDay(year: year, month: quarter * 3 - 2),
                CalendarDate.lastDay(year: year, month: quarter * 3))
        case .month(let year, let month):
            guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
            return DateRange(
                CalendarDate.firstDay(year: year, month: month), CalendarDate.lastDay(year: year, month: month))
        case .programme:
            return programmePeriod
        case .range(let range):
            return range
        }
    }

    /// The period as text, in the form ``init(_:)`` reads.
    public var description: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch self {
        case .year(let year): return "\(year)"
        case .quarter(let year, let quarter): return "\(year)-Q\(quarter)"
        case .month(let year, let month): return "\(year)-\(pad(month))"
        case .programme: return "programme"
        case .range(let range): return range.description
        }
    }

    /// Parses a period written as `2022`, `2022-Q3`, `2022-07`, `programme` or `2021-01-01..2023-12-31`.
    ///
    /// Returns `nil` for anything else, including impossible dates and ranges that end before they start.
    public init?(_ text: String) {
        if text == "programme" {
            self = .programme
            return
        }
        if let separator = text.range(of: "..") {
            guard let start = CalendarDate(text[..<separator.lowerBound]),
                let end = CalendarDate(text[separator.upperBound...]),
                let range = DateRange(start, end)
            else { return nil }
            self = .range(range)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1 else { return nil }
        switch parts.count {
        case 1:
            self = .year(year)
        case 2 where parts[1].count == 2 && parts[1].first == "Q":
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self = .quarter(year, quarter)
        case 2 where parts[1].count == 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self = .month(year, month)
        default:
            return nil
        }
    }
}

extension String {
    /// The range of the first occurrence of `needle`, searched by Unicode scalars.
    func range(of needle: String) -> Range<String.Index>? {
        let scalars = unicodeScalars
        let pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty else { return nil }
        var index = scalars.startIndex
        while index != scalars.endIndex {
            var probe = index
            var matched = 0
            while matched < pattern.count, probe != scalars.endIndex, scalars[probe] == pattern[matched] {
                probe = scalars.index(after: probe)
                matched += 1
            }
            if matched == pattern.count { return index..<probe }
            index = scalars.index(after: index)
        }
        return nil
    }
}
