import Compass
import CompassTesting
import FieldOffice
import Testing

@Suite struct GirlsAssistedTests {
    @Test func aGirlAssistedTwiceIsCountedOnce() throws {
        let data = Dataset {
            Migrant("m1", sex: .female, birthYear: 2012)
            Assistance(for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance(for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "MLI")
        }
        try expect(.girlsAssisted, in: data, period: .year(2022), equals: 1, breakdown: [.country: ["MLI": 1]])
    }

    @Test func womenBoysAndGirlsWithoutABirthYearAreNotCounted() throws {
        let data = Dataset {
            Migrant("woman", sex: .female, birthYear: 1990)
            Migrant("boy", sex: .male, birthYear: 2012)
            Migrant("unknown-age", sex: .female)
            Migrant("girl", sex: .female, birthYear: 2006)
            for migrant in ["woman", "boy", "unknown-age", "girl"] {
                Assistance(for: Migrant.ID(migrant), .humanitarianAid, on: "2022-06-01", in: "NER")
            }
        }
        // Born in 2006, the girl is 16 at the end of 2022 and 17 at the end of 2023: a child in both.
        try expect(.girlsAssisted, in: data, period: .year(2022), equals: 1, breakdown: [.country: ["NER": 1]])
    }

    @Test func theFieldOfficeCatalogueIsSound() {
        checkCatalogue(.fieldOffice)
    }
}

@Suite struct TextMessageReporterTests {
    @Test func oneLinePerFigure() throws {
        let report = try Engine().report(.fieldOffice, on: .compassSample2022(), period: .year(2022))
        let message = try TextMessageReporter().render(report)
        let lines = message.split(separator: "\n")
        #expect(lines.first == "COMPASS 2022")
        #expect(lines.count == 1 + 14)
        #expect(lines.contains("41,562 Migrants assisted under the global objectives"))
        #expect(lines.contains("> 170,000 Visitors to the IOM online platforms supported by COMPASS"))
    }

    @Test func aTitleWithALineBreakStaysOnOneLine() throws {
        let catalogue = Catalogue(
            programme: .testing,
            indicators: [Indicator(id: "x", title: "two\nlines", measure: .count(.assistance))])
        let report = try Engine().report(catalogue, on: Dataset(), period: .year(2022))
        #expect(try TextMessageReporter().render(report) == "TEST 2022\n0 two lines\n")
    }
}
