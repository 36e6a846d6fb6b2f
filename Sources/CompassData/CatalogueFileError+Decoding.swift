// Plain messages for the errors of decoding a catalogue.
//
// Foundation's decoding errors name Swift types ("Expected to decode Dictionary<String, Any> but
// found a string instead"). A catalogue is written by people who read Documentation/Indicators.md,
// not the Swift sources: each kind of error becomes what was expected there, with an example,
// and what was found, at its JSON path.

extension CatalogueFileError {
    /// The error for `error`, with what `document` holds at the error's path.
    init(decoding error: DecodingError, file: String, document: JSONValue) {
        switch error {
        case .typeMismatch(let type, let context):
            self.init(
                file: file, jsonPath: Self.path(context.codingPath),
                message: Self.mismatch(context.codingPath, Self.kind(of: type), document))
        case .valueNotFound(let type, let context):
            self.init(
                file: file, jsonPath: Self.path(context.codingPath),
                message: "expected \(Self.expectation(context.codingPath, Self.kind(of: type))), found null")
        case .keyNotFound(let key, let context):
            let path = context.codingPath + [key]
            self.init(
                file: file, jsonPath: Self.path(context.codingPath),
                message:
                    "the key '\(key.stringValue)' is missing; it holds \(Self.expectation(path, .unknown))")
        case .dataCorrupted(let context):
            // The library's own messages start in lower case; Foundation's (such as "Cannot initialize
            // Sex from invalid String value x" or "Number 1.5 is not representable in Swift") in capitals.
            let own = context.debugDescription.first.map { !$0.isUppercase } ?? false
            if !own, context.codingPath.isEmpty {
                // Foundation gives no path for a number that does not fit the type read, such as 1.5 or
                // 1e30 for a whole number; every number of a catalogue is a whole number.
                if let (path, number) = Self.firstNumberNotWhole(in: document, at: "") {
                    self.init(
                        file: file, jsonPath: path,
                        message: "expected a whole number, such as 100; found \(Self.describe(number))")
                } else {
                    self.init(file: file, jsonPath: "", message: "is not a catalogue the library can read")
                }
                return
            }
            self.init(
                file: file, jsonPath: Self.path(context.codingPath),
                message: own ? context.debugDescription : Self.mismatch(context.codingPath, .unknown, document))
        @unknown default:
            self.init(file: file, jsonPath: "", message: "is not a catalogue the library can read")
        }
    }

    /// `indicators[3].measure.where.kind`: keys joined by dots, list positions in brackets.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// The kind of JSON value a Swift type is read from.
    enum Kind {
        case object, list, string, wholeNumber, number, boolean, unknown
    }

    static func kind(of type: Any.Type) -> Kind {
        switch type {
        case is String.Type: return .string
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type, is UInt.Type: return .wholeNumber
        case is Double.Type, is Float.Type: return .number
        case is Bool.Type: return .boolean
        default:
            // Only to tell containers apart; the name is never shown.
            let name = String(describing: type)
            if name.hasPrefix("Dictionary<") { return .object }
            if name.hasPrefix("Array<") { return .list }
            return .unknown
        }
    }

    /// "expected …, such as …; found …".
    static func mismatch(_ codingPath: [any CodingKey], _ kind: Kind, _ document: JSONValue) -> String {
        var message = "expected \(expectation(codingPath, kind))"
        if let value = value(at: codingPath, in: document) { message += "; found \(describe(value))" }
        return message
    }

    /// The value at `codingPath`, or `nil` when the path does not lead to one.
    static func value(at codingPath: [any CodingKey], in document: JSONValue) -> JSONValue? {
        var value = document
        for key in codingPath {
            switch value.kind {
            case .array(let elements):
                guard let index = key.intValue, elements.indices.contains(index) else { return nil }
                value = elements[index]
            case .object(let members):
                guard key.intValue == nil, let member = members.first(where: { $0.key == key.stringValue })
                else { return nil }
                value = member.value
            default: return nil
            }
        }
        return value
    }

