import Compass
import Foundation
import Testing

/// Reads in-memory files as a dataset directory.
func read(_ files: [String: String]) -> DatasetReadResult {
    DatasetReader().read(files: files.mapValues { Array($0.utf8) })
}

/// Reads in-memory files given as bytes.
func read(bytes files: [String: [UInt8]]) -> DatasetReadResult {
    DatasetReader().read(files: files)
}

let migrantsHeader = "migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities\n"
let assistanceHeader = "assistance_id,migrant_id,kind,delivered_on,country\n"
let validMigrants = migrantsHeader + "M1,female,1990,NGA,2022-01-10,health\nM2,male,,,,\n"
let validAssistance = assistanceHeader + "A1,M1,humanitarian_aid,2022-02-01,LBY\n"

/// The descriptions of a result's problems.
func lines(_ result: DatasetReadResult) -> [String] { result.problems.map(\.description) }

/// The accounting line of one file.
func accounting(_ result: DatasetReadResult, _ file: String) -> String? {
    result.accounting.first { $0.file == file }?.description
}

/// Reads, from a directory on disk (so through the file reader's buffer and its refills), valid
/// migrants and assistance and a knowledge_products.csv of `knowledgeProducts`.
func readFromDisk(knowledgeProducts text: String) throws -> DatasetReadResult {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try Data(validMigrants.utf8).write(to: URL(fileURLWithPath: directory + "/migrants.csv"))
    try Data(validAssistance.utf8).write(to: URL(fileURLWithPath: directory + "/assistance.csv"))
    try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/knowledge_products.csv"))
    return DatasetReader().read(from: directory)
}

