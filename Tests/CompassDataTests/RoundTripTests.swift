import Compass
import Foundation
import Testing

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory(_ name: String = #function) throws -> String {
    let path = NSTemporaryDirectory() + "compass-data-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct RoundTripTests {
    @Test func calibratedSampleSurvivesCSV() throws {
        let sample = Dataset.compassSample2022()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try sample.write(toDirectory: directory)
        let result = DatasetReader().read(from: directory)
        #expect(result.problems == [])
        #expect(result.dataset == sample)
        let again = try Dataset(contentsOfDirectory: directory)
        #expect(again == sample)
        let original = try Engine().report(.compass, on: sample, period: .year(2022))
        let reread = try Engine().report(.compass, on: again, period: .year(2022))
        #expect(reread == original)
    }

    @Test func calibratedSampleSurvivesJSON() throws {
        let sample = Dataset.compassSample2022()
        let result = DatasetReader().read(json: sample.jsonBytes())
        #expect(result.problems == [])
        #expect(result.dataset == sample)
    }
}

/// A dataset with every kind of record and values that need quoting and escaping.
let trickyDataset = Dataset(
    description: ["en": "Tricky, \"quoted\"\nand multi-line", "fr": "Données — accentuées"],
    migrants: [
        Migrant(
            "M,1", sex: .female, birthYear: 1990, nationality: "NGA", registeredOn: "2022-01-10",
            vulnerabilities: [.health, .victimOfTrafficking]),
        Migrant("\"M2\"", sex: .unknown),
        Migrant(" M3 ", sex: .male, birthYear: 2010, vulnerabilities: Set(Vulnerability.allCases)),
    ],
    assistance: [
        Assistance("A\r\n1", for: "M,1", .humanitarianAid, on: "2022-02-01", in: "LBY"),
        Assistance("A2", for: "unregistered", .reintegration, on: "2024-02-29", in: "MLI"),
    ],
    surveys: [SatisfactionResponse("S1", by: "M,1", about: .return, on: "2022-03-01", satisfied: false)],
    trainings: [
        Training(
            "T1", topic: .counterTrafficking, audience: .community, in: "TCD", from: "2022-01-01", to: "2022-01-03")
    ],
    participants: [TrainingParticipant("P1", in: "T1", sex: .female, organisation: .un)],
    knowledgeProducts: [
        KnowledgeProduct(
            "K1", kind: .policyBrief, title: "\u{FEFF}Starts with a BOM, ends with \"quotes\"\r",
            publishedOn: "2022-05-05"),
        KnowledgeProduct("K2", kind: .other, title: "", publishedOn: "2023-01-01"),
    ],
    disseminations: [Dissemination("D1", of: "K1", on: "2022-06-01", to: .ngo, representatives: 0)],
    engagements: [Engagement("E1", on: "2022-07-01", in: "NER", youth: 12, supportNetwork: 999_999_999)],
    platformVisits: [PlatformVisits("waka_well", year: 2022, month: 9, visitors: 171_384)])

@Suite struct WriterTests {
    @Test func trickyValuesSurviveCSV() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try trickyDataset.write(toDirectory: directory)
        let result = DatasetReader().read(from: directory)
        #expect(result.errors == [])
        #expect(result.dataset == trickyDataset)
        let migrants = try String(contentsOfFile: directory + "/migrants.csv", encoding: .utf8)
        #expect(
            migrants == """
                migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities
                "M,1",female,1990,NGA,2022-01-10,victim_of_trafficking;health
                \"\"\"M2\"\"\",unknown,,,,
                 M3 ,male,2010,,,victim_of_trafficking;unaccompanied_or_separated_child;health;gender_based_violence;disability;other

                """)
    }

    @Test func trickyValuesSurviveJSON() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/data.json"
        try trickyDataset.writeJSON(to: path)
        let result = DatasetReader().read(from: path)
        #expect(result.errors == [])
        #expect(result.dataset == trickyDataset)
        #expect(try Dataset(contentsOf: path) == trickyDataset)
    }

    @Test func writingAgainReplacesAStaleDescription() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try trickyDataset.write(toDirectory: directory)
        var plain = trickyDataset
        plain.description = nil
        try plain.write(toDirectory: directory)
        #expect(try Dataset(contentsOfDirectory: directory) == plain)
    }
}

@Suite struct SyntheticDataTests {
    /// The SHA-free fingerprint of a directory: every file's bytes, by name.
    func contents(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = FileManager.default.contents(atPath: directory + "/" + name)
        }
        return files
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = try temporaryDirectory()
        let second = try temporaryDirectory()
        let other = try temporaryDirectory()
        defer {
            for path in [first, second, other] { try? FileManager.default.removeItem(atPath: path) }
        }
        let counts = try SyntheticData.write(migrants: 3_000, seed: 42, toDirectory: first)
        try SyntheticData.write(migrants: 3_000, seed: 42, toDirectory: second)
        try SyntheticData.write(migrants: 3_000, seed: 43, toDirectory: other)
        let written = try contents(first)
        #expect(written.keys.sorted() == DatasetFile.allCases.map(\.fileName).sorted())
        #expect(written == (try contents(second)))
        #expect(written["assistance.csv"] != (try contents(other))["assistance.csv"])
        #expect(counts.first?.records == 3_000)

        // The streamed files hold exactly the records the in-memory generator gives, and read back cleanly.
        let result = DatasetReader().read(from: first)
        #expect(result.problems == [])
        let generated = SyntheticData.generate(migrants: 3_000, seed: 42)
        #expect(result.dataset == generated)
        let expected: [Int] = [
            generated.migrants.count, generated.assistance.count, generated.surveys.count, generated.trainings.count,
            generated.participants.count, generated.knowledgeProducts.count, generated.disseminations.count,
            generated.engagements.count, generated.platformVisits.count, 2,
        ]
        #expect(counts.map(\.records) == expected)
    }

    @Test func proportionsAreRealistic() throws {
        let data = SyntheticData.generate(migrants: 10_000, seed: 1)
        let perMigrant = Double(data.assistance.count) / Double(data.migrants.count)
        #expect(perMigrant > 2.4 && perMigrant < 2.7)
        let years = Set(data.assistance.map(\.date.year))
        #expect(years == [2021, 2022, 2023])
        #expect(Set(data.assistance.map(\.country)).count == 14)
        #expect(Set(data.assistance.map(\.kind)) == Set(AssistanceKind.allCases))
        #expect(data.surveys.count > 500 && data.surveys.count < 1_500)
        #expect(data.trainings.count == 50)
        #expect(data.engagements.count == 100)
        #expect(data.platformVisits.count == 108)
        let evaluation = try Engine().evaluate(.compass, on: data, period: .year(2022))
        #expect(evaluation.findings.filter { $0.severity == .error } == [])
    }
}