    /// The path and value of the first number, depth first, that is not a whole number an `Int` holds.
    static func firstNumberNotWhole(in value: JSONValue, at path: String) -> (String, JSONValue)? {
        switch value.kind {
        case .number(let digits):
            return Int(String(decoding: digits, as: UTF8.self)) == nil ? (path, value) : nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstNumberNotWhole(in: element, at: "\(path)[\(index)]") { return found }
            }
        case .object(let members):
            for (key, member) in members {
                if let found = firstNumberNotWhole(in: member, at: path.isEmpty ? key : "\(path).\(key)") {
                    return found
                }
            }
        default: break
        }
        return nil
    }

    /// A short description of a value: `the string "surveys"`, `the number 3`, `a list`.
    static func describe(_ value: JSONValue) -> String {
        switch value.kind {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let digits): "the number \(String(decoding: digits.prefix(40), as: UTF8.self))"
        case .string(let text): "the string \"\(DataProblem.display(text))\""
        case .array: "a list"
        case .object: "an object"
        }
    }

    static let indicatorExample = #"{"id": "surveys", "title": {"en": "Surveys"}, "measure": {"count": "surveys"}}"#
    static let ruleExample =
        #"{"id": "humanitarian-within-assisted", "title": {"en": "…"}, "left": "humanitarian-aid", "operator": "<=", "right": "migrants-assisted"}"#
    static let filterExample = #"{"sex": ["female"]}"#
    static let expressionExample =
        #"a number, an indicator id in quotes, or an object such as {"indicator": "return-assistance", "period": "programme_to_date"}"#

    /// An example code for each condition of a filter.
    static let codeExamples = [
        "kind": "humanitarian_aid", "service": "protection", "topic": "case_management", "audience": "social_workers",
        "sex": "female", "age_group": "child", "country": "SEN", "nationality": "MLI", "vulnerability": "health",
        "organisation": "government", "product_kind": "study", "platform": "yenna",
    ]

    /// What the catalogue format expects at `codingPath`, with an example, from its last key.
    static func expectation(_ codingPath: [any CodingKey], _ kind: Kind) -> String {
        let element = codingPath.last?.intValue != nil
        let key = codingPath.last(where: { $0.intValue == nil })?.stringValue ?? ""
        switch (key, element) {
        case ("", false): return #"a catalogue object, such as {"programme": {…}, "indicators": […]}"#
        case ("programme", false):
            return
                #"a programme object, such as {"name": "COMPASS", "full_name": {"en": "…"}, "period": {"start": "2021-01-01", "end": "2023-12-31"}, …}"#
        case ("indicators", false): return "a list of indicator objects, such as [\(indicatorExample)]"
        case ("indicators", true): return "an indicator object, such as \(indicatorExample)"
        case ("rules", false): return "a list of rule objects, such as [\(ruleExample)]"
        case ("rules", true): return "a rule object, such as \(ruleExample)"
        case ("measure", false), ("share", false), ("of", false):
            return #"a measure object, such as {"count": "surveys"}"#
        case ("where", false), ("filter", false), ("not", false), ("all_of", true), ("any_of", true):
            return "a filter object, such as \(filterExample)"
        case ("all_of", false), ("any_of", false):
            return #"a list of filter objects, such as [{"sex": ["female"]}, {"age_group": ["child"]}]"#
        case ("title", false), ("note", false), ("full_name", false), ("management_site", false), ("partners", true):
            return
                #"a text in quotes, or an object of texts by language code, such as {"en": "Surveys", "fr": "Enquêtes"}"#
        case ("breakdowns", false): return #"a list of breakdown dimensions, such as ["sex", "age_group"]"#
        case ("breakdowns", true): return #"a breakdown dimension in quotes, such as "sex""#
        case ("cross_breakdowns", false): return #"a list of pairs of dimensions, such as [["country", "sex"]]"#
        case ("cross_breakdowns", true): return #"a pair of dimensions, such as ["country", "sex"]"#
        case ("parts", false): return #"a list of indicator ids, such as ["humanitarian-aid", "return-assistance"]"#
        case ("parts", true), ("id", false), ("indicator", false):
            return #"an indicator id in quotes, such as "humanitarian-aid""#
        case ("work_area", false): return #"a work area id in quotes, such as "protection""#
        case ("count", false), ("distinct_people", false): return #"a source in quotes, such as "surveys""#
        case ("sum", false):
            return kind == .list
                ? #"a list of rule expressions, such as ["humanitarian-aid", "return-assistance"]"#
                : #"a field in quotes, such as "representatives""#
        case ("sum", true), ("left", false), ("right", false): return expressionExample
        case ("presentation", false): return #""exact" or an object such as {"lower_bound": 10}"#
        case ("lower_bound", false), ("baseline", false), ("target", false), ("minor_units", false):
            return "a whole number, such as 100"
        case ("satisfied", false): return "true or false"
        case ("operator", false): return #"an operator in quotes, such as "<=""#
        case ("importance", false): return #"an importance in quotes: "high", "medium" or "low""#
        case ("missing_values", false):
            return #"a strategy in quotes: "skip_if_any_value_missing", "skip_if_all_values_missing" or "never_skip""#
        case ("period", false):
            return kind == .object
                ? #"a period object, such as {"start": "2021-01-01", "end": "2023-12-31"}"#
                : #"a rule period in quotes, such as "report", "programme_to_date" or "2022""#
        case ("start", false), ("end", false): return #"a date in quotes, such as "2021-01-01""#
        case (let code, false) where codeExamples[code] != nil:
            return #"a list of codes, such as [""# + (codeExamples[code] ?? "") + #""]"#
        case (let code, true) where codeExamples[code] != nil:
            return #"a code in quotes, such as ""# + (codeExamples[code] ?? "") + #"""#
        default:
            switch kind {
            case .object: return "an object"
            case .list: return "a list"
            case .string: return "a text in quotes"
            case .wholeNumber: return "a whole number, such as 100"
            case .number: return "a number, such as 2.5"
            case .boolean: return "true or false"
            case .unknown: return "a value of another kind"
            }
        }
    }
}
