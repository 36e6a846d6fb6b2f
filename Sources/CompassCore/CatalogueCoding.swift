// The JSON shape of catalogues, indicators, measures, filters and rules.
//
// Hand-designed rather than synthesized, so that a catalogue file reads like the
// documentation (Documentation/Indicators.md) describes it:
//
//     {"id": "humanitarian-aid", "title": {"en": "…", "fr": "…"},
//      "measure": {"distinct_people": "assistance", "where": {"kind": ["humanitarian_aid"]}}}
//
// Unknown keys are errors, so a misspelt key is never silently ignored.

/// A coding key for any string, so that unknown keys can be detected and named.
struct JSONKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == JSONKey {
    /// Throws when the object has a key not in `allowed`, naming it and the allowed keys.
    func rejectUnknownKeys(_ allowed: [String], in what: String) throws {
        for key in allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription:
                    "unknown key '\(key.stringValue)' in \(what); the keys are \(allowed.joined(separator: ", "))")
        }
    }

    /// Decodes a list of codes of a code list, naming the valid codes when one is unknown.
    func codes<T: Code>(_ type: T.Type, _ key: String, what: String) throws -> Set<T> {
        let texts = try decode([String].self, forKey: JSONKey(key))
        guard !texts.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: JSONKey(key), in: self, debugDescription: "'\(key)' needs at least one \(what)")
        }
        var result = Set<T>()
        for text in texts {
            guard let value = T(code: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: JSONKey(key), in: self,
                    debugDescription: "unknown \(what) '\(text)'; the codes are \(T.validCodes)")
            }
            result.insert(value)
        }
        return result
    }

    /// Decodes a non-empty list of strings.
    func strings(_ key: String, what: String) throws -> [String] {
        let texts = try decode([String].self, forKey: JSONKey(key))
        guard !texts.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: JSONKey(key), in: self, debugDescription: "'\(key)' needs at least one \(what)")
        }
        return texts
    }
}

// MARK: Filter

extension Filter: Codable {
    /// The keys of leaf conditions, in the canonical order in which an object with several is read.
    static let leafKeys = [
        "kind", "service", "satisfied", "topic", "audience", "sex", "age_group", "country", "nationality",
        "vulnerability", "organisation", "product_kind", "platform",
    ]
    static let combinatorKeys = ["all_of", "any_of", "not"]

