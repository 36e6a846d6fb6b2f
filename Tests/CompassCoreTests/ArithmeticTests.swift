import CompassCore
import Testing

@Suite struct ApportionmentTests {
    @Test(arguments: [
        ([19_950, 19_534, 2_078], [48, 47, 5]),
        ([241, 205], [54, 46]),
        ([539, 1_046], [34, 66]),
        ([1, 1, 1], [34, 33, 33]),
        ([1, 1], [50, 50]),
        ([1, 2], [33, 67]),
        ([2, 1, 1], [50, 25, 25]),
        ([1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
        ([5], [100]),
        ([0, 0], [0, 0]),
        ([0, 3], [0, 100]),
    ])
    func wholePercentsAddUpToAHundred(_ values: [Int], _ expected: [Int]) {
        #expect(Apportionment.largestRemainder(values) == expected)
    }

    @Test func tiesGoToTheLargerValueThenTheEarlierCategory() {
        // 2, 5 and 8 of 15 all leave a remainder of 5 fifteenths: the largest value gets the spare unit.
        #expect(Apportionment.largestRemainder([2, 5, 8], total: 10) == [1, 3, 6])
        #expect(Apportionment.largestRemainder([8, 5, 2], total: 10) == [6, 3, 1])
        // Equal values and remainders: the earlier position wins.
        #expect(Apportionment.largestRemainder([3, 3, 3], total: 10) == [4, 3, 3])
    }

    @Test func anyVectorAddsUpAndStaysWithinOneOfItsQuota() {
        var state: UInt64 = 7
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 60) + 1
            let values = (0..<count).map { index in Int((state >> UInt64(index * 3)) & 0x3FF) }
            let parts = Apportionment.largestRemainder(values)
            let sum = values.reduce(0, +)
            if sum == 0 {
                #expect(parts.allSatisfy { $0 == 0 })
                continue
            }
            #expect(parts.reduce(0, +) == 100)
            for (value, part) in zip(values, parts) {
                let quota = Double(value) * 100 / Double(sum)
                #expect(Double(part) > quota - 1 && Double(part) < quota + 1)
            }
        }
    }
}

@Suite struct FigureTests {
    @Test(arguments: [(2_150, 2_500, 86), (1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100), (7, 200, 4)])
    func percentsRoundHalfUp(_ numerator: Int, _ denominator: Int, _ percent: Int) {
        #expect(Fraction(numerator, over: denominator).percent == percent)
    }

    @Test func aShareOverZeroHasNoPercent() {
        #expect(Fraction(0, over: 0).percent == nil)
        #expect(FigureFormat(language: .english).display(.share(Fraction(0, over: 0)), presentation: .exact) == "–")
    }

    @Test func lowerBoundsStayStrictlyBelowTheValue() {
        let presentation = Presentation.lowerBound(step: 10_000)
        #expect(presentation.bound(for: 171_384) == 170_000)
        #expect(presentation.bound(for: 180_000) == 170_000)
        #expect(presentation.bound(for: 170_000) == 160_000)
        #expect(presentation.bound(for: 170_001) == 170_000)
        #expect(presentation.bound(for: 1) == 0)
        #expect(presentation.bound(for: 0) == nil)
        #expect(Presentation.exact.bound(for: 171_384) == nil)
    }

    @Test func englishFigures() {
        let style = FigureFormat(language: .english)
        #expect(style.integer(41_562) == "41,562")
        #expect(style.integer(999) == "999")
        #expect(style.integer(1_000_000) == "1,000,000")
        #expect(style.integer(-1_234) == "-1,234")
        #expect(style.integer(0) == "0")
        #expect(style.percent(86) == "86%")
        #expect(style.display(.count(171_384), presentation: .lowerBound(step: 10_000)) == "> 170,000")
        #expect(style.money(Money(major: 55_000_000, currency: "EUR")) == "EUR 55,000,000")
        #expect(style.date(CalendarDate("2021-01-01")) == "1 January 2021")
        #expect(style.period(.quarter(2022, 3), dates: DateRange("2022-07-01", "2022-09-30")!) == "Q3 2022")
        #expect(style.period(.month(2022, 7), dates: DateRange("2022-07-01", "2022-07-31")!) == "July 2022")
    }

    @Test func frenchFiguresUseNoBreakSpaces() {
        let style = FigureFormat(language: .french)
        #expect(style.integer(41_562) == "41\u{00A0}562")
        #expect(style.integer(1_585) == "1\u{00A0}585")
        #expect(style.percent(86) == "86\u{00A0}%")
        #expect(style.display(.count(171_384), presentation: .lowerBound(step: 10_000)) == ">\u{00A0}170\u{00A0}000")
        #expect(style.money(Money(major: 55_000_000, currency: "EUR")) == "55\u{00A0}000\u{00A0}000\u{00A0}EUR")
        #expect(style.date(CalendarDate("2021-01-01")) == "1er janvier 2021")
        #expect(style.date(CalendarDate("2023-12-31")) == "31 décembre 2023")
        #expect(style.period(.quarter(2022, 3), dates: DateRange("2022-07-01", "2022-09-30")!) == "T3 2022")
    }

    @Test func localizedTextFallsBackToEnglish() {
        let title: LocalizedText = ["en": "Girls assisted", "fr": "Filles assistées"]
        #expect(title[.french] == "Filles assistées")
        #expect(title["es"] == "Girls assisted")
        let spanishOnly: LocalizedText = ["es": "Niñas asistidas"]
        #expect(spanishOnly[.english] == "Niñas asistidas")
    }
}