@Suite struct MalformedFileTests {
    @Test func unterminatedQuoteIsLocatedAtItsField() {
        let result = read([
            "migrants.csv": "migrant_id,sex\nM1,female\n\"M2,male\nM3,female\n",
            "assistance.csv": assistanceHeader,
        ])
        #expect(
            lines(result) == [
                "migrants.csv:3:1: migrant_id: the quote that opens this field is never closed; the rest of the file is inside it"
            ])
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 2 read = 1 accepted + 1 rejected")
        #expect(result.dataset.migrants.map(\.id) == ["M1"])
    }

    @Test func raggedRowsNameTheMissingOrExtraColumn() {
        let result = read([
            "migrants.csv": "migrant_id,sex,birth_year\nM1,female\nM2,male,1990,extra\nM3,male,1991\n",
            "assistance.csv": assistanceHeader,
        ])
        #expect(
            lines(result) == [
                "migrants.csv:2:3: birth_year: the row has 2 fields but the header has 3; this column is missing",
                "migrants.csv:3:4: the row has 4 fields but the header has 3",
            ])
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 3 read = 1 accepted + 2 rejected")
    }

    @Test func invalidUTF8AndNULBytesAreErrors() {
        var migrants = Array("migrant_id,sex\nM".utf8) + [0xFF] + Array("1,female\nM2,fe".utf8) + [0]
        migrants += Array("male\nM3,male\n".utf8)
        let result = read(bytes: ["migrants.csv": migrants, "assistance.csv": Array(assistanceHeader.utf8)])
        #expect(
            lines(result) == [
                "migrants.csv:2:1: migrant_id: 'M\u{FFFD}1' is not valid UTF-8 text",
                "migrants.csv:3:2: sex: a NUL byte: the file is not text",
            ])
        #expect(result.problems.map(\.rule) == ["invalid-utf8", "nul-byte"])
        #expect(result.dataset.migrants.map(\.id) == ["M3"])
    }

    @Test func aTenMegabyteFieldIsRejectedAndTheNextRowRead() {
        let big = String(repeating: "x", count: 10 << 20)
        let result = read([
            "migrants.csv": validMigrants,
            "assistance.csv": assistanceHeader,
            "knowledge_products.csv":
                "product_id,kind,title,published_on\nK1,report,\"\(big)\",2022-01-01\nK2,study,Fine,2022-02-02\n",
        ])
        #expect(
            lines(result) == [
                "knowledge_products.csv:2:3: title: the record is longer than 1,048,576 bytes and is not read"
            ])
        #expect(result.dataset.knowledgeProducts.map(\.id) == ["K2"])
        #expect(
            accounting(result, "knowledge_products.csv") == "knowledge_products.csv: 2 read = 1 accepted + 1 rejected")
    }

    /// The limit applies to plain records too, however short the limit and wherever the record lies.
    @Test func aPlainRecordOverTheLimitIsRejected() {
        var options = DatasetReader.Options()
        options.maximumRecordBytes = 70
        let long = "K2,study," + String(repeating: "t", count: 70) + ",2022-02-02"
        let result = DatasetReader(options: options).read(
            files: [
                "migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(assistanceHeader.utf8),
                "knowledge_products.csv": Array(
                    "product_id,kind,title,published_on\nK1,study,Fine,2022-02-02\n\(long)\nK3,study,Fine,2022-02-02\n"
                        .utf8),
            ])
        #expect(
            lines(result) == ["knowledge_products.csv:3:3: title: the record is longer than 70 bytes and is not read"])
        #expect(result.dataset.knowledgeProducts.map(\.id) == ["K1", "K3"])
    }

    /// A record over the limit, then one that is not plain near the end of what was read: the
    /// scanner reads on from that record, not from the end of the one too long (found by fuzzing,
    /// when a batch of plain records was first tried there).
    @Test func aRecordAfterOneOverTheLimitIsReadWhole() {
        var options = DatasetReader.Options()
        options.maximumRecordBytes = 64
        let long = "K1,study," + String(repeating: "t", count: 70) + ",2022-01-01"
        // After a lone CR the next record is scanned byte by byte (it may start with the LF of a
        // CRLF split by the buffer), and then the one after it is tried in a batch.
        for headerEnd in ["\r", "\n", "\r\n"] {
            let text =
                "product_id,kind,title,published_on" + headerEnd + long + "\n"
                + "K2,study,\"Quoted, with a comma\",2022-01-02\nK3,study,Plain,2022-01-03\n"
            let result = DatasetReader(options: options).read(
                files: [
                    "migrants.csv": Array("migrant_id,sex\nM1,female\n".utf8),
                    "assistance.csv": Array(assistanceHeader.utf8), "knowledge_products.csv": Array(text.utf8),
                ])
            #expect(
                lines(result) == [
                    "knowledge_products.csv:2:3: title: the record is longer than 64 bytes and is not read"
                ])
            #expect(result.dataset.knowledgeProducts.map(\.title) == ["Quoted, with a comma", "Plain"])
        }
    }

    /// Ids over 65,535 bytes do not fit a batched row: their rows take the general path, with
    /// the same results, duplicates and references as any other.
    @Test func idsOverSixtyFourKilobytesAreReadAndChecked() throws {
        let migrant = String(repeating: "m", count: 70_000)
        let assistance = String(repeating: "a", count: 66_000)
        let files = [
            "migrants.csv": migrantsHeader + "M1,female,1990,NGA,2022-01-10,\n\(migrant),male,1980,MLI,2022-01-10,\n"
                + "\(migrant),female,1981,MLI,2022-01-10,\n",
            "assistance.csv": assistanceHeader + "A1,\(migrant),humanitarian_aid,2022-02-01,LBY\n"
                + "\(assistance),M1,reintegration,2022-02-02,LBY\n\(assistance),M1,reintegration,2022-02-03,LBY\n"
                + "A2,M1,reintegration,2022-02-04,LBY\n",
        ].mapValues { Array($0.utf8) }
        let records = DatasetReader().read(files: files)
        let prepared = DatasetReader().prepare(files: files, programme: nil)
        #expect(records.problems.map(\.rule) == ["duplicate-id", "duplicate-id"])
        #expect(records.problems.map(\.line) == [4, 4])
        #expect(prepared.problems == records.problems)
        #expect(prepared.accounting == records.accounting)
        #expect(records.dataset.assistance.map(\.id) == ["A1", Assistance.ID(assistance), "A2"])
        #expect(prepared.dataset.recordCount(of: .assistance) == 3)
        let fromRecords = try Engine().evaluate(Catalogue.compass, on: records.dataset, period: .year(2022))
        #expect(try Engine().evaluate(Catalogue.compass, on: prepared.dataset, period: .year(2022)) == fromRecords)
    }

    @Test func emptyFileAndHeaderOnly() {
        let result = read(["migrants.csv": "", "assistance.csv": assistanceHeader])
        #expect(
            lines(result) == [
                "migrants.csv:1: the file is empty; it needs at least the header row: migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities"
            ])
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 0 read = 0 accepted + 0 rejected")
        #expect(accounting(result, "assistance.csv") == "assistance.csv: 0 read = 0 accepted + 0 rejected")
        #expect(accounting(result, "surveys.csv") == "surveys.csv: absent, no records of this kind")
    }

    @Test func duplicateHeaderRejectsEveryRow() {
        let result = read(["migrants.csv": "migrant_id,sex,sex\nM1,female,male\n", "assistance.csv": assistanceHeader])
        #expect(lines(result) == ["migrants.csv:1:3: sex: the column 'sex' appears twice, in columns 2 and 3"])
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 1 read = 0 accepted + 1 rejected")
    }

    @Test func missingRequiredColumnAndUnknownColumn() {
        let result = read([
            "migrants.csv": validMigrants,
            "assistance.csv":
                "assistance_id,migrant_id,kind,delivered_on,place\nA1,M1,humanitarian_aid,2022-02-01,LBY\n",
        ])
        #expect(
            lines(result) == [
                "assistance.csv:1:5: warning: 'place' is not a column of assistance.csv and is ignored (the columns are assistance_id, migrant_id, kind, delivered_on, country)",
                "assistance.csv:1: the required column 'country' is missing (the columns are assistance_id, migrant_id, kind, delivered_on, country)",
            ])
        #expect(accounting(result, "assistance.csv") == "assistance.csv: 1 read = 0 accepted + 1 rejected")
    }

    @Test func wrongTypesAreAllReportedInOneRow() {
        let result = read([
            "migrants.csv": migrantsHeader + "M1,femme,19x0,Nigeria,2022-1-5,health;sick\n",
            "assistance.csv": assistanceHeader,
        ])
        #expect(
            lines(result) == [
                "migrants.csv:2:2: sex: 'femme' is not a code of sex (expected one of female, male, unknown)",
                "migrants.csv:2:3: birth_year: '19x0' is not a year written YYYY",
                "migrants.csv:2:4: nationality: 'Nigeria' is not an ISO 3166-1 alpha-3 code (three capital letters, such as MLI)",
                "migrants.csv:2:5: registered_on: '2022-1-5' is not a date written YYYY-MM-DD",
                "migrants.csv:2:6: vulnerabilities: 'sick' in 'health;sick' is not a code of vulnerability (expected codes separated by ';' among victim_of_trafficking, unaccompanied_or_separated_child, health, gender_based_violence, disability, other)",
            ])
        #expect(result.problems.map(\.value) == ["femme", "19x0", "Nigeria", "2022-1-5", "health;sick"])
    }

    @Test func impossibleDatesAndUnknownCodes() {
        let result = read([
            "migrants.csv": validMigrants,
            "assistance.csv": assistanceHeader
                + "A1,M1,humanitarian,2022-02-01,LBY\nA2,M1,reintegration,2022-02-30,LBY\n",
        ])
        #expect(
            lines(result) == [
                "assistance.csv:2:3: kind: 'humanitarian' is not a code of assistance kind (expected one of humanitarian_aid, comprehensive_assistance, pre_departure, post_arrival, voluntary_return, reintegration)",
                "assistance.csv:3:4: delivered_on: '2022-02-30' is not a day of the calendar",
            ])
        #expect(result.problems.map(\.rule) == ["invalid-code", "invalid-date"])
    }

    @Test func negativeAndNonNumericCounts() {
        let result = read([
            "migrants.csv": validMigrants, "assistance.csv": validAssistance,
            "engagements.csv":
                "engagement_id,engaged_on,country,youth,support_network\nE1,2022-03-01,MLI,-5,ten\nE2,2022-03-02,MLI,5,10\n",
        ])
        #expect(
            lines(result) == [
                "engagements.csv:2:4: youth: '-5' is negative; a count is 0 or more",
                "engagements.csv:2:5: support_network: 'ten' is not a whole number",
            ])
        #expect(result.dataset.engagements.map(\.youth) == [5])
    }

    @Test func danglingReferences() {
        let result = read([
            "migrants.csv": validMigrants,
            "assistance.csv": assistanceHeader + "A1,M9,humanitarian_aid,2022-02-01,LBY\n",
            "trainings.csv":
                "training_id,topic,audience,country,start_date,end_date\nT1,other,community,MLI,2022-01-01,2022-01-02\n",
            "training_participants.csv":
                "training_id,person_id,sex,organisation_type\nT1,P1,male,ngo\nT2,P1,male,ngo\n",
        ])
        #expect(
            lines(result) == [
                "assistance.csv:2:2: warning: migrant_id: 'M9' is not in migrants.csv; the record is kept and counted with unknown sex, age and nationality",
                "training_participants.csv:3:1: training_id: 'T2' is not in trainings.csv",
            ])
        #expect(result.dataset.assistance.count == 1)
        #expect(result.dataset.participants.count == 1)
    }

    @Test func duplicateIdsNameTheFirstLine() {
        let result = read([
            "migrants.csv": validMigrants + "M1,male,,,,\n",
            "assistance.csv": validAssistance,
            "platform_visits.csv": "platform,month,visitors\nyenna,2022-01,10\nyenna,2022-01,12\nyenna,2022-13,1\n",
        ])
        #expect(
            lines(result) == [
                "migrants.csv:4:1: migrant_id: migrant 'M1' already appears on line 2; this row is rejected",
                "platform_visits.csv:3:2: month: month '2022-01' of platform 'yenna' already appears on line 2; this row is rejected",
                "platform_visits.csv:4:2: month: '2022-13' is not a month of the calendar",
            ])
        #expect(result.dataset.migrants.count == 2)
        #expect(result.dataset.platformVisits.map(\.visitors) == [10])
    }

    /// Duplicate assistance ids are found, with their first line, however the file is laid out:
    /// the ids are screened line by line when the file allows it (the id first, no quote, no lone
    /// CR), with the reader's own scanner otherwise; in both ways of reading.
    @Test(
        arguments: [
            // Line feeds; the last line without one.
            (
                "assistance_id,migrant_id,kind,delivered_on,country\nA1,M1,reintegration,2022-05-05,MLI\nA2,M1,reintegration,2022-05-05,MLI\nA1,M1,reintegration,2022-05-05,MLI\nA2,M1,reintegration,2022-05-05,MLI",
                [(4, 2), (5, 3)]
            ),
            // A byte-order mark, CRLF, and a blank line.
            (
                "\u{FEFF}assistance_id,migrant_id,kind,delivered_on,country\r\nA1,M1,reintegration,2022-05-05,MLI\r\n\r\nA1,M1,reintegration,2022-05-05,MLI\r\n",
                [(4, 2)]
            ),
            // The id in another column.
            (
                "country,migrant_id,kind,delivered_on,assistance_id\nMLI,M1,reintegration,2022-05-05,A1\nMLI,M1,reintegration,2022-05-05,A1\n",
                [(3, 2)]
            ),
            // A quoted id, the same as an unquoted one.
            (
                "assistance_id,migrant_id,kind,delivered_on,country\nA1,M1,reintegration,2022-05-05,MLI\n\"A1\",M1,reintegration,2022-05-05,MLI\n",
                [(3, 2)]
            ),
            // A lone CR ends a record, as it ends a line.
            (
                "assistance_id,migrant_id,kind,delivered_on,country\nA1,M1,reintegration,2022-05-05,MLI\rA1,M1,reintegration,2022-05-05,MLI\n",
                [(3, 2)]
            ),
        ] as [(String, [(Int, Int)])])
    func duplicateAssistanceIdsAreFoundInEveryLayout(assistance: String, duplicates: [(Int, Int)]) {
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(assistance.utf8)]
        for problems in [
            DatasetReader().read(files: files).problems,
            DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            let found = problems.filter { $0.rule == "duplicate-id" }
            let firstLines = found.map {
                $0.message.components(separatedBy: "already appears on line ").last?.prefix { $0.isNumber } ?? ""
            }
            #expect(found.map(\.line) == duplicates.map(\.0))
            #expect(firstLines == duplicates.map { "\($0.1)"[...] })
            #expect(problems.count == found.count)
        }
    }

    /// A plain file of several megabytes, screened line by line across the buffer's refills:
    /// duplicates anywhere are found.
    @Test func duplicateAssistanceIdsAreFoundAcrossAScreensBuffers() {
        var text = assistanceHeader
        for index in 0..<60_000 { text += "A\(index),M1,humanitarian_aid,2022-02-01,LBY\n" }
        text +=
            "A17,M1,humanitarian_aid,2022-02-01,LBY\nA59999,M1,humanitarian_aid,2022-02-01,LBY\nA30001,M2,reintegration,2022-02-01,LBY"
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(text.utf8)]
        for result in [
            DatasetReader().read(files: files).problems,
            DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            #expect(result.map(\.line) == [60_002, 60_003, 60_004])
            #expect(
                result.map { $0.message.components(separatedBy: ";")[0] } == [
                    "assistance 'A17' already appears on line 19", "assistance 'A59999' already appears on line 60001",
                    "assistance 'A30001' already appears on line 30003",
                ])
        }
    }

    /// The duplicate-id problems of a dataset with these migrants and assistance rows, read both
    /// ways: each as its line and the line it names first.
    private func assistanceDuplicates(_ assistance: String) -> [[String]] {
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(assistance.utf8)]
        return [
            DatasetReader().read(files: files).problems,
            DatasetReader().prepare(files: files, programme: nil).problems,
        ].map { problems in
            problems.map {
                "\($0.rule) \($0.line ?? 0) "
                    + ($0.message.components(separatedBy: "already appears on line ").last?.prefix { $0.isNumber } ?? "")
            }
        }
    }

    /// Ids in ascending order need no fingerprint, in byte order (`A1`, `A10`, `A100`, `A11`) as
    /// in order of length (`A9`, `A10`): a file in either order has no duplicate, and a repeat
    /// (of the id just before, or of one long before, or a prefix met again) ends the order and
    /// is found with its first line.
    @Test(
        arguments: [
            ("in byte order", 3_000, true, [], []),
            ("in order of length", 3_000, false, [], []),
            ("repeating the last", 3_000, true, ["A999"], ["duplicate-id 3002 3001"]),
            ("repeating an early one", 3_000, false, ["A12"], ["duplicate-id 3002 13"]),
            ("repeating a prefix", 0, false, ["B", "BA", "BB", "BBB", "C", "B"], ["duplicate-id 7 2"]),
            ("out of order, no repeat", 3_000, false, ["A0"], []),
        ] as [(String, Int, Bool, [String], [String])])
    func idsInAscendingOrderAreScreenedByTheirOrder(
        name: String, count: Int, asText: Bool, after: [String], expected: [String]
    ) {
        let numbered = (0..<count).map { "A\($0 + 1)" }
        let rows = ((asText ? numbered.sorted() : numbered) + after).map {
            "\($0),M1,humanitarian_aid,2022-02-01,LBY\n"
        }
        for found in assistanceDuplicates(assistanceHeader + rows.joined()) { #expect(found == expected, "\(name)") }
        // The same with a quoted field, which the screen reads with the scanner instead of by lines.
        let quoted = rows.joined().replacingOccurrences(of: ",LBY\n", with: ",\"LBY\"\n")
        for found in assistanceDuplicates(assistanceHeader + quoted) { #expect(found == expected, "\(name), quoted") }
    }

    /// The duplicate-id problems of these files, read four ways (records and columns, from
    /// memory and from disk), each as its line and the line it names first.
    private func duplicateIDs(_ files: [String: [UInt8]]) throws -> [[String]] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name)) }
        let reader = DatasetReader()
        return [
            reader.read(files: files).problems, reader.prepare(files: files, programme: nil).problems,
            reader.read(from: directory).problems, reader.prepare(from: directory, programme: nil).problems,
        ].map { problems in
            problems.filter { $0.rule == "duplicate-id" }.map {
                "\($0.line ?? 0) "
                    + ($0.message.components(separatedBy: "already appears on line ").last?.prefix { $0.isNumber } ?? "")
            }
        }
    }

    /// A file whose ids are in ascending order for more than its first megabyte is read without
    /// a screen made beforehand, each id compared with the one before. At the first out of order,
    /// the file is screened: a later row repeating an earlier one is found with its line, one
    /// repeating a row rejected while the ids were in order (whose id was never taken) is not, and
    /// a quoted row (read by the general path) is checked too.
    @Test func idsOutOfOrderAfterTheirFirstMegabyteAreScreenedThen() throws {
        var text = assistanceHeader
        // Lines 2 to 40,001; the row of line 102 has a date that is not a day and is rejected.
        for index in 0..<40_000 {
            text += "A\(100_000 + index),M1,humanitarian_aid,\(index == 100 ? "2022-02-30" : "2022-02-01"),LBY\n"
        }
        #expect(text.utf8.count > 1 << 20)
        text += "A100050,M1,humanitarian_aid,2022-02-01,LBY\n"  // 40,002: out of order, repeats line 52
        text += "A100100,M2,reintegration,2022-02-01,LBY\n"  // 40,003: the id of the rejected row
        text += "\"A139999\",M1,humanitarian_aid,2022-02-01,LBY\n"  // 40,004: repeats line 40,001
        text += "A100100,M1,humanitarian_aid,2022-02-01,LBY\n"  // 40,005: repeats line 40,003
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(text.utf8)]
        for found in try duplicateIDs(files) { #expect(found == ["40002 52", "40004 40001", "40005 40003"]) }
        let problems = DatasetReader().prepare(files: files, programme: nil).problems
        #expect(problems.filter { $0.rule != "duplicate-id" }.map(\.line) == [102])
    }

    /// Survey ids in order past their first megabyte, then out of order: the same.
    @Test func surveyIDsOutOfOrderAfterTheirFirstMegabyteAreScreenedThen() throws {
        let header = "survey_id,migrant_id,service,answered_on,satisfied\n"
        var text = header
        for index in 0..<32_000 { text += "S\(100_000 + index),M1,protection,2022-03-01,yes\n" }
        #expect(text.utf8.count > 1 << 20)
        text += "S100007,M1,protection,2022-03-01,no\nS131999,M2,protection,2022-03-01,yes\n"
        let files = [
            "migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(assistanceHeader.utf8),
            "surveys.csv": Array(text.utf8),
        ]
        for found in try duplicateIDs(files) { #expect(found == ["32002 9", "32003 32001"]) }
    }

    /// Survey ids are screened in the same way: in ascending order with the last repeated at the
    /// end, the repeat is found.
    @Test func surveyIdsInAscendingOrderWithARepeat() {
        let header = "survey_id,migrant_id,service,answered_on,satisfied\n"
        let rows = ((1...2_000).map { "S\($0)" } + ["S1999"]).map { "\($0),M1,protection,2022-03-01,yes\n" }
        let files = [
            "migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(assistanceHeader.utf8),
            "surveys.csv": Array((header + rows.joined()).utf8),
        ]
        for problems in [
            DatasetReader().read(files: files).problems, DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            #expect(problems.map(\.line) == [2_002])
            #expect(
                problems.map { $0.message.components(separatedBy: ";")[0] } == [
                    "survey 'S1999' already appears on line 2000"
                ])
        }
    }

    /// A file whose first lines are much longer than the rest: the screen, sized from those first
    /// lines, expects far fewer ids than come and grows its buckets on the way; every repeat is
    /// still found, with its first line.
    @Test func duplicatesAreFoundWhenTheScreenExpectedFewerIds() {
        var text = assistanceHeader
        for index in 0..<300 {
            text += "L\(index)" + String(repeating: "l", count: 300) + ",M1,humanitarian_aid,2022-02-01,LBY\n"
        }
        for index in 0..<60_000 { text += "A\(index),M1,humanitarian_aid,2022-02-01,LBY\n" }
        text += "A5,M1,humanitarian_aid,2022-02-01,LBY\nA59998,M2,reintegration,2022-02-01,LBY\n"
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(text.utf8)]
        for result in [
            DatasetReader().read(files: files).problems,
            DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            #expect(result.map(\.line) == [60_302, 60_303])
            #expect(
                result.map { $0.message.components(separatedBy: ";")[0] } == [
                    "assistance 'A5' already appears on line 307", "assistance 'A59998' already appears on line 60300",
                ])
        }
    }

    /// Random files of LF and CRLF lines, blank lines, ids of 1 to 40 bytes and repeats anywhere
    /// (the last line with or without a line end): every repeat is found, with its first line,
    /// through the screen's buffers and its batches of ids.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyRepeatedAssistanceIdIsFoundInRandomFiles(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var text = assistanceHeader
        var line = 1
        var firstLines: [String: Int] = [:]
        var expected: [String] = []
        var pool: [String] = []
        for row in 0..<30_000 {
            while Int.random(in: 0..<20, using: &random) == 0 {
                text += Bool.random(using: &random) ? "\n" : "\r\n"
                line += 1
            }
            let id: String
            if !pool.isEmpty, Int.random(in: 0..<25, using: &random) == 0 {
                id = pool[Int.random(in: 0..<pool.count, using: &random)]
            } else {
                let length = Int.random(in: 1...40, using: &random)
                id = "A\(row)" + String(repeating: "x", count: max(0, length - "A\(row)".count))
                pool.append(id)
            }
            line += 1
            if let first = firstLines[id] {
                expected.append("\(line) \(id) \(first)")
            } else {
                firstLines[id] = line
            }
            // The rest of the row varies, so that an id read wrongly differs between its rows.
            let migrant = ["M1", "M2"][Int.random(in: 0..<2, using: &random)]
            let day = Int.random(in: 10...28, using: &random)
            text += "\(id),\(migrant),humanitarian_aid,2022-02-\(day),LBY"
            if row < 29_999 || Bool.random(using: &random) { text += Bool.random(using: &random) ? "\n" : "\r\n" }
        }
        #expect(expected.count > 1_000)
        let files = ["migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(text.utf8)]
        let options = DatasetReader.Options(maximumProblemsPerFile: 100_000)
        for result in [
            DatasetReader(options: options).read(files: files).problems,
            DatasetReader(options: options).prepare(files: files, programme: nil).problems,
        ] {
            let found = result.filter { $0.rule == "duplicate-id" }.map { problem in
                let first = problem.message.components(separatedBy: "on line ").last?.components(separatedBy: ";")
                return "\(problem.line ?? 0) \(problem.value ?? "") \(first?.first ?? "")"
            }
            #expect(found == expected)
        }
    }

    /// The first line of a migrant is kept for every migrant, and must stay right after rows
    /// that are rejected, blank lines and quoted line breaks, in both ways of reading.
    @Test func duplicateMigrantsNameTheirFirstLineAfterRejectsBlankLinesAndLineBreaks() {
        let migrants =
            [
                "migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities",
                "M1,male,,,,",  // line 2
                "M2,femme,,,,",  // 3: rejected
                "",  // 4: blank
                "\"M\n3\",male,,,,",  // 5 and 6
                "M4,male,,,,",  // 7
                "M1,female,,,,",  // 8: duplicate of line 2
                "M4,female,,,,",  // 9: duplicate of line 7
                "\"M\n3\",female,,,,",  // 10 and 11: duplicate of line 5
            ].joined(separator: "\n") + "\n"
        let files = ["migrants.csv": Array(migrants.utf8), "assistance.csv": Array(validAssistance.utf8)]
        let expected = [
            "migrant 'M1' already appears on line 2", "migrant 'M4' already appears on line 7",
            "migrant 'M\\n3' already appears on line 5",
        ]
        for problems in [
            DatasetReader().read(files: files).problems,
            DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            let duplicates = problems.filter { $0.rule == "duplicate-id" }
            #expect(duplicates.map(\.line) == [8, 9, 10])
            #expect(duplicates.map { $0.message.components(separatedBy: ";")[0] } == expected)
        }
    }

    /// Every code of every list is read as itself, and a text of the same length and the same
    /// first and last letters as a code, but not that code, is refused (the code tables find a
    /// code from those three before comparing it whole), in both ways of reading.
    @Test func everyCodeIsReadAndNearMissesAreRefused() {
        /// Codes one letter off: in the second, the middle and the last but one place (the middle
        /// of a code over sixteen bytes is compared apart from its first and last eight), one
        /// letter more, one less.
        func nearMisses(_ code: String) -> [String] {
            var misses: [String] = []
            for place in Set([1, code.count / 2, code.count - 2]).sorted() where place >= 0 && place < code.count {
                var letters = Array(code)
                letters[place] = letters[place] == "q" ? "z" : "q"
                misses.append(String(letters))
            }
            return misses + [code + "s", String(code.dropLast())]
        }
        var migrants = migrantsHeader
        for (index, sex) in Sex.allCases.enumerated() {
            migrants += "M\(index),\(sex.code),,,,\(Vulnerability.allCases.map(\.code).joined(separator: ";"))\n"
        }
        for (index, miss) in nearMisses(Sex.female.code).enumerated() { migrants += "M-near\(index),\(miss),,,,\n" }
        var assistance = assistanceHeader
        for (index, kind) in AssistanceKind.allCases.enumerated() {
            assistance += "A\(index),M0,\(kind.code),2022-01-01,MLI\n"
            for (near, miss) in nearMisses(kind.code).enumerated() {
                assistance += "A-near\(index)-\(near),M0,\(miss),2022-01-01,MLI\n"
            }
        }
        var surveys = "survey_id,migrant_id,service,answered_on,satisfied\n"
        for (index, service) in SurveyService.allCases.enumerated() {
            surveys += "S\(index),M0,\(service.code),2022-01-01,yes\n"
            for (near, miss) in nearMisses(service.code).enumerated() {
                surveys += "S-near\(index)-\(near),M0,\(miss),2022-01-01,yes\n"
            }
        }
        // Organisation types have codes of two and three letters.
        var participants = "training_id,person_id,sex,organisation_type\n"
        for (index, organisation) in OrganisationType.allCases.enumerated() {
            participants += "T1,P\(index),female,\(organisation.code)\n"
            for (near, miss) in nearMisses(organisation.code).enumerated() {
                participants += "T1,P-near\(index)-\(near),female,\(miss)\n"
            }
        }
        let files = [
            "migrants.csv": migrants, "assistance.csv": assistance, "surveys.csv": surveys,
            "trainings.csv": "training_id,topic,audience,country,start_date,end_date\n"
                + "T1,other,community,MLI,2022-01-01,2022-01-02\n",
            "training_participants.csv": participants,
        ].mapValues { Array($0.utf8) }
        let expected =
            nearMisses(Sex.female.code) + AssistanceKind.allCases.flatMap { nearMisses($0.code) }
            + SurveyService.allCases.flatMap { nearMisses($0.code) }
            + OrganisationType.allCases.flatMap { nearMisses($0.code) }
        #expect(OrganisationType.allCases.contains { $0.code.utf8.count < 4 })
        #expect(AssistanceKind.allCases.contains { $0.code.utf8.count > 16 })
        for result in [
            DatasetReader().read(files: files).problems, DatasetReader().prepare(files: files, programme: nil).problems,
        ] {
            let refused = result.filter { $0.rule == "invalid-code" }.compactMap(\.value)
            #expect(refused == expected)
        }
        let dataset = DatasetReader().read(files: files).dataset
        #expect(dataset.migrants.map(\.sex) == Sex.allCases)
        #expect(dataset.migrants.allSatisfy { $0.vulnerabilities == Set(Vulnerability.allCases) })
        #expect(dataset.assistance.map(\.kind) == AssistanceKind.allCases)
        #expect(dataset.surveys.map(\.service) == SurveyService.allCases)
        #expect(dataset.participants.map(\.organisation) == OrganisationType.allCases)
    }

    @Test func quotedLineBreaksKeepLineNumbersAsAnEditorShows() {
        let result = read([
            "migrants.csv": validMigrants, "assistance.csv": validAssistance,
            "knowledge_products.csv":
                "product_id,kind,title,published_on\r\nK1,report,\"Two\r\nlines, \"\"quoted\"\"\",2022-01-01\r\nK2,report,\"a\nb\",2022-13-01\r\nK3,reprot,x,2022-01-01\r\n",
        ])
        #expect(
            lines(result) == [
                "knowledge_products.csv:5:4: published_on: '2022-13-01' is not a day of the calendar",
                "knowledge_products.csv:6:2: kind: 'reprot' is not a code of knowledge product kind (expected one of report, study, guidance, toolkit, policy_brief, infographic, other)",
            ])
        #expect(result.dataset.knowledgeProducts.map(\.title) == ["Two\r\nlines, \"quoted\""])
    }

    @Test func quotesOutOfPlace() {
        let result = read([
            "migrants.csv": "migrant_id,sex\nM\"1,female\n\"M2\"x,male\nM3,female\n",
            "assistance.csv": assistanceHeader,
        ])
        #expect(
            lines(result) == [
                "migrants.csv:2:1: migrant_id: a quote inside a field that does not start with one; quote the whole field and double the quote (\"\")",
                "migrants.csv:3:1: migrant_id: text after the closing quote; a quoted field ends at its closing quote",
            ])
        #expect(result.dataset.migrants.map(\.id) == ["M3"])
    }

    @Test func byteOrderMarkCRLFAndColumnsInAnyOrder() throws {
        let result = read([
            "migrants.csv": "\u{FEFF}sex,migrant_id\r\nfemale,M1\r\n\r\nmale,M2",
            "assistance.csv":
                "country,delivered_on,kind,migrant_id,assistance_id\r\nMLI,2022-05-05,reintegration,M2,A1\r\n",
        ])
        #expect(result.problems == [])
        #expect(
            result.dataset
                == Dataset(
                    migrants: [Migrant("M1", sex: .female), Migrant("M2", sex: .male)],
                    assistance: [Assistance("A1", for: "M2", .reintegration, on: "2022-05-05", in: "MLI")]))
    }

    @Test func oldMacLineEndsCountAsLines() {
        let result = read([
            "migrants.csv": "migrant_id,sex\rM1,female\r\"M\r2\",male\rM3,woman\r",
            "assistance.csv": assistanceHeader,
        ])
        #expect(
            lines(result) == [
                "migrants.csv:5:2: sex: 'woman' is not a code of sex (expected one of female, male, unknown)"
            ])
        #expect(result.dataset.migrants.map(\.id) == ["M1", "M\r2"])
    }

    @Test func controlCharactersAreShownEscaped() throws {
        let result = read(["migrants.csv": "migrant_id,sex\nM1,\"a\tb\u{7}\"\n", "assistance.csv": assistanceHeader])
        let problem = try #require(result.problems.first)
        #expect(problem.value == "a\\tb\\u{7}")
    }

    @Test func everyErrorOfAFileIsReportedWithItsValue() throws {
        var rows = migrantsHeader
        for index in 1...5 { rows += "M\(index),woman,,,,\n" }
        let result = read(["migrants.csv": rows, "assistance.csv": assistanceHeader])
        #expect(result.problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(result.problems.allSatisfy { $0.column == 2 && $0.field == "sex" && $0.value == "woman" })
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 5 read = 0 accepted + 5 rejected")
    }

    @Test func problemsPastTheLimitAreCounted() {
        var rows = migrantsHeader
        for index in 1...30 { rows += "M\(index),woman,,,,\n" }
        let reader = DatasetReader(options: DatasetReader.Options(maximumProblemsPerFile: 10))
        let result = reader.read(files: [
            "migrants.csv": Array(rows.utf8), "assistance.csv": Array(assistanceHeader.utf8),
        ])
        #expect(result.problems.count == 11)
        #expect(result.problems.last?.description == "migrants.csv: note: 20 more problems in this file are not listed")
        #expect(accounting(result, "migrants.csv") == "migrants.csv: 30 read = 0 accepted + 30 rejected")
    }

    @Test func aLongValueIsCutInTheProblem() throws {
        let long = String(repeating: "z", count: 500)
        let result = read(["migrants.csv": migrantsHeader + "M1,\(long),,,,\n", "assistance.csv": assistanceHeader])
        let problem = try #require(result.problems.first)
        #expect(problem.value == String(repeating: "z", count: 100) + "…")
    }
}

