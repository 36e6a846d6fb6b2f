import Compass
import CompassCommandLine
import Testing

/// The pieces the reporters are made of, with exact values.
@Suite struct BuildingBlockTests {
    /// A one-entry report built by hand: a negative count (impossible from the engine) and a title starting with `-`.
    static func handMadeReport(value: Quantity, title: LocalizedText = "-5 people") -> Report {
        let programme = Programme(
            name: "P", fullName: "Programme", partners: [], period: DateRange("2022-01-01", "2022-12-31")!,
            budget: nil, partnerCountries: [], workAreas: [WorkArea(id: "area", title: "Area")], platforms: [])
        let entry = Report.Entry(
            id: "negative", title: title, unit: .people, presentation: .exact, value: value, breakdowns: [], notes: [])
        return Report(
            programme: programme, period: .year(2022), dates: DateRange("2022-01-01", "2022-12-31")!,
            dataDescription: nil, sections: [Report.Section(workArea: programme.workAreas[0], entries: [entry])],
            findings: [])
    }

    @Test func csvQuotesOnlyWhatRFC4180Requires() {
        #expect(CSV.quote("plain text; with: other punctuation") == "plain text; with: other punctuation")
        #expect(CSV.quote("a,b") == "\"a,b\"")
        #expect(CSV.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.quote("cr\rlf\n") == "\"cr\rlf\n\"")
        #expect(CSV.quote("crlf\r\n") == "\"crlf\r\n\"")
        #expect(CSV.quote("مهاجرون e\u{301}") == "مهاجرون e\u{301}")
        #expect(CSV.quote("") == "")
    }

    @Test func csvGuardsEveryFormulaTrigger() {
        for trigger in ["=", "+", "-", "@", "\t", "\r", "\n"] {
            #expect(CSV.guardFormula(trigger + "1") == "'" + trigger + "1")
        }
        #expect(CSV.guardFormula("a=1") == "a=1")
        #expect(CSV.guardFormula("'quoted") == "'quoted")
        #expect(CSV.guardFormula("") == "")
        #expect(CSV.guardFormula("\u{FF1D}1") == "\u{FF1D}1")
    }

