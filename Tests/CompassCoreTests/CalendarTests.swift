import CompassCore
import CompassEngine
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2022-03-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])
    func validDatesRoundTrip(_ text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2022-02-30", "2021-02-29", "1900-02-29", "2022-13-01", "2022-00-10", "2022-04-31", "2022-3-1", "22-03-01",
        "2022/03/01", "2022-03-01T00:00", "", " 2022-03-01", "２０２２-03-01", "0000-01-01",
    ])
    func invalidDatesAreRejected(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    /// The meaning of `YYYY-MM-DD`, read one byte at a time, for the word-at-a-time parser to agree with.
    private static func reference(_ bytes: [UInt8]) -> CalendarDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var numbers: [Int] = []
        for range in [0..<4, 5..<7, 8..<10] {
            var number = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            numbers.append(number)
        }
        return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2])
    }

    /// Every byte value at every position of dates near the edges of months, years and the calendar.
    @Test func bytesParseAsTheyReadOneByOne() {
        let seeds = [
            "2022-03-01", "2024-02-29", "2023-02-28", "1900-02-28", "2000-02-29", "0001-01-01", "9999-12-31",
            "2022-12-31", "2022-10-09", "1999-09-30", "2022-04-30", "0000-00-00",
        ]
        var parsed = 0
        for seed in seeds {
            for position in 0..<10 {
                for value in 0...255 {
                    var bytes = Array(seed.utf8)
                    bytes[position] = UInt8(value)
                    let date = bytes.withUnsafeBufferPointer { CalendarDate(isoBytes: $0) }
                    #expect(date == Self.reference(bytes), "\(bytes)")
                    if date != nil { parsed += 1 }
                }
            }
        }
        // Lengths other than ten, and every day of a leap and a common year in every month's shape.
        for text in ["2022-03-1", "2022-03-011", "", "2022-03-01 "] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { CalendarDate(isoBytes: $0) } == nil)
        }
        for year in [2023, 2024] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                    let bytes = Array(text.utf8)
                    #expect(bytes.withUnsafeBufferPointer { CalendarDate(isoBytes: $0) } == Self.reference(bytes))
                }
            }
        }
        #expect(parsed == 625)
    }

    @Test func componentsAndOrder() throws {
        let date = try #require(CalendarDate(year: 2022, month: 12, day: 31))
        #expect(date.year == 2022 && date.month == 12 && date.day == 31)
        #expect(date < CalendarDate("2023-01-01"))
        #expect(date.next == CalendarDate("2023-01-01"))
        #expect(CalendarDate("2024-02-28").next == CalendarDate("2024-02-29"))
    }

    @Test func dayNumbersRoundTrip() throws {
        #expect(CalendarDate("0001-01-01").dayNumber == 0)
        #expect(CalendarDate("2022-01-01").dayNumber - CalendarDate("2021-01-01").dayNumber == 365)
        var date = CalendarDate("1999-12-25")
        for _ in 0..<1_000 {
            #expect(CalendarDate(dayNumber: date.dayNumber) == date)
            #expect(date.next.dayNumber == date.dayNumber + 1)
            date = date.next
        }
    }
}

@Suite struct PeriodTests {
    let programme = DateRange("2021-01-01", "2023-12-31")!

    @Test(arguments: [
        ("2022", "2022-01-01", "2022-12-31"),
        ("2022-Q1", "2022-01-01", "2022-03-31"),
        ("2022-Q3", "2022-07-01", "2022-09-30"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2022-07", "2022-07-01", "2022-07-31"),
        ("programme", "2021-01-01", "2023-12-31"),
        ("2021-03-15..2021-04-02", "2021-03-15", "2021-04-02"),
    ])
    func parsesEveryForm(_ text: String, _ start: String, _ end: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == text)
        let dates = try #require(period.dates(programme: programme))
        #expect(dates.start == CalendarDate(start))
        #expect(dates.end == CalendarDate(end))
    }

    @Test(arguments: [
        "22", "2022-Q5", "2022-Q0", "2022-13", "2022-00", "2022-7", "2022-02-30..2022-03-01",
        "2022-03-01..2022-02-01", "programmes", "", "2022..2023", "year",
    ])
    func rejectsNonsense(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test func rangesIncludeBothEnds() throws {
        let range = try #require(DateRange("2022-01-01", "2022-12-31"))
        #expect(range.contains("2022-01-01"))
        #expect(range.contains("2022-12-31"))
        #expect(!range.contains("2021-12-31"))
        #expect(!range.contains("2023-01-01"))
        #expect(DateRange("2022-02-01", "2022-01-31") == nil)
    }
}
