import Compass
import CompassCommandLine
import Foundation
import Testing

/// Breakdowns, overlap, progress, rules and validation on small datasets with values worked out by hand.
@Suite struct EngineFeatureTests {
    static let data = Dataset {
        Migrant(
            "m1", sex: .female, birthYear: 2010, nationality: "MLI", vulnerabilities: [.victimOfTrafficking, .health])
        Migrant("m2", sex: .male, birthYear: 1990, nationality: "NER")
        Migrant("m3")
        Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
        Assistance("a2", for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "NER")
        Assistance("a3", for: "m2", .humanitarianAid, on: "2022-12-31", in: "MLI")
        Assistance("a4", for: "m3", .reintegration, on: "2023-01-01", in: "MLI")
        Assistance("a5", for: "m2", .voluntaryReturn, on: "2021-06-01", in: "NER")
    }

    static func service(_ id: Indicator.ID, _ kinds: AssistanceKind...) -> Indicator {
        Indicator(
            id: id, title: LocalizedText(stringLiteral: id.rawValue),
            measure: .distinctPeople(.assistance, where: .kinds(Set(kinds))))
    }

    static let assisted = Indicator(
        id: "assisted", title: ["en": "Assisted", "fr": "Assistés"], measure: .distinctPeople(.assistance),
        breakdowns: [.country, .sex, .ageGroup, .vulnerability], crossBreakdowns: [.country × .sex], baseline: 1,
        target: 4, parts: ["aid", "care", "return", "reintegration"])

    static func catalogue(rules: [ValidationRule] = []) -> Catalogue {
        Catalogue(
            programme: .compass,
            indicators: [
                assisted, service("aid", .humanitarianAid), service("care", .comprehensiveAssistance),
                service("return", .preDeparture, .postArrival, .voluntaryReturn),
                service("reintegration", .reintegration),
            ], rules: rules)
    }