    /// Reads a filter: `{}` for every record, one object of conditions (all must hold), or `all_of`, `any_of`, `not`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(Filter.leafKeys + Filter.combinatorKeys, in: "a filter")
        let keys = Set(container.allKeys.map(\.stringValue))
        if let combinator = Filter.combinatorKeys.first(where: keys.contains) {
            guard keys.count == 1 else {
                throw DecodingError.dataCorruptedError(
                    forKey: JSONKey(combinator), in: container,
                    debugDescription: "'\(combinator)' must be the only key of its object")
            }
            switch combinator {
            case "not":
                self = Filter(.not(try container.decode(Filter.self, forKey: JSONKey("not")).node))
            default:
                let parts = try container.decode([Filter].self, forKey: JSONKey(combinator)).map(\.node)
                guard !parts.isEmpty else {
                    throw DecodingError.dataCorruptedError(
                        forKey: JSONKey(combinator), in: container,
                        debugDescription: "'\(combinator)' needs at least one filter")
                }
                self = Filter(combinator == "all_of" ? .and(parts) : .or(parts))
            }
            return
        }
        var leaves: [Node] = []
        for key in Filter.leafKeys where keys.contains(key) {
            switch key {
            case "kind": leaves.append(.kinds(try container.codes(AssistanceKind.self, key, what: "assistance kind")))
            case "service": leaves.append(.services(try container.codes(SurveyService.self, key, what: "service")))
            case "satisfied": leaves.append(.satisfied(try container.decode(Bool.self, forKey: JSONKey(key))))
            case "topic": leaves.append(.topics(try container.codes(TrainingTopic.self, key, what: "training topic")))
            case "audience":
                leaves.append(.audiences(try container.codes(TrainingAudience.self, key, what: "training audience")))
            case "sex": leaves.append(.sexes(try container.codes(Sex.self, key, what: "sex")))
            case "age_group": leaves.append(.ageGroups(try container.codes(AgeGroup.self, key, what: "age group")))
            case "country", "nationality":
                var countries = Set<CountryCode>()
                for text in try container.strings(key, what: "country code") {
                    guard let country = CountryCode(text) else {
                        throw DecodingError.dataCorruptedError(
                            forKey: JSONKey(key), in: container,
                            debugDescription: "'\(text)' is not an ISO 3166-1 alpha-3 code (three capital letters)")
                    }
                    countries.insert(country)
                }
                leaves.append(key == "country" ? .countries(countries) : .nationalities(countries))
            case "vulnerability":
                leaves.append(.vulnerabilities(try container.codes(Vulnerability.self, key, what: "vulnerability")))
            case "organisation":
                leaves.append(
                    .organisations(try container.codes(OrganisationType.self, key, what: "organisation type")))
            case "product_kind":
                leaves.append(.productKinds(try container.codes(KnowledgeProductKind.self, key, what: "product kind")))
            default:
                leaves.append(.platforms(Set(try container.strings(key, what: "platform id"))))
            }
        }
        switch leaves.count {
        case 0: self = .all
        case 1: self = Filter(leaves[0])
        default: self = Filter(.and(leaves))
        }
    }

    /// Writes the filter in the shape ``init(from:)`` reads; lists of codes are sorted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try Filter.encode(node, into: &container)
    }

    /// The key of a leaf condition, or `nil` for a combinator.
    static func leafKey(_ node: Node) -> String? {
        switch node {
        case .all, .and, .or, .not: nil
        case .kinds: "kind"
        case .services: "service"
        case .satisfied: "satisfied"
        case .topics: "topic"
        case .audiences: "audience"
        case .sexes: "sex"
        case .ageGroups: "age_group"
        case .countries: "country"
        case .nationalities: "nationality"
        case .vulnerabilities: "vulnerability"
        case .organisations: "organisation"
        case .productKinds: "product_kind"
        case .platforms: "platform"
        }
    }

    static func encode(_ node: Node, into container: inout KeyedEncodingContainer<JSONKey>) throws {
        func codes<T: Code>(_ set: Set<T>) -> [String] { set.map(\.rawValue).sorted() }
        switch node {
        case .all: break
        case .kinds(let set): try container.encode(codes(set), forKey: JSONKey("kind"))
        case .services(let set): try container.encode(codes(set), forKey: JSONKey("service"))
        case .satisfied(let value): try container.encode(value, forKey: JSONKey("satisfied"))
        case .topics(let set): try container.encode(codes(set), forKey: JSONKey("topic"))
        case .audiences(let set): try container.encode(codes(set), forKey: JSONKey("audience"))
        case .sexes(let set): try container.encode(codes(set), forKey: JSONKey("sex"))
        case .ageGroups(let set): try container.encode(codes(set), forKey: JSONKey("age_group"))
        case .countries(let set): try container.encode(set.map(\.code).sorted(), forKey: JSONKey("country"))
        case .nationalities(let set): try container.encode(set.map(\.code).sorted(), forKey: JSONKey("nationality"))
        case .vulnerabilities(let set): try container.encode(codes(set), forKey: JSONKey("vulnerability"))
        case .organisations(let set): try container.encode(codes(set), forKey: JSONKey("organisation"))
        case .productKinds(let set): try container.encode(codes(set), forKey: JSONKey("product_kind"))
        case .platforms(let set): try container.encode(set.sorted(), forKey: JSONKey("platform"))
        case .and(let parts):
            // Leaves with distinct keys in canonical order read back as one object; anything else as all_of.
            let keys = parts.map(leafKey)
            let positions = keys.compactMap { $0.flatMap { Filter.leafKeys.firstIndex(of: $0) } }
            if parts.count >= 2, positions.count == parts.count, positions == positions.sorted(),
                Set(positions).count == positions.count
            {
                for part in parts { try encode(part, into: &container) }
            } else {
                try container.encode(parts.map(Filter.init), forKey: JSONKey("all_of"))
            }
        case .or(let parts): try container.encode(parts.map(Filter.init), forKey: JSONKey("any_of"))
        case .not(let inner): try container.encode(Filter(inner), forKey: JSONKey("not"))
        }
    }
}