@Suite struct DirectoryReadingTests {
    @Test func missingRequiredFileFailsAStrictRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(validMigrants.utf8).write(to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/assistances.csv"))
        let error = try #require(throws: DatasetReadError.self) { try Dataset(contentsOfDirectory: directory) }
        #expect(
            error.problems.map(\.description) == [
                "assistances.csv: warning: not a file of the dataset format; ignored (the files are assistance.csv, description.csv, disseminations.csv, engagements.csv, knowledge_products.csv, migrants.csv, platform_visits.csv, surveys.csv, training_participants.csv, trainings.csv)",
                "assistance.csv: the file is required (columns: assistance_id,migrant_id,kind,delivered_on,country)",
            ])
        #expect(
            error.accounting.map(\.description) == [
                "migrants.csv: 2 read = 2 accepted + 0 rejected",
                "assistance.csv: absent, no records of this kind",
                "surveys.csv: absent, no records of this kind",
                "trainings.csv: absent, no records of this kind",
                "training_participants.csv: absent, no records of this kind",
                "knowledge_products.csv: absent, no records of this kind",
                "disseminations.csv: absent, no records of this kind",
                "engagements.csv: absent, no records of this kind",
                "platform_visits.csv: absent, no records of this kind",
                "description.csv: absent, no records of this kind",
            ])
    }

    @Test func strictReadListsEveryErrorOfEveryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data((migrantsHeader + "M1,f,,,,\n").utf8).write(to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data((assistanceHeader + "A1,M1,humanitarian_aid,2022-02-01,Mali\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/assistance.csv"))
        let error = try #require(throws: DatasetReadError.self) { try Dataset(contentsOf: directory) }
        #expect(
            error.description == """
                the dataset has 2 errors:
                  migrants.csv:2:2: sex: 'f' is not a code of sex (expected one of female, male, unknown)
                  assistance.csv:2:5: country: 'Mali' is not an ISO 3166-1 alpha-3 code (three capital letters, such as MLI)
                """)
    }

    @Test func lenientReadWritesTheRejectedRecords() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data((migrantsHeader + "M1,female,,,,\n\"M,2\",woman,,,,\nM3,male,,,,\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/migrants.csv"))
        try Data((assistanceHeader + "A1,M1,humanitarian_aid,2022-02-31,MLI\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/assistance.csv"))
        // A file read beside the others, on the second core: its rejects still come after theirs.
        try Data("engagement_id,engaged_on,country,youth,support_network\nE1,2022-01-01,MLI,-5,3\n".utf8).write(
            to: URL(fileURLWithPath: directory + "/engagements.csv"))
        let rejects = directory + "/rejects.csv"
        for prepare in [false, true] {
            let reader = DatasetReader(options: DatasetReader.Options(rejectsPath: rejects))
            let errors: Int
            if prepare {
                errors = reader.prepare(from: directory, programme: Programme.compass).errors.count
            } else {
                let result = reader.read(from: directory)
                #expect(result.dataset.migrants.map(\.id) == ["M1", "M3"])
                errors = result.errors.count
            }
            #expect(errors == 3)
            let written = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(
                written
                    == "file,line,rule,message,record\r\n"
                    + "migrants.csv,3,invalid-code,\"'woman' is not a code of sex (expected one of female, male, unknown)\","
                    + "\"\"\"M,2\"\",woman,,,,\"\r\n"
                    + "assistance.csv,2,invalid-date,'2022-02-31' is not a day of the calendar,"
                    + "\"A1,M1,humanitarian_aid,2022-02-31,MLI\"\r\n"
                    + "engagements.csv,2,negative-count,'-5' is negative; a count is 0 or more,"
                    + "\"E1,2022-01-01,MLI,-5,3\"\r\n")
        }
    }
}

