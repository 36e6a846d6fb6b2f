/// A day in the proleptic Gregorian calendar: a year, a month and a day, with no time or time zone.
///
/// Reporting periods are made of days, not instants, so every record carries a
/// `CalendarDate`. Dates compare in calendar order and are written and read in
/// ISO 8601 form (`2022-03-01`).
///
/// ```swift
/// let date = CalendarDate(year: 2022, month: 3, day: 1)!
/// print(date)                                   // 2022-03-01
/// CalendarDate("2022-02-30") == nil             // true: February has no 30th
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The date packed as `year * 10_000 + month * 100 + day`, which orders like the calendar.
    @usableFromInline let packed: Int32

    /// Creates a date, or returns `nil` when the day does not exist in that month.
    ///
    /// - Parameters:
    ///   - year: A year from 1 to 9999.
    ///   - month: A month from 1 to 12.
    ///   - day: A day from 1 to the number of days in that month.
    @inlinable public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
            day <= 28 || day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        packed = Int32(truncatingIfNeeded: year &* 10_000 &+ month &* 100 &+ day)
    }

    /// Creates a date from its packed `yyyymmdd` form, which must already be valid.
    @inlinable init(packed: Int32) { self.packed = packed }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`, exactly ten characters.
    ///
    /// Returns `nil` for any other shape and for days that do not exist, such as `2022-02-30`.
    public init?(_ text: some StringProtocol) {
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 10 else { return nil }
            if count == 5 || count == 8 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
        }
        guard count == 10 else { return nil }
        self.init(
            year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
            month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
    }

    /// The date as the integer `yyyymmdd`, such as 20220301, which orders like the calendar.
    @inlinable public var yyyymmdd: Int32 { packed }

    /// The year, from 1 to 9999.
    public var year: Int { Int(packed / 10_000) }
    /// The month, from 1 to 12.
    public var month: Int { Int(packed / 100 % 100) }
    /// The day of the month, from 1 to 31.
    public var day: Int { Int(packed % 100) }

    /// The date in ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.packed < rhs.packed }

    /// Whether `year` is a leap year in the Gregorian calendar.
    @inlinable public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    @inlinable public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day of a month.
    static func firstDay(year: Int, month: Int) -> CalendarDate {
        CalendarDate(packed: Int32(year * 10_000 + month * 100 + 1))
    }

    /// The last day of a month.
    static func lastDay(year: Int, month: Int) -> CalendarDate {
        CalendarDate(packed: Int32(year * 10_000 + month * 100 + daysIn(month: month, year: year)))
    }

    /// The day after this one.
    public var next: CalendarDate {
        if day < CalendarDate.daysIn(month: month, year: year) { return CalendarDate(packed: packed + 1) }
        if month < 12 { return CalendarDate.firstDay(year: year, month: month + 1) }
        return CalendarDate.firstDay(year: year + 1, month: 1)
    }

    /// The number of days since 0001-01-01 (day 0), for arithmetic on dates.
    public var dayNumber: Int {
        // Days before this year, then days before this month, then the day.
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += CalendarDate.daysIn(month: m, year: year) }
        return days + day - 1
    }

    /// The date `dayNumber` days after 0001-01-01, or `nil` outside years 1...9999.
    public init?(dayNumber: Int) {
        guard dayNumber >= 0 else { return nil }
        var remaining = dayNumber
        // 400-year cycles have 146,097 days.
        var year = 1 + 400 * (remaining / 146_097)
        remaining %= 146_097
        while true {
            let length = CalendarDate.isLeapYear(year) ? 366 : 365
            if remaining < length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        while remaining >= CalendarDate.daysIn(month: month, year: year) {
            remaining -= CalendarDate.daysIn(month: month, year: year)
            month += 1
        }
        self.init(year: year, month: month, day: remaining + 1)
    }
}

extension CalendarDate: LosslessStringConvertible {}

extension CalendarDate: ExpressibleByStringLiteral {
    /// Creates a date from an ISO 8601 literal such as `"2022-03-01"`.
    ///
    /// A literal is written by the programmer, so an invalid one is a programming
    /// error and stops the program with a message naming it.
    public init(stringLiteral value: String) {
        guard let date = CalendarDate(value) else {
            preconditionFailure("\"\(value)\" is not a valid ISO 8601 calendar date (YYYY-MM-DD)")
        }
        self = date
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a valid ISO 8601 date (YYYY-MM-DD)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A closed range of days, both ends included.
///
/// A record counts in a range when its own date lies between ``start`` and ``end`` inclusive.
public struct DateRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first day of the range.
    public let start: CalendarDate
    /// The last day of the range.
    public let end: CalendarDate

    /// Creates a range, or returns `nil` when `end` is before `start`.
    public init?(_ start: CalendarDate, _ end: CalendarDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// Whether `date` lies within the range, both ends included.
    @inlinable public func contains(_ date: CalendarDate) -> Bool {
        start.packed <= date.packed && date.packed <= end.packed
    }

    /// The range as `start..end` in ISO 8601 form.
    public var description: String { "\(start)..\(end)" }
}