// MARK: Measure, presentation, dimensions

extension Measure: Codable {
    /// Reads `{"count": SOURCE}`, `{"distinct_people": SOURCE}`, `{"sum": FIELD}` (each with an optional `where`)
    /// or `{"share": MEASURE, "of": MEASURE}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(["count", "distinct_people", "sum", "share", "of", "where"], in: "a measure")
        let keys = Set(container.allKeys.map(\.stringValue))
        let kinds = ["count", "distinct_people", "sum", "share"].filter(keys.contains)
        guard kinds.count == 1, let kind = kinds.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "a measure has exactly one of count, distinct_people, sum or share"))
        }
        let filter = try container.decodeIfPresent(Filter.self, forKey: JSONKey("where")) ?? .all
        func source() throws -> Source {
            let text = try container.decode(String.self, forKey: JSONKey(kind))
            guard let source = Source(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: JSONKey(kind), in: container,
                    debugDescription:
                        "unknown source '\(text)'; the sources are \(Source.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return source
        }
        switch kind {
        case "count": self = .count(try source(), where: filter)
        case "distinct_people": self = .distinctPeople(try source(), where: filter)
        case "sum":
            let text = try container.decode(String.self, forKey: JSONKey("sum"))
            guard let field = Field(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: JSONKey("sum"), in: container,
                    debugDescription:
                        "unknown field '\(text)'; the fields are \(Field.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            self = .sum(field, where: filter)
        default:
            guard !keys.contains("where") else {
                throw DecodingError.dataCorruptedError(
                    forKey: JSONKey("where"), in: container,
                    debugDescription: "a share has no 'where'; filter its numerator and denominator")
            }
            self = .share(
                try container.decode(Measure.self, forKey: JSONKey("share")),
                of: try container.decode(Measure.self, forKey: JSONKey("of")))
        }
    }

    /// Writes the measure in the shape ``init(from:)`` reads; a filter of every record is left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        func filter(_ filter: Filter) throws {
            if filter != .all { try container.encode(filter, forKey: JSONKey("where")) }
        }
        switch self {
        case .count(let source, let where_):
            try container.encode(source.rawValue, forKey: JSONKey("count"))
            try filter(where_)
        case .distinctPeople(let source, let where_):
            try container.encode(source.rawValue, forKey: JSONKey("distinct_people"))
            try filter(where_)
        case .sum(let field, let where_):
            try container.encode(field.rawValue, forKey: JSONKey("sum"))
            try filter(where_)
        case .share(let numerator, let denominator):
            try container.encode(numerator, forKey: JSONKey("share"))
            try container.encode(denominator, forKey: JSONKey("of"))
        }
    }
}

extension Presentation: Codable {
    /// Reads `"exact"` or `{"lower_bound": STEP}`.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard text == "exact" else {
                throw DecodingError.dataCorruptedError(
                    in: try decoder.singleValueContainer(),
                    debugDescription: "unknown presentation '\(text)'; write \"exact\" or {\"lower_bound\": STEP}")
            }
            self = .exact
            return
        }
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(["lower_bound"], in: "a presentation")
        self = .lowerBound(step: try container.decode(Int.self, forKey: JSONKey("lower_bound")))
    }

    /// Writes `"exact"` or `{"lower_bound": STEP}`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .exact:
            var container = encoder.singleValueContainer()
            try container.encode("exact")
        case .lowerBound(let step):
            var container = encoder.container(keyedBy: JSONKey.self)
            try container.encode(step, forKey: JSONKey("lower_bound"))
        }
    }
}