    @Test func breakdownsOfDistinctPeopleSayWhenTheyCannotReconcile() throws {
        let result = try #require(
            try Engine().evaluate(Self.catalogue(), on: Self.data, period: .year(2022))["assisted"])
        #expect(result.value == .count(2))
        let country = try #require(result.breakdown(.country))
        #expect(country.cells.map { "\($0.category.code)=\($0.value)" } == ["MLI=2", "NER=1"])
        #expect(country.categoriesOverlap && !country.reconciles && country.overcount == 1)
        let sex = try #require(result.breakdown(.sex))
        #expect(sex.cells.map { "\($0.category.code)=\($0.value)" } == ["female=1", "male=1"])
        #expect(!sex.categoriesOverlap && sex.reconciles)
        #expect(result.breakdown(.ageGroup)?.cells.map { "\($0.category.code)=\($0.value)" } == ["child=1", "adult=1"])
        #expect(
            result.breakdown(.vulnerability)?.cells.map { "\($0.category.code)=\($0.value)" }
                == ["victim_of_trafficking=1", "health=1", "none=1"])
        let crossed = try #require(result.crossBreakdown(.country, .sex))
        #expect(
            crossed.cells.map { "\($0.first.code)|\($0.second.code)=\($0.value)" }
                == ["MLI|female=1", "MLI|male=1", "NER|female=1"])
        #expect(crossed.cells.map { $0.percent ?? -1 } == [34, 33, 33])
        #expect(crossed["NER", "female"]?.value == 1)
        #expect(crossed.categoriesOverlap && crossed.overcount == 1)
    }

    @Test func theOverlapOfServicesIsStatedInTheResultAndTheReport() throws {
        let engine = Engine()
        let result = try #require(try engine.evaluate(Self.catalogue(), on: Self.data, period: .year(2022))["assisted"])
        #expect(
            result.overlap
                == Overlap(
                    parts: ["aid", "care", "return", "reintegration"], partValues: [2, 1, 0, 0], distinct: 2,
                    peopleInSeveralParts: 1))
        #expect(result.overlap?.sumOfParts == 3)
        #expect(result.overlap?.doubleCounted == 1)
        let entry = try #require(
            try engine.report(Self.catalogue(), on: Self.data, period: .year(2022), disclosure: .off)["assisted"])
        #expect(entry.overlap == result.overlap)
        // The report holds the overlap as numbers; the sentence is the presentation's.
        #expect(entry.notes.isEmpty)
        #expect(
            FigureFormat(language: .english).notes(entry) == [
                "The 4 services add up to 3 people; 2 distinct people were counted, as 1 received more than one and is counted once."
            ])
        #expect(
            FigureFormat(language: .french).notes(entry) == [
                "Les 4 services totalisent 3 personnes ; 2 personnes distinctes ont été comptées, car une personne en a reçu plus d'un et est comptée une seule fois."
            ])
        #expect(entry.crossBreakdowns == result.crossBreakdowns)
    }

    @Test func theCompassFactSheetStatesThe41652Versus41562Overlap() throws {
        let result = try #require(
            try Engine().evaluate(.compass, on: .compassSample2022(), period: .year(2022))["migrants-assisted"])
        let overlap = try #require(result.overlap)
        #expect(overlap.partValues == [21_818, 16_034, 2_820, 980])
        #expect(overlap.sumOfParts == 41_652)
        #expect(overlap.distinct == 41_562)
        #expect(overlap.doubleCounted == 90)
        #expect(overlap.peopleInSeveralParts == 90)
    }

    @Test func progressIsMeasuredFromTheBaselineToTheTarget() throws {
        let result = try #require(
            try Engine().evaluate(Self.catalogue(), on: Self.data, period: .year(2022))["assisted"])
        #expect(result.progress == TargetProgress(baseline: 1, target: 4, achieved: Fraction(1, over: 3)))
        #expect(result.progress?.percent == 33)
        let share = TargetProgress.of(.share(Fraction(43, over: 50)), baseline: 80, target: 90)
        // 86 % is 6 of the 10 points from a baseline of 80 % to a target of 90 %.
        #expect(share?.achieved == Fraction(300, over: 500))
        #expect(share?.percent == 60)
        #expect(TargetProgress.of(.count(5), baseline: 5, target: 5) == nil)
    }

    // MARK: Rules

    static func rule(
        _ id: String, _ left: RuleExpression, _ op: RuleOperator, _ right: RuleExpression,
        importance: ValidationRule.Importance = .high,
        missing: ValidationRule.MissingValueStrategy = .skipIfAnyValueMissing
    ) -> ValidationRule {
        ValidationRule(
            id: id, title: LocalizedText(stringLiteral: id), left: left, op, right: right, importance: importance,
            missingValues: missing)
    }

    func findings(_ rules: [ValidationRule], _ period: Period) throws -> [String] {
        let evaluation = try Engine().evaluate(Self.catalogue(rules: rules), on: Self.data, period: period)
        return evaluation.findings.filter { $0.rule.hasPrefix("r-") }.map(\.description)
    }

    @Test func rulesCompareValuesInTheirOwnPeriods() throws {
        let rules = [
            Self.rule("r-ok", .value("reintegration"), .lessThanOrEqual, .value("return", in: .programmeToDate)),
            Self.rule(
                "r-broken", .value("reintegration"), .lessThanOrEqual, .value("return", in: .fixed(.year(2022))),
                missing: .neverSkip),
            Self.rule("r-sum", .sum([.value("aid"), .constant(1)]), .equal, .constant(2), importance: .medium),
        ]
        #expect(
            try findings(rules, .year(2023)) == [
                "error [r-broken] r-broken: reintegration = 1 is not <= return[2022] = 0"
            ])
        #expect(try findings(rules, .year(2022)) == ["warning [r-sum] r-sum: aid + 1 = 3 is not == 2"])
        #expect(try findings(rules, .month(2022, 12)) == [])
        #expect(try findings(rules, .year(2021)) == [])
    }

    @Test(arguments: [
        (RuleOperator.equal, 2, false), (.notEqual, 2, true), (.lessThan, 3, false), (.lessThan, 2, true),
        (.lessThanOrEqual, 2, false), (.lessThanOrEqual, 1, true), (.greaterThan, 1, false), (.greaterThan, 2, true),
        (.greaterThanOrEqual, 2, false), (.greaterThanOrEqual, 3, true),
    ])
    func everyComparisonOperator(op: RuleOperator, constant: Int, broken: Bool) throws {
        // "assisted" is 2 in 2022.
        let found = try findings(
            [Self.rule("r-op", .value("assisted"), op, .constant(constant), importance: .low)], .year(2022))
        #expect(found == (broken ? ["note [r-op] r-op: assisted = 2 is not \(op) \(constant)"] : []))
    }

    @Test func missingValuesFollowTheRuleStrategy() throws {
        // In 2023 "care" has no record: its value is missing; "reintegration" is 1.
        let any = Self.rule("r-any", .value("care"), .greaterThan, .constant(5), missing: .skipIfAnyValueMissing)
        let all = Self.rule(
            "r-all", .sum([.value("care"), .value("reintegration")]), .greaterThan, .constant(5),
            missing: .skipIfAllValuesMissing)
        let allMissing = Self.rule(
            "r-all-missing", .value("care"), .greaterThan, .constant(5), missing: .skipIfAllValuesMissing)
        let never = Self.rule("r-never", .value("care"), .greaterThan, .constant(5), missing: .neverSkip)
        #expect(
            try findings([any, all, allMissing, never], .year(2023)) == [
                "error [r-all] r-all: care + reintegration = 1 is not > 5",
                "error [r-never] r-never: care = 0 is not > 5",
            ])
    }

    @Test func pairOperatorsAreAboutWhichSidesHaveValues() throws {
        let compulsory = Self.rule("r-compulsory", .value("care"), .compulsoryPair, .value("reintegration"))
        let exclusive = Self.rule("r-exclusive", .value("aid"), .exclusivePair, .value("care"))
        #expect(try findings([compulsory, exclusive], .year(2021)) == [])
        #expect(
            try findings([compulsory, exclusive], .year(2023)) == [
                "error [r-compulsory] r-compulsory: care has no value but reintegration has value; both or neither must"
            ])
        #expect(
            try findings([compulsory, exclusive], .year(2022)) == [
                "error [r-compulsory] r-compulsory: care has value but reintegration has no value; both or neither must",
                "error [r-exclusive] r-exclusive: aid and care both have values; at most one may",
            ])
    }

    @Test func theCompassRuleHoldsOnTheSampleAndCatchesImpossibleReintegration() throws {
        #expect(try Engine().evaluate(.compass, on: .compassSample2022(), period: .year(2022)).findings == [])
        var data = Dataset()
        data.migrants = [Migrant("r1"), Migrant("r2")]
        data.assistance = [
            Assistance("x1", for: "r1", .reintegration, on: "2022-05-01", in: "MLI"),
            Assistance("x2", for: "r2", .reintegration, on: "2022-05-02", in: "MLI"),
            Assistance("x3", for: "r1", .voluntaryReturn, on: "2021-05-01", in: "MLI"),
        ]
        let findings = try Engine().evaluate(.compass, on: data, period: .year(2022)).findings
        #expect(
            findings.map(\.description) == [
                "error [reintegration-after-return] Reintegration recipients in the period are at most the people assisted to return since the programme started: reintegration-assistance = 2 is not <= return-assistance[programme_to_date] = 1"
            ])
    }

    // MARK: Validation

    @Test func dataFindingsNameTheirRecords() throws {
        var data = Self.data
        data.migrants.append(Migrant("m4", birthYear: 2023, registeredOn: "2022-05-01"))
        data.migrants.append(Migrant("m5", nationality: "XKX"))
        data.assistance.append(Assistance("a6", for: "m4", .humanitarianAid, on: "2022-06-01", in: "MLI"))
        data.assistance.append(Assistance("a7", for: "ghost", .humanitarianAid, on: "2024-01-02", in: "ZZZ"))
        data.assistance.append(Assistance("a1", for: "m2", .humanitarianAid, on: "2022-06-01", in: "MLI"))
        data.platformVisits.append(PlatformVisits("unlisted", year: 2022, month: 5, visitors: 10))
        let findings = try Engine().evaluate(Self.catalogue(), on: data, period: .year(2022)).findings
            .filter { $0.record != nil }
        #expect(
            findings.map { "\($0.record ?? "") \($0)" } == [
                "migrants m4 error [impossible-value] migrants m4 has registered_on 2022-05-01, before the birth year 2023 of migrant m4",
                "assistance a6 error [impossible-value] assistance a6 has delivered_on 2022-06-01, before the birth year 2023 of migrant m4",
                "assistance a1 error [duplicate-id] assistance a1 appears more than once; the first record is used",
                "migrants m5 warning [unknown-code] migrants m5 has nationality XKX, which is not an ISO 3166-1 alpha-3 code",
                "assistance a7 warning [unknown-migrant] assistance a7 names migrant ghost, who is not in migrants; counted with unknown sex, age and nationality",
                "assistance a7 warning [date-outside-programme] assistance a7 has delivered_on 2024-01-02, outside the programme (2021-01-01..2023-12-31)",
                "assistance a7 warning [unknown-code] assistance a7 has country ZZZ, which is not an ISO 3166-1 alpha-3 code",
                "platform_visits unlisted 2022-5 warning [unknown-code] platform_visits unlisted 2022-5 names platform unlisted, which the programme does not have",
            ])
        #expect(CountryCode.iso3166Alpha3.count == 249)
    }

    @Test func anInvalidCatalogueIsRefusedWithEveryProblemAtOnce() {
        let catalogue = Catalogue(
            programme: .compass,
            indicators: [
                Indicator(
                    id: "youth", title: "Youth", measure: .sum(.youth), crossBreakdowns: [.country × .sex], target: 0),
                Indicator(id: "records", title: "Records", measure: .count(.assistance), parts: ["nowhere"]),
                Indicator(
                    id: "people", title: "People", measure: .distinctPeople(.assistance), parts: ["records", "people"]),
                Indicator(
                    id: "services-per-person", title: "Services per person",
                    measure: .share(.count(.assistance), of: .distinctPeople(.assistance))),
            ],
            rules: [
                Self.rule("r", .value("missing"), .equal, .constant(1)),
                Self.rule("r", .constant(1), .equal, .constant(1)),
            ])
        let expected = [
            "error [inapplicable-breakdown] indicator youth: engagements records have no sex to break down by",
            "error [incoherent-target] indicator youth: the target 0 equals the baseline, so progress has no meaning",
            "error [incoherent-unit] indicator services-per-person: a share must count the same unit above and below, not records over people",
            "error [invalid-parts] indicator records: only a distinct-people indicator can have parts",
            "error [invalid-parts] indicator people: the part records must count distinct people in assistance too",
            "error [invalid-parts] indicator people: an indicator cannot be its own part",
            "error [invalid-rule] rule r: it names indicator missing, which the catalogue does not have",
            "error [invalid-rule] rule r: the rule is defined more than once",
        ]
        #expect(catalogue.validate().map(\.description) == expected)
        #expect(throws: EvaluationError.self) { try Engine().evaluate(catalogue, on: Self.data, period: .year(2022)) }
        do {
            _ = try Engine().evaluate(catalogue, on: Self.data, period: .year(2022))
        } catch {
            #expect(error.findings.map(\.description) == expected)
        }
    }

    // MARK: Command line

    /// Writes a catalogue to a temporary JSON file and returns its path.
    func temporaryCatalogue(_ catalogue: Catalogue, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("compass-engine-\(name).json").path
        try catalogue.jsonText().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func reportAndIndicatorsReadACatalogueFile() throws {
        var catalogue = Catalogue.compass
        catalogue.indicators = [
            Indicator(
                id: "girls-assisted", title: ["en": "Girls assisted", "fr": "Filles assistées"], workArea: "protection",
                measure: .distinctPeople(.assistance, where: .sex(.female) && .ageGroups(.child)),
                breakdowns: [.country])
        ]
        catalogue.rules = []
        let path = try temporaryCatalogue(catalogue, name: "girls")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let listed = CompassCommand().run(["indicators", "--catalogue", path])
        #expect(listed.status == 0)
        #expect(listed.standardOutput == "girls-assisted\tprotection\tpeople\tGirls assisted\n")
        let report = CompassCommand().run(["report", "--catalogue", path, "--period", "2022-Q3"])
        #expect(report.status == 0)
        #expect(report.standardOutput.contains("— Girls assisted\n"))
        #expect(!report.standardOutput.contains("Migrants assisted"))
    }

    @Test func anInvalidCatalogueFileIsRefusedWithItsFindings() throws {
        var catalogue = Catalogue.compass
        catalogue.indicators[10].breakdowns = [.sex]  // youth-engaged: aggregate counts have no sex
        let path = try temporaryCatalogue(catalogue, name: "invalid")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let message =
            "error [inapplicable-breakdown] indicator youth-engaged: engagements records have no sex to break down by"
        let validated = CompassCommand().run(["validate", "--catalogue", path])
        #expect(validated.status == 1)
        #expect(validated.standardOutput == message + "\n1 error, 0 warnings, 0 notes\n")
        let listed = CompassCommand().run(["indicators", "--catalogue", path])
        #expect(listed.status == 1)
        #expect(listed.standardError == "compass: \(message)\n")
        let report = CompassCommand().run(["report", "--catalogue", path])
        #expect(report.status == 1)
        #expect(report.standardError.contains(message))
    }

    @Test func validatePrintsFindingsWithTheirExitStatus() throws {
        let clean = CompassCommand().run(["validate"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput == "0 errors, 0 warnings, 0 notes\n")
        var data = Dataset.compassSample2022()
        data.assistance.append(Assistance("late", for: "nobody", .reintegration, on: "2022-05-01", in: "ZZZ"))
        let broken = data
        let outcome = CompassCommand(sample: { broken }).run(["validate", "--period", "2022"])
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput == """
                warning [unknown-migrant] assistance late names migrant nobody, who is not in migrants; counted with unknown sex, age and nationality
                warning [unknown-code] assistance late has country ZZZ, which is not an ISO 3166-1 alpha-3 code
                0 errors, 2 warnings, 0 notes

                """)
        let usage = CompassCommand().run(["validate", "--period", "someday"])
        #expect(usage.status == 2)
        let missing = CompassCommand().run(["validate", "--catalogue", "/nonexistent.json"])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("compass: /nonexistent.json: cannot be read"))
    }
}
