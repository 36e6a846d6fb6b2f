import Compass
import CompassTesting
import Testing

/// No personal data in any report, and every reporter shows protected cells the same way.
@Suite struct PrivacyTests {
    /// The 2022 sample with planted records whose ids, birth years and free text are easy to find.
    static func dataset() -> Dataset {
        var data = Dataset.compassSample2022()
        data.migrants.append(
            Migrant("ZZSECRETM41", sex: .female, birthYear: 2031, nationality: "MLI", registeredOn: "2022-03-01"))
        data.assistance.append(
            Assistance("ZZSECRETA42", for: "ZZSECRETM43", .humanitarianAid, on: "2022-04-02", in: "NER"))
        data.assistance.append(
            Assistance("ZZSECRETA44", for: "ZZSECRETM41", .humanitarianAid, on: "2022-04-03", in: "XQZ"))
        data.knowledgeProducts.append(
            KnowledgeProduct(
                "ZZSECRETK45", kind: .report, title: "ZZSECRET title of a report", publishedOn: "2022-06-01"))
        return data
    }

    static func outputs(_ report: Report) throws -> [(String, String)] {
        var result: [(String, String)] = []
        for format in ["markdown", "csv", "json", "html"] {
            for language in [Language.english, .french] {
                let reporter = try ReporterRegistry.builtIn.reporter(
                    for: format, options: ReporterOptions(language: language))
                result.append(("\(format) \(language.code)", try reporter.render(report)))
            }
        }
        return result
    }

    @Test func noRecordIdBirthYearOrFreeTextInAnyFormat() throws {
        let data = Self.dataset()
        let evaluation = try Engine().evaluate(.compass, on: data, period: .year(2022))
        // The planted records do make findings that name them: the report must not repeat those names.
        #expect(evaluation.findings.contains { $0.message.contains("ZZSECRETM43") })
        #expect(evaluation.findings.contains { $0.message.contains("2031") })
        var secrets: Set<String> = ["ZZSECRET", "2031"]
        for migrant in data.migrants where migrant.id.rawValue.count >= 6 { secrets.insert(migrant.id.rawValue) }
        for record in data.assistance where record.id.rawValue.count >= 6 { secrets.insert(record.id.rawValue) }
        for survey in data.surveys where survey.id.rawValue.count >= 6 { secrets.insert(survey.id.rawValue) }
        for product in data.knowledgeProducts { secrets.insert(product.title) }
        #expect(secrets.count > 1_000)
        for control in [DisclosureControl.standard, .k5, .rounding(base: 10), .off] {
            let report = try Engine().report(.compass, on: data, period: .year(2022), disclosure: control)
            #expect(report.findings.allSatisfy { $0.record == nil })
            // Two impossible dates (before the birth year 2031), an unknown migrant and an unknown country code.
            #expect(report.disclosure?.redactedFindings == 4)
            for (name, text) in try Self.outputs(report) {
                // Every run of letters, digits, '-' and '_' is a token; an id would be one of them.
                var tokens: Set<String> = []
                var token = ""
                for character in text {
                    if character.isLetter || character.isNumber || character == "-" || character == "_" {
                        token.append(character)
                    } else if !token.isEmpty {
                        tokens.insert(token)
                        token = ""
                    }
                }
                tokens.insert(token)
                var leaked = secrets.intersection(tokens)
                for phrase in ["ZZSECRET", "2031"] + data.knowledgeProducts.map(\.title) where text.contains(phrase) {
                    leaked.insert(phrase)
                }
                #expect(leaked.isEmpty, "\(name) with \(control): \(leaked.sorted().prefix(5))")
            }
        }
    }

    @Test func everyReporterShowsSuppressedCellsAndTheSummary() throws {
        var report = try FeatureReport.report()
        // The feature report's country breakdown holds 3 and 2 people; with k = 5 both are suppressed.
        report = DisclosureControl.k5.protect(report)
        let entry = try #require(report["assisted"])
        let cells = try #require(entry.breakdowns.first?.cells)
        #expect(cells.allSatisfy { $0.protection?.isSuppressed == true && $0.value == 0 && $0.percent == nil })
        let summary = try #require(report.disclosure)
        #expect(summary.protectedCells > 0)
        for (name, text) in try Self.outputs(report) {
            #expect(text.contains(CellProtection.marker), "\(name)")
            let language: Language = name.hasSuffix("fr") ? .french : .english
            let note = FigureFormat(language: language).disclosure(summary)
            // CSV is one row per figure and cell: it marks the cells, and has no place for the summary.
            if !name.hasPrefix("csv") {
                #expect(text.contains(String(note.prefix(40))), "\(name) does not state the disclosure control")
            }
        }
    }

    @Test func theFactSheetProtectsNoCellAndSaysSo() throws {
        let report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        #expect(report.disclosure?.control == .k11)
        #expect(report.disclosure?.protectedCells == 0)
        #expect(
            report.disclosure.map { FigureFormat(language: .english).disclosure($0) }?.contains("0 cells protected")
                == true)
    }
}