extension DimensionPair: Codable {
    /// Reads a pair written as a list of two dimensions, such as `["country", "sex"]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        guard container.count == 2 else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a crossed breakdown is a list of exactly two dimensions")
        }
        self.init(try container.decode(BreakdownDimension.self), try container.decode(BreakdownDimension.self))
    }

    /// Writes the pair as a list of two dimensions.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(first)
        try container.encode(second)
    }
}

extension BreakdownDimension {
    /// Reads a dimension's name, naming the dimensions when it is not one.
    public init(from decoder: any Decoder) throws {
        self = try decodeName(from: decoder, what: "breakdown dimension", plural: "dimensions")
    }
}

extension ValidationRule.Importance {
    /// Reads an importance, naming the importances when it is not one.
    public init(from decoder: any Decoder) throws {
        self = try decodeName(from: decoder, what: "importance", plural: "importances")
    }
}

extension ValidationRule.MissingValueStrategy {
    /// Reads a strategy, naming the strategies when it is not one.
    public init(from decoder: any Decoder) throws {
        self = try decodeName(from: decoder, what: "missing-value strategy", plural: "strategies")
    }
}

/// Reads one of a closed set of names; an unknown one is an error that lists them.
func decodeName<T: RawRepresentable & CaseIterable>(from decoder: any Decoder, what: String, plural: String) throws -> T
where T.RawValue == String {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = T(rawValue: text) else {
        throw DecodingError.dataCorruptedError(
            in: container,
            debugDescription:
                "unknown \(what) '\(text)'; the \(plural) are \(T.allCases.map(\.rawValue).joined(separator: ", "))"
        )
    }
    return value
}

// MARK: Indicator

extension Indicator: Codable {
    static let keys = [
        "id", "title", "work_area", "measure", "filter", "breakdowns", "cross_breakdowns", "presentation", "note",
        "baseline", "target", "parts",
    ]

    /// Reads an indicator; only `id`, `title` and `measure` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(Indicator.keys, in: "an indicator")
        func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
            try container.decodeIfPresent(type, forKey: JSONKey(key))
        }
        self.init(
            id: try container.decode(ID.self, forKey: JSONKey("id")),
            title: try container.decode(LocalizedText.self, forKey: JSONKey("title")),
            workArea: try optional(String.self, "work_area"),
            measure: try container.decode(Measure.self, forKey: JSONKey("measure")),
            filter: try optional(Filter.self, "filter") ?? .all,
            breakdowns: try optional([BreakdownDimension].self, "breakdowns") ?? [],
            presentation: try optional(Presentation.self, "presentation") ?? .exact,
            note: try optional(LocalizedText.self, "note"),
            crossBreakdowns: try optional([DimensionPair].self, "cross_breakdowns") ?? [],
            baseline: try optional(Int.self, "baseline"),
            target: try optional(Int.self, "target"),
            parts: try optional([ID].self, "parts") ?? [])
    }

    /// Writes the indicator, leaving out what has its default value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(id, forKey: JSONKey("id"))
        try container.encode(title, forKey: JSONKey("title"))
        try container.encodeIfPresent(workArea, forKey: JSONKey("work_area"))
        try container.encode(measure, forKey: JSONKey("measure"))
        if filter != .all { try container.encode(filter, forKey: JSONKey("filter")) }
        if !breakdowns.isEmpty { try container.encode(breakdowns, forKey: JSONKey("breakdowns")) }
        if !crossBreakdowns.isEmpty { try container.encode(crossBreakdowns, forKey: JSONKey("cross_breakdowns")) }
        if presentation != .exact { try container.encode(presentation, forKey: JSONKey("presentation")) }
        try container.encodeIfPresent(note, forKey: JSONKey("note"))
        try container.encodeIfPresent(baseline, forKey: JSONKey("baseline"))
        try container.encodeIfPresent(target, forKey: JSONKey("target"))
        if !parts.isEmpty { try container.encode(parts, forKey: JSONKey("parts")) }
    }
}

