import Compass
import Foundation
import Testing

/// Hostile catalogues: every decoding error says what was expected, with an example, and what was found,
/// never a Swift type name.
struct CatalogueErrorMessageTests {
    static func indicator(_ fields: String) -> String {
        CatalogueJSONTests.catalogue("[{\"id\": \"a\", \"title\": \"A\", \(fields)}]")
    }

    static let cases: [(json: String, message: String)] = [
        (
            indicator(#""measure": {"share": "migrants-assisted", "of": {"count": "migrants"}}"#),
            #"test.json: at indicators[0].measure.share: expected a measure object, such as {"count": "surveys"}; found the string "migrants-assisted""#
        ),
        (
            indicator(#""measure": 3"#),
            #"test.json: at indicators[0].measure: expected a measure object, such as {"count": "surveys"}; found the number 3"#
        ),
        (
            indicator(#""measure": {"count": "migrants"}, "breakdowns": "sex""#),
            #"test.json: at indicators[0].breakdowns: expected a list of breakdown dimensions, such as ["sex", "age_group"]; found the string "sex""#
        ),
        (
            indicator(#""measure": {"count": "migrants"}, "breakdowns": ["gender"]"#),
            "test.json: at indicators[0].breakdowns[0]: unknown breakdown dimension 'gender'; the dimensions are sex, age_group, nationality, vulnerability, country, assistance_kind, service, training_topic, organisation_type, product_kind, platform"
        ),
        (
            indicator(#""measure": {"count": "migrants"}, "baseline": "10""#),
            #"test.json: at indicators[0].baseline: expected a whole number, such as 100; found the string "10""#
        ),
        (
            indicator(#""measure": {"count": "migrants"}, "baseline": 1.5"#),
            "test.json: at indicators[0].baseline: expected a whole number, such as 100; found the number 1.5"
        ),
        (
            indicator(#""measure": {"count": "migrants", "where": ["sex"]}"#),
            #"test.json: at indicators[0].measure.where: expected a filter object, such as {"sex": ["female"]}; found a list"#
        ),
        (
            indicator(#""measure": {"count": "surveys", "where": {"satisfied": "yes"}}"#),
            #"test.json: at indicators[0].measure.where.satisfied: expected true or false; found the string "yes""#
        ),
        (
            indicator(#""measure": {"count": "migrants", "where": {"sex": "female"}}"#),
            #"test.json: at indicators[0].measure.where.sex: expected a list of codes, such as ["female"]; found the string "female""#
        ),
        (
            CatalogueJSONTests.catalogue(#"[{"id": null, "title": "A", "measure": {"count": "migrants"}}]"#),
            #"test.json: at indicators[0].id: expected an indicator id in quotes, such as "humanitarian-aid", found null"#
        ),
        (
            CatalogueJSONTests.catalogue(#"[{"id": "a", "title": 5, "measure": {"count": "migrants"}}]"#),
            #"test.json: at indicators[0].title: expected a text in quotes, or an object of texts by language code, such as {"en": "Surveys", "fr": "Enquêtes"}; found the number 5"#
        ),
        (
            CatalogueJSONTests.catalogue(#"[{"id": "a", "title": "A"}]"#),
            #"test.json: at indicators[0]: the key 'measure' is missing; it holds a measure object, such as {"count": "surveys"}"#
        ),
        (
            CatalogueJSONTests.catalogue("{}"),
            #"test.json: at indicators: expected a list of indicator objects, such as [{"id": "surveys", "title": {"en": "Surveys"}, "measure": {"count": "surveys"}}]; found an object"#
        ),
        (
            CatalogueJSONTests.catalogue(
                #"[{"id": "a", "title": "A", "measure": {"count": "migrants"}}]"#,
                rules: #"[{"id": "r", "title": "R", "left": true, "operator": "<=", "right": 3}]"#),
            #"test.json: at rules[0].left: expected a number, an indicator id in quotes, or an object such as {"indicator": "return-assistance", "period": "programme_to_date"}; found true"#
        ),
        (
            CatalogueJSONTests.catalogue(
                #"[{"id": "a", "title": "A", "measure": {"count": "migrants"}}]"#,
                rules:
                    #"[{"id": "r", "title": "R", "left": "a", "operator": "<=", "right": 3, "importance": "urgent"}]"#),
            "test.json: at rules[0].importance: unknown importance 'urgent'; the importances are high, medium, low"
        ),
        (
            "[]",
            #"test.json: expected a catalogue object, such as {"programme": {…}, "indicators": […]}; found a list"#
        ),
        (
            "{\"programme\": ",
            "test.json: is not valid JSON: the text ends where a value is expected (line 1, column 15)"
        ),
    ]

    @Test(arguments: cases)
    func sayWhatWasExpectedAndWhatWasFound(json: String, message: String) {
        #expect(CatalogueJSONTests.decode(json) == message)
    }

    /// Words of Swift's decoding errors that a catalogue's author should never read.
    static let swiftWords = [
        "Dictionary", "Array<", "Expected to decode", "Swift", "Cannot initialize", "CodingKeys", "Int",
    ]

    /// Every value of a small catalogue replaced, in turn, by a value of each JSON kind.
    @Test func noErrorShowsSwiftTypeNames() {
        let indicator = #"""
            {"id": "a", "title": {"en": "A"}, "work_area": "protection", "measure": {"share": {"count": "surveys", "where": {"satisfied": true, "service": ["protection"]}}, "of": {"count": "surveys", "where": {"any_of": [{"sex": ["female"]}, {"not": {"age_group": ["child"]}}]}}}, "breakdowns": ["sex"], "cross_breakdowns": [["country", "sex"]], "presentation": {"lower_bound": 10}, "baseline": 1, "target": 2}
            """#
        let rule =
            #"{"id": "r", "title": "R", "left": {"sum": ["a", 3]}, "operator": "<=", "right": {"indicator": "a", "period": "programme_to_date"}, "importance": "low", "missing_values": "never_skip"}"#
        let template = CatalogueJSONTests.catalogue("[\(indicator)]", rules: "[\(rule)]")
        #expect(CatalogueJSONTests.decode(template) == "ok")
        let replacements = [#""x""#, "3", "1.5", "true", "null", "[]", "{}", #"["x"]"#, #"{"x": 1}"#]
        // Every value after a key in the indicator and the rule, found by its key.
        let keys = [
            "id", "title", "en", "work_area", "measure", "share", "count", "where", "satisfied", "service", "of",
            "any_of",
            "sex", "not", "age_group", "breakdowns", "cross_breakdowns", "presentation", "lower_bound", "baseline",
            "target", "left", "sum", "operator", "right", "indicator", "period", "importance", "missing_values",
        ]
        var checked = 0
        for key in keys {
            for part in [indicator, rule] {
                guard let range = part.range(of: "\"\(key)\": ") else { continue }
                let valueEnd = Self.endOfValue(in: part, from: range.upperBound)
                for replacement in replacements {
                    let hostile = part.replacingCharacters(in: range.upperBound..<valueEnd, with: replacement)
                    let json =
                        part == indicator
                        ? CatalogueJSONTests.catalogue("[\(hostile)]", rules: "[\(rule)]")
                        : CatalogueJSONTests.catalogue("[\(indicator)]", rules: "[\(hostile)]")
                    let message = CatalogueJSONTests.decode(json)
                    for word in Self.swiftWords {
                        #expect(!message.contains(word), "\(key) = \(replacement): \(message)")
                    }
                    checked += 1
                }
            }
        }
        // "id" and "title" are in both the indicator and the rule.
        #expect(checked == 31 * 9)
    }

    /// The end of the JSON value that starts at `start`: the `,`, `}` or `]` after it (the template has no escapes).
    static func endOfValue(in text: String, from start: String.Index) -> String.Index {
        var depth = 0
        var inString = false
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if inString {
                if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "{" || character == "[" {
                depth += 1
            } else if character == "," || character == "}" || character == "]" {
                if depth == 0 { return index }
                if character != "," { depth -= 1 }
            }
            index = text.index(after: index)
        }
        return index
    }
}