    @Test func csvNeverGuardsNumbers() throws {
        let csv = try CSVReporter().render(Self.handMadeReport(value: .count(-5)))
        #expect(
            csv == """
                indicator_id,indicator_title,work_area,period_start,period_end,dimension,category_code,category,value,share_percent,numerator,denominator,unit,display,dimension_2,category_code_2,category_2,baseline,target,progress_percent,progress_numerator,progress_denominator\r
                negative,'-5 people,area,2022-01-01,2022-12-31,total,,Total,-5,,,,people,'-5,,,,,,,,\r

                """)
    }

    @Test func csvShareOverZeroHasEmptyNumbersAndADash() throws {
        let csv = try CSVReporter(language: .french).render(
            Self.handMadeReport(value: .share(Fraction(0, over: 0)), title: "Part"))
        #expect(csv.hasSuffix("\r\nnegative,Part,area,2022-01-01,2022-12-31,total,,Total,,,0,0,people,–,,,,,,,,\r\n"))
    }

    @Test func csvWritesTheHXLRowAndTheByteOrderMark() throws {
        let csv = try CSVReporter(hxl: true, byteOrderMark: true).render(
            Self.handMadeReport(value: .count(7), title: "T"))
        #expect(
            csv == "\u{FEFF}"
                + "indicator_id,indicator_title,work_area,period_start,period_end,dimension,category_code,category,value,share_percent,numerator,denominator,unit,display,dimension_2,category_code_2,category_2,baseline,target,progress_percent,progress_numerator,progress_denominator\r\n"
                + "#indicator+code,#indicator+name,#sector+code,#date+start,#date+end,#meta+dimension,#meta+category+code,#meta+category+name,#indicator+value+num,#indicator+value+pct,#indicator+numerator+num,#indicator+denominator+num,#indicator+unit,#meta+display,#meta+dimension+second,#meta+category+code+second,#meta+category+name+second,#indicator+baseline+num,#indicator+target+num,#indicator+progress+pct,#indicator+progress+numerator+num,#indicator+progress+denominator+num\r\n"
                + "negative,T,area,2022-01-01,2022-12-31,total,,Total,7,,,,people,7,,,,,,,,\r\n")
        #expect(CSVReporter.columns.count == CSVReporter.hxlTags.count)
    }

    @Test func jsonWriterSortsKeysByCodePointAndEscapesLikePython() {
        let value: JSONValue = [
            "é": 1, "b": [true, false, nil], "B": [:], "a": "x/y \"q\" \\ \u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F} é",
            "z\u{301}": [],
            "n": .int(-42),
        ]
        #expect(
            value.serialized() == """
                {
                  "B": {},
                  "a": "x/y \\"q\\" \\\\ \\u0001\\b\\f\\n\\r\\t\\u001f\u{7F} é",
                  "b": [
                    true,
                    false,
                    null
                  ],
                  "n": -42,
                  "z\u{301}": [],
                  "é": 1
                }

                """)
    }

    @Test func jsonReportCarriesSharesAndLowerBounds() throws {
        let report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        guard case .object(let document) = JSONReporter(language: .french).document(report),
            case .array(let indicators)? = document["indicators"]
        else {
            Issue.record("the document is not an object with an indicators array")
            return
        }
        #expect(document["schema_version"] == 1)
        #expect(document["language"] == "fr")
        #expect(indicators.count == 13)
        func indicator(_ id: String) -> [String: JSONValue]? {
            for case .object(let members) in indicators where members["id"] == .string(id) { return members }
            return nil
        }
        guard let satisfaction = indicator("protection-satisfaction"), let visitors = indicator("platform-visitors")
        else {
            Issue.record("indicators are not objects")
            return
        }
        #expect(satisfaction["id"] == "protection-satisfaction")
        #expect(satisfaction["value"] == 86)
        #expect(satisfaction["numerator"] == 2150)
        #expect(satisfaction["denominator"] == 2500)
        #expect(satisfaction["display"] == "86\u{00A0}%")
        #expect(visitors["id"] == "platform-visitors")
        #expect(visitors["value"] == 171_384)
        #expect(visitors["lower_bound"] == 170_000)
        #expect(visitors["display"] == "\u{003E}\u{00A0}170\u{00A0}000")
        #expect(visitors["breakdowns"] == ["platform": ["yenna": 86_650, "waka_well": 49_381, "ctdc": 35_353]])
    }

    @Test func builtInRegistryHasTheFourFormats() throws {
        let registry = ReporterRegistry.builtIn
        #expect(registry.formats.map(\.id) == ["markdown", "csv", "json", "html"])
        #expect(registry.formats.map(\.fileExtension) == ["md", "csv", "json", "html"])
        #expect(try registry.reporter(for: "csv") is CSVReporter)
        #expect(try registry.reporter(for: "json") is JSONReporter)
        let html = try registry.reporter(for: "html", options: ReporterOptions(language: .french))
        #expect((html as? HTMLReporter)?.language == .french)
        let error = #expect(throws: UnknownFormatError.self) { try registry.reporter(for: "pdf") }
        #expect(error?.available == ["markdown", "csv", "json", "html"])
    }

    @Test func commandLineListsAndWritesEveryFormat() throws {
        let command = CompassCommand()
        #expect(
            command.run(["formats"]).standardOutput == """
                markdown\t.md\ttext/markdown; charset=utf-8
                csv\t.csv\ttext/csv; charset=utf-8
                json\t.json\tapplication/json
                html\t.html\ttext/html; charset=utf-8

                """)
        var report = try Engine().report(.compass, on: .compassSample2022(), period: .year(2022))
        // A strict command states that the data passed validation; the engine alone cannot know.
        #expect(report.basis?.validated == false)
        report.basis?.validated = true
        for (format, reporter) in [
            ("csv", CSVReporter(language: .french)), ("json", JSONReporter(language: .french)),
            ("html", HTMLReporter(language: .french)),
        ] as [(String, any Reporter)] {
            let outcome = command.run(["report", "--format", format, "--language", "fr"])
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput == (try reporter.render(report)))
        }
    }
}
