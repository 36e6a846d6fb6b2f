import Compass
import Foundation
import Testing

/// Catalogues written as JSON: the shipped COMPASS file, round trips, and errors that name the JSON path.
@Suite struct CatalogueJSONTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shippedFile = root.appendingPathComponent("Documentation/compass-catalogue.json").path

    @Test func theShippedFileIsTheCompassCatalogue() throws {
        let expected = try Catalogue.compass.jsonText()
        if ProcessInfo.processInfo.environment["COMPASS_RECORD_GOLDEN"] == "1" {
            try expected.write(toFile: CatalogueJSONTests.shippedFile, atomically: true, encoding: .utf8)
        }
        let loaded = try Catalogue(contentsOfJSONFile: CatalogueJSONTests.shippedFile)
        #expect(loaded == Catalogue.compass)
        #expect(try String(contentsOfFile: CatalogueJSONTests.shippedFile, encoding: .utf8) == expected)
    }

    @Test(arguments: AgreementTests.seeds)
    func randomCataloguesRoundTrip(seed: UInt64) throws {
        let catalogue = RandomCatalogue.make(seed: seed).catalogue
        let text = try catalogue.jsonText()
        #expect(try Catalogue(jsonData: Array(text.utf8)) == catalogue)
    }

    static func decode(_ json: String) -> String {
        do {
            _ = try Catalogue(jsonData: Array(json.utf8), name: "test.json")
            return "ok"
        } catch {
            return error.description
        }
    }

    static let programme: String = {
        let data = try? JSONEncoder().encode(Programme.compass)
        return String(decoding: data ?? Data(), as: UTF8.self)
    }()

    static func catalogue(_ indicators: String, rules: String = "[]") -> String {
        "{\"programme\": \(programme), \"indicators\": \(indicators), \"rules\": \(rules)}"
    }

    @Test func aFilterObjectWithSeveralConditionsMeansAllOfThem() throws {
        let json = CatalogueJSONTests.catalogue(
            """
            [{"id": "girls", "title": {"en": "Girls", "fr": "Filles"},
              "measure": {"distinct_people": "assistance", "where": {"sex": ["female"], "age_group": ["child"]}},
              "cross_breakdowns": [["country", "sex"]], "baseline": 10, "target": 100}]
            """)
        let loaded = try Catalogue(jsonData: Array(json.utf8))
        let expected = Indicator(
            id: "girls", title: ["en": "Girls", "fr": "Filles"],
            measure: .distinctPeople(.assistance, where: .sex(.female) && .ageGroups(.child)),
            crossBreakdowns: [.country × .sex], baseline: 10, target: 100)
        #expect(loaded.indicators == [expected])
    }

    @Test func errorsNameTheFileAndTheJSONPath() {
        #expect(
            CatalogueJSONTests.decode(
                CatalogueJSONTests.catalogue(
                    #"[{"id": "a", "title": "A", "measure": {"count": "assistance", "where": {"kind": ["food"]}}}]"#))
                == "test.json: at indicators[0].measure.where.kind: unknown assistance kind 'food'; the codes are humanitarian_aid, comprehensive_assistance, pre_departure, post_arrival, voluntary_return, reintegration"
        )
        #expect(
            CatalogueJSONTests.decode(
                CatalogueJSONTests.catalogue(#"[{"id": "a", "title": "A", "measure": {"count": "visits"}}]"#))
                == "test.json: at indicators[0].measure.count: unknown source 'visits'; the sources are migrants, assistance, surveys, training_participants, knowledge_products, disseminations, engagements, platform_visits"
        )
        #expect(
            CatalogueJSONTests.decode(
                CatalogueJSONTests.catalogue(
                    #"[{"id": "a", "title": "A", "measure": {"count": "assistance"}, "breakdown": ["sex"]}]"#))
                == "test.json: at indicators[0].breakdown: unknown key 'breakdown' in an indicator; the keys are id, title, work_area, measure, filter, breakdowns, cross_breakdowns, presentation, note, baseline, target, parts"
        )
        #expect(
            CatalogueJSONTests.decode(
                CatalogueJSONTests.catalogue(#"[{"id": "a", "measure": {"count": "assistance"}}]"#))
                == #"test.json: at indicators[0]: the key 'title' is missing; it holds a text in quotes, or an object of texts by language code, such as {"en": "Surveys", "fr": "Enquêtes"}"#
        )
        #expect(
            CatalogueJSONTests.decode(
                CatalogueJSONTests.catalogue(
                    #"[{"id": "a", "title": "A", "measure": {"count": "assistance"}}]"#,
                    rules: #"[{"id": "r", "title": "R", "left": "a", "operator": "=<", "right": 3}]"#))
                == "test.json: at rules[0].operator: unknown operator '=<'; the operators are ==, !=, <, <=, >, >=, compulsory_pair, exclusive_pair"
        )
        #expect(CatalogueJSONTests.decode("{\"programme\": ").hasPrefix("test.json: is not valid JSON"))
    }

    @Test func aProgrammeThatEndsBeforeItStartsIsInvalid() throws {
        let json = CatalogueJSONTests.catalogue("[]").replacingOccurrences(
            of: #""end":"2023-12-31""#, with: #""end":"2020-12-31""#)
        let catalogue = try Catalogue(jsonData: Array(json.utf8))
        #expect(
            catalogue.validate().map(\.description) == [
                "error [invalid-programme] programme COMPASS: its period ends (2020-12-31) before it starts (2021-01-01)"
            ])
    }

    @Test func aMissingFileIsReportedByName() {
        #expect(throws: CatalogueFileError.self) { try Catalogue(contentsOfJSONFile: "/nonexistent/catalogue.json") }
    }

    /// Every JSON example in Documentation/Indicators.md is an indicator, a rule or a catalogue that loads and,
    /// added to the COMPASS catalogue, validates without errors.
    @Test func theDocumentationExamplesLoad() throws {
        let text = try String(
            contentsOf: CatalogueJSONTests.root.appendingPathComponent("Documentation/Indicators.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```json\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        #expect(blocks.count >= 4)
        let decoder = JSONDecoder()
        for block in blocks {
            let data = Data(block.utf8)
            var catalogue = Catalogue.compass
            if let indicator = try? decoder.decode(Indicator.self, from: data) {
                catalogue.indicators.append(indicator)
            } else if let rule = try? decoder.decode(ValidationRule.self, from: data) {
                catalogue.rules.append(rule)
            } else {
                catalogue = try Catalogue(jsonData: Array(block.utf8), name: "Indicators.md")
            }
            #expect(catalogue.validate().filter { $0.severity == .error } == [], "\(block)")
        }
    }
}

/// The Swift examples of Documentation/Indicators.md are parts of a snippet that `swift build` compiles.
@Suite struct IndicatorsDocumentationTests {
    @Test func everySwiftExampleIsPartOfTheCompiledSnippet() throws {
        let page = try String(
            contentsOf: CatalogueJSONTests.root.appendingPathComponent("Documentation/Indicators.md"), encoding: .utf8)
        let snippet = try String(
            contentsOf: CatalogueJSONTests.root.appendingPathComponent("Snippets/IndicatorsGuide.swift"),
            encoding: .utf8)
        let blocks = page.components(separatedBy: "```swift\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        #expect(blocks.count == 3)
        for block in blocks { #expect(snippet.contains(block), "\(block)") }
    }
}
