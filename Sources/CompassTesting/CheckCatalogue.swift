public import CompassCore
import CompassData
import CompassEngine
public import Testing

/// Checks a catalogue the way the engine will use it, recording every problem at the caller's line.
///
/// It checks that the catalogue validates without errors; that it evaluates over the
/// programme's whole period and each of its years on an empty dataset and on
/// `randomDatasets` seeded random datasets without findings of error severity; and that
/// every result obeys the engine's invariants: percents of a breakdown add up to 100,
/// shares lie within 0…100 %, person breakdowns (sex, age group, nationality) reconcile
/// with their total.
///
/// ```swift
/// @Test func myCatalogueIsSound() {
///     checkCatalogue(myCatalogue)
/// }
/// ```
///
/// - Parameters:
///   - catalogue: The catalogue to check.
///   - randomDatasets: How many random datasets to evaluate it on.
///   - sourceLocation: Where problems are recorded; the caller's line by default.
public func checkCatalogue(
    _ catalogue: Catalogue, randomDatasets: Int = 3, sourceLocation: SourceLocation = #_sourceLocation
) {
    let errors = catalogue.validate().filter { $0.severity == .error }
    for finding in errors {
        record("catalogue: \(finding)", sourceLocation)
    }
    guard errors.isEmpty else { return }
    let programme = catalogue.programme.period
    var periods: [Period] = [.programme]
    for year in programme.start.year...programme.end.year { periods.append(.year(year)) }
    var datasets = [("an empty dataset", Dataset())]
    for seed in 0..<randomDatasets {
        datasets.append(
            ("random dataset \(seed)", Dataset.random(seed: UInt64(seed), programme: catalogue.programme)))
    }
    for (name, dataset) in datasets {
        for period in periods {
            let evaluation: Evaluation
            do {
                evaluation = try Engine().evaluate(catalogue, on: dataset, period: period)
            } catch {
                record("\(name), \(period): \(error)", sourceLocation)
                return
            }
            for finding in evaluation.findings where finding.severity == .error {
                record("\(name), \(period): \(finding)", sourceLocation)
            }
            for result in evaluation.results {
                checkInvariants(result, "\(name), \(period), \(result.indicator)", sourceLocation)
            }
        }
    }
}

private func checkInvariants(_ result: IndicatorResult, _ name: String, _ sourceLocation: SourceLocation) {
    if case .share(let fraction) = result.value, let percent = fraction.percent, !(0...100).contains(percent) {
        record("\(name): share \(fraction) is \(percent)%, outside 0…100", sourceLocation)
    }
    for breakdown in result.breakdowns {
        let percents = breakdown.cells.compactMap(\.percent)
        if !percents.isEmpty, percents.reduce(0, +) != 100 {
            record(
                "\(name): percents by \(breakdown.dimension.rawValue) add up to \(percents.reduce(0, +)), not 100",
                sourceLocation)
        }
        let personal: Set<BreakdownDimension> = [.sex, .ageGroup, .nationality]
        if personal.contains(breakdown.dimension), !breakdown.reconciles {
            record(
                "\(name): cells by \(breakdown.dimension.rawValue) add up to \(breakdown.cellSum), not the total \(breakdown.total)",
                sourceLocation)
        }
    }
}