@Suite struct JSONDatasetTests {
    @Test func errorsNameThePathInTheJSON() {
        let json = """
            {"format": "compass-dataset", "version": 1,
              "migrants": [
                {"migrant_id": "M1", "sex": "female"},
                {"migrant_id": "M2", "sex": "femme", "birth_year": 1990.5}
              ],
              "assistance": [{"assistance_id": "A1", "migrant_id": "M1", "kind": "humanitarian_aid", "delivered_on": "2022-02-30"}]
            }
            """
        let result = DatasetReader().read(json: Array(json.utf8), name: "data.json")
        #expect(
            lines(result) == [
                "data.json:4:33: migrants[1].sex: 'femme' is not a code of sex (expected one of female, male, unknown)",
                "data.json:4:56: migrants[1].birth_year: '1990.5' is not a year written YYYY",
                "data.json:6:106: assistance[0].delivered_on: '2022-02-30' is not a day of the calendar",
                "data.json:6:18: assistance[0].country: a country is required (ISO 3166-1 alpha-3, such as MLI)",
            ])
        #expect(
            result.accounting.map(\.description).prefix(2) == [
                "data.json#migrants: 2 read = 1 accepted + 1 rejected",
                "data.json#assistance: 1 read = 0 accepted + 1 rejected",
            ])
    }

    @Test func syntaxErrorsAreLocated() {
        let result = DatasetReader().read(
            json: Array("{\"format\": \"compass-dataset\",\n \"version\": 1,]".utf8), name: "d.json")
        #expect(lines(result) == ["d.json:2:15: a key in quotes is expected"])
        let deep = String(repeating: "[", count: 100_000)
        #expect(
            lines(DatasetReader().read(json: Array(deep.utf8), name: "d.json")) == [
                "d.json:1:65: nesting deeper than 64 levels"
            ])
    }
}

