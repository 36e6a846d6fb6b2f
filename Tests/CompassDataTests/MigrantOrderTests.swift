import Compass
import Foundation
import Testing

/// Assistance and survey rows that name migrants in the order of migrants.csv are looked up
/// without hashing their ids (the id table's finger); rows in any other order, and every kind
/// of break in the order, must give the same people, numbers and problems.
@Suite struct MigrantOrderTests {
    /// A migrant id of a few bytes, of eight to sixteen, or of more (the comparisons differ).
    static func migrantID(_ index: Int) -> String {
        switch index % 3 {
        case 0: "m\(index)"
        case 1: "M\(String(index + 10_000_000))"
        default: "migrant-with-a-long-id-\(index)"
        }
    }

    static let migrantCount = 3_000

    static var migrantsCSV: String {
        var text = "migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities\n"
        for index in 0..<migrantCount {
            text += "\(migrantID(index)),\(index % 2 == 0 ? "female" : "male"),1990,MLI,2022-01-01,\n"
        }
        return text
    }

    /// The migrant named by each assistance row, in order: most migrants in the order of
    /// migrants.csv, one to three rows each, with every kind of break in that order.
    static var assistanceMigrants: [String] {
        var named: [String] = []
        var index = 0
        var jumps = 0
        var generator = SeededRandom(seed: 7)
        while index < migrantCount {
            let roll = Int.random(in: 0..<100, using: &generator)
            switch roll {
            case 0..<8:
                // Migrants without assistance: gaps of one to ten.
                index += Int.random(in: 1...10, using: &generator)
                continue
            case 8..<10:
                // A migrant missing from migrants.csv, then the order goes on.
                named.append("unregistered-\(roll)-\(index)")
            case 10..<12:
                // A migrant named earlier, out of order.
                named.append(migrantID(max(0, index - 500)))
            case 12 where jumps < 3:
                // A jump back of a few hundred migrants, then on in order from there (three times).
                jumps += 1
                index = max(0, index - 300)
            default: break
            }
            for _ in 0..<Int.random(in: 1...3, using: &generator) { named.append(migrantID(index)) }
            index += 1
        }
        return named
    }

    /// The rows of assistance.csv (every third one of reintegration), in the order of `rows`.
    static func assistanceCSV(_ rows: [(row: Int, migrant: String)]) -> String {
        var text = "assistance_id,migrant_id,kind,delivered_on,country\n"
        for (row, migrant) in rows {
            text += "A\(row),\(migrant),\(row % 3 == 0 ? "reintegration" : "humanitarian_aid"),2022-03-01,MLI\n"
        }
        return text
    }

    /// The rows of surveys.csv, one per row of assistance.csv, in the order of `rows`.
    static func surveysCSV(_ rows: [(row: Int, migrant: String)]) -> String {
        var text = "survey_id,migrant_id,service,answered_on,satisfied\n"
        for (row, migrant) in rows {
            text += "S\(row),\(migrant),protection,2022-03-01,\(row % 4 == 0 ? "no" : "yes")\n"
        }
        return text
    }

    static let catalogue = Catalogue(
        programme: .compass,
        indicators: [
            Indicator(
                id: "assisted", title: "Assisted", measure: .distinctPeople(.assistance), breakdowns: [.sex]),
            Indicator(
                id: "reintegrated", title: "Reintegrated",
                measure: .distinctPeople(.assistance, where: .kinds([.reintegration]))),
            Indicator(id: "surveyed", title: "Surveyed", measure: .distinctPeople(.surveys)),
        ])

    @Test func rowsInTheOrderOfMigrantsAndShuffledReadTheSame() throws {
        let named = Self.assistanceMigrants
        let ordered = Array(named.enumerated().map { (row: $0.offset, migrant: $0.element) })
        var generator = SeededRandom(seed: 11)
        let shuffled = ordered.shuffled(using: &generator)
        let registered = Set((0..<Self.migrantCount).map(Self.migrantID))
        let unregisteredRows = named.filter { !registered.contains($0) }.count
        #expect(unregisteredRows > 10)
        // Enough rows for many batches of probes.
        #expect(named.count > 4_000)
        var results: [Evaluation] = []
        for rows in [ordered, shuffled] {
            let files = [
                "migrants.csv": Array(Self.migrantsCSV.utf8),
                "assistance.csv": Array(Self.assistanceCSV(rows).utf8),
                "surveys.csv": Array(Self.surveysCSV(rows).utf8),
            ]
            let records = DatasetReader().read(files: files)
            let prepared = DatasetReader().prepare(files: files, programme: Self.catalogue.programme)
            #expect(prepared.problems == records.problems)
            // One warning per row naming a migrant missing from migrants.csv, in each file.
            #expect(prepared.problems.filter { $0.rule == "unknown-migrant" }.count == 2 * unregisteredRows)
            let evaluation = try Engine().evaluate(Self.catalogue, on: prepared.dataset, period: .year(2022))
            #expect(
                try Engine().evaluate(Self.catalogue, on: records.dataset, period: .year(2022))
                    == evaluation.withoutLocations)
            #expect(evaluation.findings.allSatisfy { $0.record == nil || $0.location?.file == "assistance.csv" })
            results.append(evaluation.withoutLocations)
        }
        // The same results; the same findings, in the order of each file's rows (on other lines).
        #expect(results[0].results == results[1].results)
        #expect(Set(results[0].findings.map(\.description)) == Set(results[1].findings.map(\.description)))
        let people = Set(named)
        let reintegrated = Set(named.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        #expect(results[0]["assisted"]?.value == .count(people.count))
        #expect(results[0]["reintegrated"]?.value == .count(reintegrated.count))
        #expect(results[0]["surveyed"]?.value == .count(people.count))
        let females = (0..<Self.migrantCount).filter { $0 % 2 == 0 && people.contains(Self.migrantID($0)) }
        #expect(results[0]["assisted"]?.breakdown(.sex)?["female"]?.value == females.count)
    }

    /// Far fewer survey answers than migrants, in no order: they are put in the order of their
    /// people by a radix sort (over the people's numbers, which pass 2,048), not by counting.
    @Test func fewAnswersOfManyMigrantsInNoOrder() throws {
        var generator = SeededRandom(seed: 5)
        let answers = (0..<300).map { row in
            (row: row, migrant: Self.migrantID(Int.random(in: 0..<Self.migrantCount, using: &generator)))
        }
        let files = [
            "migrants.csv": Array(Self.migrantsCSV.utf8),
            "assistance.csv": Array(Self.assistanceCSV([]).utf8),
            "surveys.csv": Array(Self.surveysCSV(answers).utf8),
        ]
        let catalogue = Catalogue(
            programme: .compass,
            indicators: [
                Indicator(id: "surveyed", title: "Surveyed", measure: .distinctPeople(.surveys)),
                Indicator(id: "answers", title: "Answers", measure: .count(.surveys)),
                Indicator(
                    id: "unhappy", title: "Unhappy", measure: .distinctPeople(.surveys, where: .satisfied(false))),
            ])
        let prepared = DatasetReader().prepare(files: files, programme: catalogue.programme)
        let evaluation = try Engine().evaluate(catalogue, on: prepared.dataset, period: .year(2022))
        #expect(evaluation["surveyed"]?.value == .count(Set(answers.map(\.migrant)).count))
        #expect(evaluation["answers"]?.value == .count(300))
        let unhappy = Set(answers.filter { $0.row % 4 == 0 }.map(\.migrant))
        #expect(evaluation["unhappy"]?.value == .count(unhappy.count))
    }
}
