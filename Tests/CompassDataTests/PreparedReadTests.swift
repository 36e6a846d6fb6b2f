import Compass
import Foundation
import Testing

/// Reading straight into columns (`prepare`) must agree with reading records and preparing them.
@Suite struct PreparedReadTests {
    /// A migrant id of 300 bytes.
    static let longID = String(repeating: "L", count: 299) + "9"

    /// The CSV files of a synthetic dataset, with troubles appended to the large files.
    static func files(seed: UInt64) throws -> [String: [UInt8]] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("compass-prepared-\(seed)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SyntheticData.generate(migrants: 2_500, seed: seed).write(toDirectory: directory)
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name)))
        }
        func append(_ name: String, _ rows: String) { files[name, default: []] += Array(rows.utf8) }
        // Troubles in the middle of assistance.csv too, within and between batches of plain rows
        // (2,048 rows each, committed on another thread): a plain duplicate of a row of the first
        // batch is found while the third batch is committed. migrants.csv has 2,500 rows, and a
        // duplicate in its second batch (appended below).
        if var lines = files["assistance.csv"].map({ String(decoding: $0, as: UTF8.self).components(separatedBy: "\n") }
        ),
            lines.count > 4_600
        {
            lines.insert("A000000007,M00000002,reintegration,2022-06-06,MLI", at: 4_500)
            lines.insert("A000000005,M00000002,humanitarian_aid,2022-05-05,NER", at: 300)
            lines.insert("A-mid,M00000002,humanitarian_aid,2022-02-30,NER", at: 301)
            lines.insert("A-mid2,\"M\"\"mid\",humanitarian_aid,2022-02-03,MLI", at: 555)
            lines.insert("A-short,M00000002", at: 556)
            files["assistance.csv"] = Array(lines.joined(separator: "\n").utf8)
        }
        // An id of 300 bytes (the id table stores lengths from 255 on apart), twice, and named by
        // an assistance record dated before the migrant's birth year: the finding names the id.
        append("migrants.csv", "\(Self.longID),female,2021,MLI,2022-01-01,\n\(Self.longID),male,2021,MLI,2022-01-01,\n")
        append("assistance.csv", "A-long,\(Self.longID),humanitarian_aid,2020-03-03,MLI\n")
        append(
            "migrants.csv",
            """
            M00000001,male,1990,MLI,2022-01-01,
            M-early,female,2015,MLI,2014-06-01,
            M-far,male,1980,XKX,2010-01-01,health
            "M""q",female,2030,XKX,2019-01-01,health;disability
            "M""q",male,,,,
            M-bad,femme,1990,MLI,2022-01-01,

            """)
        append(
            "assistance.csv",
            """
            A000000001,M00000002,reintegration,2022-05-05,NER
            "A""1","M""q",humanitarian_aid,2022-03-03,MLI
            "A""1",M00000003,humanitarian_aid,2022-03-03,MLI
            A-x,"M""unknown",voluntary_return,2022-12-31,ZZZ
            A-y,"M""unknown",voluntary_return,2018-01-01,LBY
            A-z,M00000004,teleportation,2022-01-01,LBY

            """)
        // Findings in the smaller files, whose columns are built on the side thread: countries
        // first seen there (one unassigned), an impossible training, a repeated one, a participant
        // of an unknown training, one listed twice, one recorded with another sex in another
        // training, a dissemination of an unknown product.
        append(
            "trainings.csv",
            """
            T-x,other,community,XKX,2022-03-05,2022-03-01
            T-y,other,community,ISL,2022-04-01,2022-04-02
            T-z,other,community,ISL,2022-05-01,2022-05-02
            T-y,other,community,MLI,2022-06-01,2022-06-02

            """)
        append(
            "training_participants.csv",
            """
            T-y,P-new,female,ngo
            T-y,P-new,female,ngo
            T-none,P-new,male,ngo
            T-z,P-new,male,government
            T-z,P-other,male,ngo

            """)
        append("engagements.csv", "E-x,2022-05-05,ZWE,1,2\nE-y,2022-05-06,QQQ,1,2\n")
        append("disseminations.csv", "D-x,K-none,2022-05-05,ngo,3\n")
        append(
            "surveys.csv",
            """
            S00000001,M00000001,protection,2022-02-02,no
            S-new,"M""unknown",protection,2022-02-02,yes
            S-new2,M-never,protection,2022-02-02,maybe

            """)
        return files
    }

    /// The COMPASS catalogue with every distinct-people indicator of assistance also broken down
    /// by country × sex.
    static var compassCrossedByCountryAndSex: Catalogue {
        var catalogue = Catalogue.compass
        for index in catalogue.indicators.indices {
            if case .distinctPeople(.assistance, _) = catalogue.indicators[index].measure {
                catalogue.indicators[index].crossBreakdowns = [DimensionPair(.country, .sex)]
            }
        }
        return catalogue
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func preparingFromCSVAgreesWithReadingRecords(seed: UInt64) throws {
        let files = try Self.files(seed: seed)
        let catalogue = Catalogue.compass
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compass-rejects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recordsRejects = directory.appendingPathComponent("records.csv").path
        let preparedRejects = directory.appendingPathComponent("prepared.csv").path
        let records = DatasetReader(options: .init(rejectsPath: recordsRejects)).read(files: files)
        let prepared = DatasetReader(options: .init(rejectsPath: preparedRejects))
            .prepare(files: files, programme: catalogue.programme)
        #expect(records.problems.count > 8)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: preparedRejects))
                == Data(contentsOf: URL(fileURLWithPath: recordsRejects)))
        #expect(try String(contentsOfFile: preparedRejects, encoding: .utf8).contains("A000000005"))
        #expect(
            prepared.problems.contains { $0.rule == "duplicate-id" && $0.value == "A000000007" && $0.line == 4_505 })
        #expect(prepared.problems == records.problems)
        #expect(prepared.accounting == records.accounting)
        #expect(prepared.dataset.description == records.dataset.description)
        let fromRecords = PreparedDataset(records.dataset, programme: catalogue.programme)
        // The same findings, those of the prepared dataset with the line of the record they name.
        #expect(prepared.dataset.findings.map(\.withoutLocation) == fromRecords.findings)
        #expect(prepared.dataset.findings.allSatisfy { ($0.record != nil) == ($0.location != nil) })
        #expect(
            prepared.dataset.findings.contains {
                $0.record == "engagements E-y" && $0.location?.file == "engagements.csv"
            })
        #expect(prepared.dataset.findings.contains { $0.rule == "unknown-migrant" })
        #expect(prepared.problems.contains { $0.rule == "unknown-training" })
        #expect(
            prepared.dataset.findings.contains {
                $0.rule == "inconsistent-person" && $0.message.contains("participant P-new")
                    && $0.record == "training_participants T-z/P-new"
            })
        #expect(prepared.problems.contains { $0.rule == "duplicate-id" && $0.value?.hasPrefix("LLLLLLLL") == true })
        #expect(
            prepared.dataset.findings.contains {
                $0.rule == "impossible-value" && $0.message.contains("of migrant \(Self.longID)")
            })
        for rule in ["unknown-product", "unknown-code"] {
            #expect(prepared.dataset.findings.contains { $0.rule == rule })
        }
        #expect(prepared.dataset.findings.contains { $0.message.contains("QQQ") })
        // Registered migrants of plain rows, committed in batches: one registered before the year
        // of birth, one with an unassigned nationality registered before the programme.
        for (rule, record) in [
            ("impossible-value", "migrants M-early"), ("unknown-code", "migrants M-far"),
            ("date-outside-programme", "migrants M-far"),
        ] {
            #expect(prepared.dataset.findings.contains { $0.rule == rule && $0.record == record }, "\(rule)")
        }
        for source in Source.allCases {
            #expect(prepared.dataset.recordCount(of: source) == fromRecords.recordCount(of: source))
        }
        for period in [Period.year(2022), .programme, .quarter(2021, 3)] {
            let expected = try Engine().evaluate(catalogue, on: records.dataset, period: period)
            #expect(try Engine().evaluate(catalogue, on: prepared.dataset, period: period).withoutLocations == expected)
            #expect(
                try Engine().report(catalogue, on: prepared.dataset, period: period)
                    == Engine().report(catalogue, on: records.dataset, period: period))
        }
    }

    @Test func keepingOnlyTheDaysAnEvaluationReadsChangesNoResultNorFinding() throws {
        let files = try Self.files(seed: 4)
        var catalogue = Catalogue.compass
        let all = DatasetReader().prepare(files: files, programme: catalogue.programme)
        // COMPASS's rules read the programme's first day to the period's last: 2021-01-01 on.
        let days = try #require(catalogue.resolve(.year(2022))?.readDays)
        #expect(days.description == "\(catalogue.programme.period.start)..2022-12-31")
        let kept = DatasetReader().prepare(files: files, programme: catalogue.programme, keeping: days)
        #expect(kept.problems == all.problems)
        #expect(kept.accounting == all.accounting)
        #expect(kept.dataset.findings == all.dataset.findings)
        #expect(kept.dataset.keptDays == days)
        #expect(
            try Engine().evaluate(catalogue, on: kept.dataset, period: .year(2022))
                == Engine().evaluate(catalogue, on: all.dataset, period: .year(2022)))
        // Without rules, a year keeps that year's records only, and another year is refused.
        catalogue.rules = []
        let year = try #require(catalogue.resolve(.year(2022))?.readDays)
        #expect(year.description == "2022-01-01..2022-12-31")
        let oneYear = DatasetReader().prepare(files: files, programme: catalogue.programme, keeping: year)
        #expect(oneYear.dataset.recordCount(of: .assistance) < all.dataset.recordCount(of: .assistance))
        #expect(oneYear.dataset.recordCount(of: .migrants) == all.dataset.recordCount(of: .migrants))
        #expect(
            try Engine().evaluate(catalogue, on: oneYear.dataset, period: .quarter(2022, 2))
                == Engine().evaluate(catalogue, on: all.dataset, period: .quarter(2022, 2)))
        #expect(throws: EvaluationError.self) {
            try Engine().evaluate(catalogue, on: oneYear.dataset, period: .year(2021))
        }
    }

    /// The evaluator groups rows by person in one pass when their people never decrease (a file
    /// written person by person, as the synthetic one is, or a prepared dataset, whose rows are
    /// put in that order) and by a counting sort otherwise: the order of the rows changes no
    /// result, crossed breakdowns included.
    /// Survey answers are committed in batches of 2,048 on another thread: troubles within and
    /// between batches come out as from the records path, in the order of the file.
    @Test func surveysInSeveralBatchesAgreeWithReadingRecords() throws {
        var migrants = "migrant_id,sex,birth_year,nationality,registered_on,vulnerabilities\n"
        for person in 0..<500 { migrants += "M\(person),\(person % 2 == 0 ? "female" : "male"),1990,MLI,2022-01-01,\n" }
        var rows: [String] = []
        for answer in 0..<5_000 {
            let day = answer % 28 + 1
            let satisfied = answer % 3 == 0 ? "no" : "yes"
            rows.append("S\(answer),M\(answer % 500),protection,2022-03-\(day < 10 ? "0" : "")\(day),\(satisfied)")
        }
        rows[4_500] = "S10,M1,protection,2022-04-04,yes"  // a duplicate of the first batch, two batches on
        rows[2_049] = "S2049,M-none,protection,2022-04-04,yes"  // an unregistered migrant, plain
        rows[2_050] = "S2050,M1,protection,2022-02-30,yes"  // not a day: the general path, between batches
        rows[2_051] = "S2051,\"M\"\"q\",protection,2022-04-04,no"  // quoted: the general path
        rows[2_052] = "S2049,M2,protection,2022-04-04,yes"  // a duplicate of the row before the last two
        rows[4_999] = "S4999,M-none,legal_aid,2022-04-04,yes"  // an unknown service
        let files = [
            "migrants.csv": migrants,
            "assistance.csv": assistanceHeader + "A1,M1,reintegration,2022-02-02,MLI\n",
            "surveys.csv": "survey_id,migrant_id,service,answered_on,satisfied\n" + rows.joined(separator: "\n") + "\n",
        ].mapValues { Array($0.utf8) }
        let records = DatasetReader().read(files: files)
        let prepared = DatasetReader().prepare(files: files, programme: nil)
        #expect(
            records.problems.filter { $0.file == "surveys.csv" }.map { "\($0.line ?? 0) \($0.rule)" } == [
                "2051 unknown-migrant", "2052 invalid-date", "2053 unknown-migrant", "2054 duplicate-id",
                "4502 duplicate-id", "5001 invalid-code",
            ])
        #expect(prepared.problems == records.problems)
        #expect(prepared.accounting == records.accounting)
        #expect(prepared.dataset.recordCount(of: .surveys) == 4_996)
        for period in [Period.year(2022), .programme] {
            #expect(
                try Engine().evaluate(Catalogue.compass, on: prepared.dataset, period: period).withoutLocations
                    == Engine().evaluate(Catalogue.compass, on: records.dataset, period: period))
        }
    }

    @Test func theOrderOfTheRowsChangesNoResult() throws {
        let dataset = SyntheticData.generate(migrants: 3_000, seed: 11)
        let catalogue = Self.compassCrossedByCountryAndSex
        #expect(catalogue.indicators.contains { !$0.crossBreakdowns.isEmpty })
        var shuffled = dataset
        var generator = SeededRandom(seed: 5)
        shuffled.assistance.shuffle(using: &generator)
        shuffled.surveys.reverse()
        shuffled.participants.shuffle(using: &generator)
        for period in [Period.year(2022), .programme, .quarter(2023, 1)] {
            #expect(
                try Engine().evaluate(catalogue, on: shuffled, period: period)
                    == Engine().evaluate(catalogue, on: dataset, period: period))
        }
        // A prepared dataset puts the rows in the order of their people; one indicator evaluated
        // on records does not, and groups the shuffled rows with a counting sort.
        let dates = try #require(Period.year(2022).dates(programme: catalogue.programme.period))
        for indicator in catalogue.indicators {
            #expect(
                try Engine().evaluate(indicator, on: shuffled, dates: dates)
                    == Engine().evaluate(indicator, on: dataset, dates: dates))
        }
    }

    /// A catalogue's distinct-people indicators of assistance that filter on kinds only and share
    /// their breakdowns are counted together, in one pass: each must equal the indicator
    /// evaluated on its own.
    @Test func indicatorsCountedTogetherEqualEachCountedAlone() throws {
        let dataset = SyntheticData.generate(migrants: 2_000, seed: 12)
        let catalogue = Self.compassCrossedByCountryAndSex
        let period = Period.year(2022)
        let evaluation = try Engine().evaluate(catalogue, on: dataset, period: period)
        let dates = try #require(period.dates(programme: catalogue.programme.period))
        var compared = 0
        for (indicator, together) in zip(catalogue.indicators, evaluation.results) {
            guard case .distinctPeople(.assistance, _) = indicator.measure else { continue }
            let alone = try Engine().evaluate(indicator, on: dataset, dates: dates)
            #expect(alone.value == together.value)
            #expect(alone.records == together.records)
            #expect(alone.breakdowns == together.breakdowns)
            #expect(alone.crossBreakdowns == together.crossBreakdowns)
            #expect(!alone.crossBreakdowns.isEmpty)
            compared += 1
        }
        #expect(compared >= 3)
    }

    /// A dataset prepared without some attributes of migrants gives the same results for a
    /// catalogue that does not read them, and refuses one that does.
    @Test func leavingOutAttributesNoCatalogueReadsChangesNothing() throws {
        let files = try Self.files(seed: 5)
        let catalogue = Catalogue.compass
        #expect(catalogue.migrantAttributes == [])
        var crossed = catalogue
        crossed.indicators[0].crossBreakdowns = [DimensionPair(.country, .sex)]
        #expect(crossed.migrantAttributes == [])
        let all = DatasetReader().prepare(files: files, programme: catalogue.programme)
        let none = DatasetReader().prepare(files: files, programme: catalogue.programme, attributes: [])
        #expect(none.problems == all.problems)
        #expect(none.dataset.findings == all.dataset.findings)
        #expect(none.dataset.keptAttributes == [])
        #expect(all.dataset.keptAttributes == .all)
        #expect(
            try Engine().evaluate(crossed, on: none.dataset, period: .year(2022))
                == Engine().evaluate(crossed, on: all.dataset, period: .year(2022)))
        var vulnerable = catalogue
        vulnerable.indicators[0].breakdowns.append(.vulnerability)
        #expect(vulnerable.migrantAttributes == [.vulnerabilities])
        let error = try #require(throws: EvaluationError.self) {
            try Engine().evaluate(vulnerable, on: none.dataset, period: .year(2022))
        }
        #expect(
            error.description
                == "the evaluation reads the migrants' vulnerabilities, which the dataset was prepared without")
        let kept = DatasetReader().prepare(
            files: files, programme: catalogue.programme, attributes: vulnerable.migrantAttributes)
        #expect(
            try Engine().evaluate(vulnerable, on: kept.dataset, period: .year(2022))
                == Engine().evaluate(vulnerable, on: all.dataset, period: .year(2022)))
        var nationality = catalogue
        nationality.indicators[0].breakdowns.append(.nationality)
        #expect(nationality.migrantAttributes == [.nationality])
    }

    @Test func preparingFromJSONAgreesWithReadingRecords() throws {
        let dataset = SyntheticData.generate(migrants: 800, seed: 9)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compass-prepared-\(UUID().uuidString).json"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try dataset.writeJSON(to: path)
        let catalogue = Catalogue.compass
        let records = DatasetReader().read(from: path)
        let prepared = DatasetReader().prepare(from: path, programme: catalogue.programme)
        #expect(prepared.problems == records.problems)
        #expect(prepared.accounting == records.accounting)
        #expect(
            try Engine().evaluate(catalogue, on: prepared.dataset, period: .year(2022))
                == Engine().evaluate(catalogue, on: records.dataset, period: .year(2022)))
    }

    @Test func aStrictPrepareThrowsEveryProblem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "compass-strict-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data((migrantsHeader + "M1,female,1990,NGA,2022-01-10,\nM1,male,,,,\n").utf8)
            .write(to: URL(fileURLWithPath: directory).appendingPathComponent("migrants.csv"))
        try Data((assistanceHeader + "A1,M1,humanitarian_aid,2022-02-01,LBY\n").utf8)
            .write(to: URL(fileURLWithPath: directory).appendingPathComponent("assistance.csv"))
        #expect {
            _ = try PreparedDataset(contentsOf: directory, programme: Programme.compass)
        } throws: { error in
            (error as? DatasetReadError)?.problems.map(\.description) == [
                "migrants.csv:3:1: migrant_id: migrant 'M1' already appears on line 2; this row is rejected"
            ]
        }
    }

    @Test func aDatasetPreparedForAnotherProgrammeIsRefused() throws {
        var other = Programme.compass
        other.name = "OTHER"
        let prepared = PreparedDataset(Dataset.compassSample2022(), programme: other)
        #expect(throws: EvaluationError.self) {
            try Engine().evaluate(Catalogue.compass, on: prepared, period: .year(2022))
        }
        let unchecked = PreparedDataset(Dataset.compassSample2022(), programme: nil)
        #expect(
            try Engine().evaluate(Catalogue.compass, on: unchecked, period: .year(2022))["migrants-assisted"]?.value
                == .count(41_562))
    }
}