@Suite struct StreamingTests {
    /// Rows that straddle the reader's 256 KiB chunks at every kind of byte: quotes, doubled quotes, CR, LF.
    /// Random files mixing plain rows (split from their commas and line ends found sixteen bytes
    /// at a time) with quoted fields, doubled quotes, line breaks in values, LF, CRLF and lone CR
    /// line ends and blank lines, several buffers long: every value and every line is where the
    /// file has it.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func plainAndQuotedRowsInAnyMixKeepTheirValuesAndLines(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        let lineEnds = ["\n", "\n", "\n", "\r\n", "\r\n", "\r"]
        // A CR, then an LF that starts a blank line, would be one CRLF line end: after a CR, a
        // blank line is a CR too.
        var lastEnd = lineEnds[pick(lineEnds.count)]
        var text = "product_id,kind,title,published_on" + lastEnd
        var line = 2
        var keptTitles: [String] = []
        var rejectedLines: [Int] = []
        for index in 0..<30_000 {
            if pick(50) == 0 {
                let blank = lastEnd == "\r" ? "\r" : lineEnds[pick(lineEnds.count)]
                text += blank
                lastEnd = blank
                line += 1
            }
            var title = String(repeating: "t", count: pick(40))
            var field = title
            var breaks = 0
            switch pick(8) {
            case 0:
                title += ",\"q\"" + String(index)
                field = "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            case 1:
                let inner = lineEnds[pick(lineEnds.count)]
                title += inner + String(index)
                field = "\"" + title + "\""
                breaks = 1
            case 2:
                title = ""
                field = ""
            default:
                title += String(index)
                field = title
            }
            let invalid = pick(97) == 0
            if invalid { rejectedLines.append(line + breaks) } else { keptTitles.append(title) }
            lastEnd = lineEnds[pick(lineEnds.count)]
            text += "K\(index),study,\(field),\(invalid ? "2022-02-30" : "2022-01-01")" + lastEnd
            line += 1 + breaks
        }
        #expect(text.utf8.count > 1 << 20)
        let result = try readFromDisk(knowledgeProducts: text)
        #expect(result.problems.map(\.line) == rejectedLines)
        #expect(result.problems.allSatisfy { $0.value == "2022-02-30" })
        #expect(result.dataset.knowledgeProducts.map(\.title) == keptTitles)
        let counts = try #require(result.accounting.first { $0.file == "knowledge_products.csv" })
        #expect(counts.read == 30_000)
        #expect(counts.accepted == keptTitles.count)
        #expect(counts.rejected == rejectedLines.count)
    }

    /// Random files of plain rows (found many at a time when they have the header's width)
    /// among rows with a field too few or too many, a NUL byte, a record over the limit, a
    /// quoted field, and blank lines, with LF and CRLF line ends, several buffers long, read
    /// from disk and from memory: every row is accepted or rejected at its own line, for its
    /// own rule, whatever comes before or after it, exactly as when every record is scanned alone.
    @Test(arguments: [4, 5, 6] as [UInt64])
    func raggedAndOverlongRowsAmongPlainOnesAreFoundAtTheirLines(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        let limit = 80
        var text = "product_id,kind,title,published_on\n"
        var line = 2
        var kept: [String] = []
        var rejected: [String] = []
        for index in 0..<40_000 {
            if pick(40) == 0 {
                text += pick(2) == 0 ? "\n" : "\r\n"
                line += 1
            }
            let title = String(repeating: "t", count: pick(30)) + String(index)
            var row = "K\(index),study,\(title),2022-01-01"
            switch pick(60) {
            case 0:
                row = "K\(index),study,\(title)"
                rejected.append("\(line):field-count")
            case 1:
                row += ",extra"
                rejected.append("\(line):field-count")
            case 2:
                row = "K\(index),study,\(title)\u{0},2022-01-01"
                rejected.append("\(line):nul-byte")
            case 3:
                row = "K\(index),study,\(title)\(String(repeating: "x", count: limit)),2022-01-01"
                rejected.append("\(line):record-too-long")
            case 4:
                row = "K\(index),study,\"\(title)\",2022-01-01"
                kept.append(title)
            default:
                kept.append(title)
            }
            text += row + (pick(3) == 0 ? "\r\n" : "\n")
            line += 1
        }
        #expect(text.utf8.count > 1 << 20)
        var options = DatasetReader.Options()
        options.maximumRecordBytes = limit
        options.maximumProblemsPerFile = 10_000
        let files = [
            "migrants.csv": Array(validMigrants.utf8), "assistance.csv": Array(validAssistance.utf8),
            "knowledge_products.csv": Array(text.utf8),
        ]
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name)) }
        let reader = DatasetReader(options: options)
        func grouped(_ value: Int) -> String {
            let digits = Array(String(value))
            return String(
                digits.enumerated().flatMap { index, digit in
                    index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
                })
        }
        var alone = options
        alone.findsPlainRecordsInBatches = false
        let scanned = DatasetReader(options: alone).read(from: directory)
        for result in [reader.read(from: directory), reader.read(files: files)] {
            // Found in batches or scanned one by one, the rows read the same.
            #expect(result.problems == scanned.problems)
            #expect(result.dataset == scanned.dataset)
            #expect(result.accounting == scanned.accounting)
            let found = result.problems.map { "\($0.line ?? 0):\($0.rule)" }
            #expect(found.count == rejected.count)
            let first = zip(found, rejected).first { $0.0 != $0.1 }
            #expect(first == nil, "the first problem that differs: found, expected")
            #expect(result.dataset.knowledgeProducts.map(\.title) == kept)
            #expect(
                accounting(result, "knowledge_products.csv")
                    == "knowledge_products.csv: \(grouped(kept.count + rejected.count)) read = \(grouped(kept.count)) accepted + \(grouped(rejected.count)) rejected"
            )
        }
    }

    @Test func recordsAcrossChunkBoundariesKeepTheirValuesAndLines() throws {
        var text = "product_id,kind,title,published_on\r\n"
        var titles: [String] = []
        var line = 2
        for index in 0..<40_000 {
            let title =
                String(repeating: "a", count: index % 37) + (index % 3 == 0 ? "\r\n\"\"x" : "\n,") + String(index)
            titles.append(title.replacingOccurrences(of: "\"\"", with: "\""))
            text += "K\(index),study,\"\(title)\",2022-01-01\r\n"
            line += 2
        }
        text += "K-last,study,fine,2022-02-30\r\n"
        #expect(text.utf8.count > 2 << 20)
        let result = try readFromDisk(knowledgeProducts: text)
        #expect(
            lines(result) == [
                "knowledge_products.csv:\(line):4: published_on: '2022-02-30' is not a day of the calendar"
            ])
        #expect(result.dataset.knowledgeProducts.map(\.title) == titles)
        #expect(
            accounting(result, "knowledge_products.csv")
                == "knowledge_products.csv: 40,001 read = 40,000 accepted + 1 rejected")
    }
}