extension Dataset {
    /// A small seeded random dataset with records of every kind, for checking catalogues.
    ///
    /// Dates fall within the programme's period, with its first and last days over-represented;
    /// some people have unknown sex, no birth year or no nationality; some receive several
    /// kinds of assistance in several countries; some trainees attend twice. Every reference
    /// resolves, so the dataset itself has no findings.
    ///
    /// - Parameters:
    ///   - seed: The seed; the same seed gives the same dataset.
    ///   - migrants: How many migrants to create.
    ///   - programme: Whose period, countries and platforms to use.
    public static func random(seed: UInt64, migrants: Int = 200, programme: Programme = .testing) -> Dataset {
        var random = SeededRandom(seed: seed)
        let countries: [CountryCode] =
            programme.partnerCountries.isEmpty ? ["MLI", "NER", "LBY"] : programme.partnerCountries
        let platforms = programme.platforms.map(\.id)
        let period = programme.period
        func day() -> CalendarDate {
            switch random.below(10) {
            case 0: period.start
            case 1: period.end
            default: random.day(in: period)
            }
        }
        var data = Dataset()
        for number in 0..<migrants {
            let id = Migrant.ID("m\(number)")
            // Born before the programme starts, so that no record predates its person's birth.
            let birthYear: Int? =
                random.chance(1, in: 10) ? nil : random.within(period.start.year - 80...period.start.year)
            data.migrants.append(
                Migrant(
                    id, sex: random.pick(Sex.allCases), birthYear: birthYear,
                    nationality: random.chance(1, in: 10) ? nil : random.pick(countries), registeredOn: period.start,
                    vulnerabilities: Set(Vulnerability.allCases.filter { _ in random.chance(1, in: 6) })))
            for _ in 0..<random.within(0...4) {
                data.assistance.append(
                    Assistance(
                        Assistance.ID("a\(data.assistance.count)"), for: id, random.pick(AssistanceKind.allCases),
                        on: day(), in: random.pick(countries)))
            }
            if random.chance(1, in: 3) {
                data.surveys.append(
                    SatisfactionResponse(
                        SatisfactionResponse.ID("s\(data.surveys.count)"), by: id,
                        about: random.pick(SurveyService.allCases), on: day(), satisfied: random.chance(4, in: 5)))
            }
        }
        for number in 0..<max(2, migrants / 20) {
            let start = day()
            data.trainings.append(
                Training(
                    Training.ID("t\(number)"), topic: random.pick(TrainingTopic.allCases),
                    audience: random.pick(TrainingAudience.allCases), in: random.pick(countries), from: start, to: start
                ))
        }
        for person in 0..<max(4, migrants / 4) {
            let sex = random.pick(Sex.allCases)
            let organisation = random.pick(OrganisationType.allCases)
            let first = random.below(data.trainings.count)
            let trainings = random.chance(1, in: 5) ? [first, (first + 1) % data.trainings.count] : [first]
            for training in Set(trainings) {
                data.participants.append(
                    TrainingParticipant(
                        TrainingParticipant.PersonID("p\(person)"), in: data.trainings[training].id, sex: sex,
                        organisation: organisation))
            }
        }
        for number in 0..<max(2, migrants / 25) {
            let product = KnowledgeProduct.ID("k\(number)")
            data.knowledgeProducts.append(
                KnowledgeProduct(
                    product, kind: random.pick(KnowledgeProductKind.allCases), title: "Product \(number)",
                    publishedOn: day()))
            data.disseminations.append(
                Dissemination(
                    Dissemination.ID("d\(number)"), of: product, on: day(), to: random.pick(OrganisationType.allCases),
                    representatives: random.within(0...50)))
        }
        for number in 0..<max(2, migrants / 10) {
            data.engagements.append(
                Engagement(
                    Engagement.ID("e\(number)"), on: day(), in: random.pick(countries), youth: random.within(0...80),
                    supportNetwork: random.within(0...80)))
        }
        for platform in platforms {
            var month = CalendarDate.firstOfMonth(period.start)
            while month <= period.end {
                data.platformVisits.append(
                    PlatformVisits(platform, year: month.year, month: month.month, visitors: random.within(0...5_000)))
                month = CalendarDate.firstOfMonth(
                    CalendarDate(dayNumber: month.dayNumber + 31) ?? period.end)
                if month.year > period.end.year + 1 { break }
            }
        }
        return data
    }
}

extension CalendarDate {
    /// The first day of the month of `date`.
    fileprivate static func firstOfMonth(_ date: CalendarDate) -> CalendarDate {
        CalendarDate(year: date.year, month: date.month, day: 1) ?? date
    }
}
