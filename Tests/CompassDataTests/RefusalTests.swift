import Compass
import CompassCommandLine
import Foundation
import Testing

/// A report that cannot be trusted is an error, not a page of zeros (issue #21).
@Suite struct RefusalTests {
    let command = CompassCommand()

    @Test func noDataIsAnErrorEvenWhenLenient() throws {
        let missing = command.run(["report", "--data", "/no/such/folder", "--lenient"])
        #expect(missing.status == 1)
        #expect(missing.standardOutput == "")
        #expect(missing.standardError == "compass: no such directory or file: /no/such/folder\n")

        let empty = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let fromEmpty = command.run(["report", "--data", empty, "--lenient"])
        #expect(fromEmpty.status == 1)
        #expect(fromEmpty.standardOutput == "")
        #expect(fromEmpty.standardError.contains("migrants.csv: the file is required"))

        // Only one of the two required files.
        try Data((migrantsHeader + "M1,female,,,,\n").utf8).write(to: URL(fileURLWithPath: empty + "/migrants.csv"))
        let oneFile = command.run(["report", "--data", empty, "--lenient"])
        #expect(oneFile.status == 1)
        #expect(oneFile.standardError.contains("assistance.csv: the file is required"))
        #expect(!oneFile.standardError.contains("migrants.csv: the file is required"))
    }

    @Test func aPeriodOutsideTheProgrammeIsAnError() throws {
        let outcome = command.run(["report", "--period", "1999"])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(
            outcome.standardError
                == "compass: the period 1999 (1999-01-01..1999-12-31) lies outside the programme COMPASS, which runs 2021-01-01..2023-12-31\n"
        )
        let error = #expect(throws: EvaluationError.self) {
            try Engine().report(.compass, on: Dataset.compassSample2022(), period: .year(1999))
        }
        #expect(error?.description.contains("lies outside the programme COMPASS") == true)
        // A period that overlaps the programme is reported.
        #expect(command.run(["report", "--period", "2020-07-01..2021-06-30"]).status == 0)
    }

    @Test func aPeriodWithoutRecordsIsPublishedWithAWarning() throws {
        let data = Dataset {
            Migrant("m1", sex: .female, birthYear: 1990)
            Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
        }
        let empty = try Engine().evaluate(.compass, on: data, period: .quarter(2021, 1))
        let warning = try #require(empty.findings.first { $0.rule == "no-records-in-period" })
        #expect(warning.severity == .warning)
        #expect(
            warning.message
                == "no record of any kind is dated in 2021-Q1 (2021-01-01..2021-03-31); every figure is zero")
        let full = try Engine().evaluate(.compass, on: data, period: .year(2022))
        #expect(!full.findings.contains { $0.rule == "no-records-in-period" })
    }

    @Test func aStrictReportRefusesDataWithErrorFindings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Registered and assisted in 2022, born in 2030: two impossible values, error findings.
        try Data((migrantsHeader + "M1,female,2030,,2022-01-10,\nM2,male,1990,,,\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data(validAssistance.utf8).write(to: URL(fileURLWithPath: directory + "/assistance.csv"))
        let strict = command.run(["report", "--data", directory])
        #expect(strict.status == 1)
        #expect(strict.standardOutput == "")
        #expect(
            strict.standardError.contains(
                "error [impossible-value] 2 records break this rule; `compass validate` names them for the data owner\n"
            ))
        #expect(strict.standardError.hasSuffix("or use --lenient to publish with the findings)\n"))
        let lenient = command.run(["report", "--data", directory, "--lenient"])
        #expect(lenient.status == 0)
        #expect(lenient.standardOutput.contains("`impossible-value`"))
    }
}
