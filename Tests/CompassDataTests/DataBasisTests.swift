import Compass
import CompassCommandLine
import Foundation
import Testing

/// Every report states what its figures rest on, worded for the reader (issue #21).
@Suite struct DataBasisTests {
    let command = CompassCommand()

    @Test func theStatementCountsRecordsRejectedRowsAndFindings() {
        let basis = DataBasis(
            records: [
                .init(source: .migrants, file: "migrants.csv", read: 2_000, accepted: 1_996),
                .init(source: .assistance, file: "assistance.csv", read: 4_985),
            ],
            rejected: [.init(.error, rule: "invalid-code", count: 4)],
            findings: [
                .init(.warning, rule: "unknown-migrant", count: 2), .init(.error, rule: "impossible-value", count: 1),
            ])
        #expect(basis.rejectedRows == 4)
        #expect(
            FigureFormat(language: .english).basis(basis)
                == "Computed from 1,996 of 2,000 migrants and 4,985 of 4,985 services; 4 rows rejected (invalid-code 4); 3 findings (unknown-migrant 2, impossible-value 1)."
        )
        #expect(
            FigureFormat(language: .french).basis(basis)
                == "Calculé à partir de 1\u{00A0}996 migrants sur 2\u{00A0}000 et de 4\u{00A0}985 services sur 4\u{00A0}985 ; 4 lignes rejetées (invalid-code 4) ; 3 constats (unknown-migrant 2, impossible-value 1)."
        )
        let clean = DataBasis(
            records: [.init(source: .migrants, read: 10), .init(source: .assistance, read: 1)], validated: true)
        #expect(
            FigureFormat(language: .english).basis(clean)
                == "Computed from all 10 migrants and 1 services recorded. The data passed validation.")
    }

    @Test func aLenientReportSaysWhatItRestsOnAStrictOneThatItPassed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data((migrantsHeader + "M1,female,,,,\nM2,woman,,,,\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data(validAssistance.utf8).write(to: URL(fileURLWithPath: directory + "/assistance.csv"))
        let lenient = command.run(["report", "--data", directory, "--lenient"])
        #expect(lenient.status == 0)
        #expect(
            lenient.standardOutput.contains(
                "> Computed from 1 of 2 migrants and 1 of 1 services; 1 row rejected (invalid-code 1).\n"))
        #expect(!lenient.standardOutput.contains("No findings"))
        let json = command.run(["report", "--data", directory, "--lenient", "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let basis = try #require(object["basis"] as? [String: Any])
        #expect(basis["validated"] as? Bool == false)
        let records = try #require(basis["records"] as? [[String: Any]])
        #expect(records.first?["file"] as? String == "migrants.csv")
        #expect(records.first?["read"] as? Int == 2)
        #expect(records.first?["accepted"] as? Int == 1)
        #expect(records.first?["rejected"] as? Int == 1)

        // The same data without its bad row, read strictly.
        try Data((migrantsHeader + "M1,female,,,,\n").utf8).write(to: URL(fileURLWithPath: directory + "/migrants.csv"))
        let strict = command.run(["report", "--data", directory])
        #expect(strict.status == 0)
        #expect(
            strict.standardOutput.contains(
                "> Computed from all 1 migrants and 1 services recorded. The data passed validation.\n"))
    }
}