// MARK: Rules

extension RuleExpression: Codable {
    /// Reads a number (a constant), a string (an indicator in the report period),
    /// `{"indicator": ID, "period": PERIOD}` or `{"sum": [EXPRESSION, …]}`.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let value = try? single.decode(Int.self) {
                self = .constant(value)
                return
            }
            if let id = try? single.decode(String.self) {
                self = .value(Indicator.ID(id))
                return
            }
        }
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(["indicator", "period", "sum"], in: "a rule expression")
        if container.contains(JSONKey("sum")) {
            self = .sum(try container.decode([RuleExpression].self, forKey: JSONKey("sum")))
            return
        }
        let id = try container.decode(Indicator.ID.self, forKey: JSONKey("indicator"))
        let text = try container.decodeIfPresent(String.self, forKey: JSONKey("period")) ?? "report"
        guard let period = RulePeriod(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: JSONKey("period"), in: container,
                debugDescription:
                    "'\(text)' is not a rule period; write report, programme_to_date or a period such as 2022")
        }
        self = .value(id, in: period)
    }

    /// Writes the expression in its shortest form.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .constant(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .value(let id, .report):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .value(let id, let period):
            var container = encoder.container(keyedBy: JSONKey.self)
            try container.encode(id, forKey: JSONKey("indicator"))
            try container.encode(period.description, forKey: JSONKey("period"))
        case .sum(let terms):
            var container = encoder.container(keyedBy: JSONKey.self)
            try container.encode(terms, forKey: JSONKey("sum"))
        }
    }
}

extension ValidationRule: Codable {
    /// Reads a rule; `importance` defaults to `high` and `missing_values` to `skip_if_any_value_missing`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(
            ["id", "title", "left", "operator", "right", "importance", "missing_values"], in: "a rule")
        let text = try container.decode(String.self, forKey: JSONKey("operator"))
        guard let op = RuleOperator(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: JSONKey("operator"), in: container,
                debugDescription:
                    "unknown operator '\(text)'; the operators are \(RuleOperator.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        self.init(
            id: try container.decode(String.self, forKey: JSONKey("id")),
            title: try container.decode(LocalizedText.self, forKey: JSONKey("title")),
            left: try container.decode(RuleExpression.self, forKey: JSONKey("left")), op,
            right: try container.decode(RuleExpression.self, forKey: JSONKey("right")),
            importance: try container.decodeIfPresent(Importance.self, forKey: JSONKey("importance")) ?? .high,
            missingValues: try container.decodeIfPresent(MissingValueStrategy.self, forKey: JSONKey("missing_values"))
                ?? .skipIfAnyValueMissing)
    }

    /// Writes every field of the rule.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(id, forKey: JSONKey("id"))
        try container.encode(title, forKey: JSONKey("title"))
        try container.encode(left, forKey: JSONKey("left"))
        try container.encode(self.operator.rawValue, forKey: JSONKey("operator"))
        try container.encode(right, forKey: JSONKey("right"))
        try container.encode(importance, forKey: JSONKey("importance"))
        try container.encode(missingValues, forKey: JSONKey("missing_values"))
    }
}

// MARK: Catalogue

extension Catalogue: Codable {
    /// Reads `{"programme": …, "indicators": […], "rules": […]}`; `rules` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try container.rejectUnknownKeys(["programme", "indicators", "rules"], in: "a catalogue")
        self.init(
            programme: try container.decode(Programme.self, forKey: JSONKey("programme")),
            indicators: try container.decode([Indicator].self, forKey: JSONKey("indicators")),
            rules: try container.decodeIfPresent([ValidationRule].self, forKey: JSONKey("rules")) ?? [])
    }

    /// Writes the catalogue in the shape ``init(from:)`` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(programme, forKey: JSONKey("programme"))
        try container.encode(indicators, forKey: JSONKey("indicators"))
        if !rules.isEmpty { try container.encode(rules, forKey: JSONKey("rules")) }
    }
}
