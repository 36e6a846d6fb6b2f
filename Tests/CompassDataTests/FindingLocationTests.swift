import Compass
import CompassCommandLine
import Foundation
import Testing

/// Findings that name a record read from a CSV file say where it is, `file:line`.
@Suite struct FindingLocationTests {
    static let migrants = """
        migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities
        M1,female,1990,MLI,2022-01-10,
        M2,male,bad,MLI,2022-01-10,
        M2,male,2030,MLI,2022-01-10,
        M3,female,1985,XXA,2022-02-01,

        """
    static let assistance = """
        assistance_id,migrant_id,kind,delivered_on,country
        A1,M1,humanitarian_aid,2022-03-01,MLI
        "A2",M2,humanitarian_aid,2022-03-02,MLI
        A3,M9,humanitarian_aid,2022-03-03,MLI

        """
    static let participants = """
        training_id,person_id,sex,organisation_type
        T1,P1,female,ngo
        T1,P2,male,un
        T1,P1,male,ngo

        """
    static let trainings = """
        training_id,topic,audience,country,start_date,end_date
        T1,case_management,social_workers,MLI,2022-05-02,2022-05-04

        """
    static let visits = """
        platform,month,visitors
        web,2022-03,10
        web,2022-03,12

        """

    static var files: [String: [UInt8]] {
        [
            "migrants.csv": Array(migrants.utf8), "assistance.csv": Array(assistance.utf8),
            "trainings.csv": Array(trainings.utf8), "training_participants.csv": Array(participants.utf8),
            "platform_visits.csv": Array(visits.utf8),
        ]
    }

    static func located(_ findings: [Finding]) -> [String] {
        findings.filter { $0.record != nil }.map { "\($0.location.map(\.description) ?? "-") \($0.record ?? "")" }
    }

    @Test func preparedFindingsCarryTheirFileAndLine() {
        let result = DatasetReader().prepare(files: Self.files, programme: Programme.compass)
        // M2 on line 3 is rejected (its birth year is not a year), and so is the second count of
        // web in March (line 3): the findings are about line 4 of migrants.csv and line 2 of
        // platform_visits.csv (web is not a platform of the programme).
        #expect(result.problems.contains { $0.file == "migrants.csv" && $0.line == 3 && $0.severity == .error })
        #expect(
            Self.located(result.dataset.findings) == [
                "migrants.csv:4 migrants M2",
                "migrants.csv:5 migrants M3",
                "assistance.csv:3 assistance A2",
                "assistance.csv:4 assistance A3",
                "platform_visits.csv:2 platform_visits web 2022-3",
            ])
        let birth = result.dataset.findings.first { $0.record == "migrants M2" }
        #expect(
            birth?.description
                == "migrants.csv:4: error [impossible-value] migrants M2 has registered_on 2022-01-10, before the birth year 2030 of migrant M2"
        )
    }

    @Test func aDirectoryGivesTheSameLocations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("compass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in Self.files { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        let fromFiles = DatasetReader().prepare(from: directory.path, programme: Programme.compass)
        let inMemory = DatasetReader().prepare(files: Self.files, programme: Programme.compass)
        #expect(Self.located(fromFiles.dataset.findings) == Self.located(inMemory.dataset.findings))
        #expect(fromFiles.dataset.findings.allSatisfy { $0.record == nil || $0.location != nil })
    }

    @Test func findingsWithoutRecordsHaveNoLocation() {
        let clean = """
            migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities
            M1,female,1990,MLI,2022-01-10,

            """
        let result = DatasetReader().prepare(
            files: ["migrants.csv": Array(clean.utf8), "assistance.csv": Array(Self.assistance.utf8)],
            programme: Programme.compass)
        #expect(result.dataset.findings.allSatisfy { ($0.record == nil) == ($0.location == nil) })
        #expect(Finding(.note, rule: "r", message: "m").description == "note [r] m")
    }

    @Test func validatePrintsTheLineOfABirthYearAfterRegistration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("compass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = CompassCommand()
        #expect(command.run(["sample", "--calibrated", "2022", "--output", directory.path]).status == 0)
        let path = directory.appendingPathComponent("migrants.csv")
        var lines = try String(contentsOf: path, encoding: .utf8).components(separatedBy: "\n")
        var fields = lines[24].components(separatedBy: ",")
        fields[2] = "2099"
        lines[24] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: path, atomically: true, encoding: .utf8)
        let validated = command.run(["validate", "--data", directory.path])
        #expect(validated.status == 1)
        #expect(
            validated.standardOutput.hasPrefix(
                "migrants.csv:25: error [impossible-value] migrants \(fields[0]) has registered_on \(fields[4]), before the birth year 2099"
            ))
    }
}

extension Finding {
    /// The finding without its location, as records read as values give it.
    var withoutLocation: Finding {
        var finding = self
        finding.location = nil
        return finding
    }
}

extension Evaluation {
    /// The evaluation with findings without locations, as records read as values give it.
    var withoutLocations: Evaluation {
        var evaluation = self
        evaluation.findings = findings.map(\.withoutLocation)
        return evaluation
    }
}
