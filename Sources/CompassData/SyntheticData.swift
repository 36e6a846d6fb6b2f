public import CompassCore
import CompassEngine

/// Realistic synthetic datasets at any scale, the same for the same seed.
///
/// For *n* migrants registered across 2021–2023 in the programme's 14 partner
/// countries, the generator gives about 2.5 assistance records per migrant (some
/// people none, some up to five, along protection or return-and-reintegration
/// pathways), satisfaction answers from about one migrant in ten, and trainings,
/// participants, knowledge products, disseminations, outreach events and monthly
/// platform visits in proportion. No real person is in it.
///
/// ``write(migrants:seed:toDirectory:progress:)`` streams the records straight to CSV
/// files, holding none of them in memory, so it scales to 10,000,000 migrants;
/// ``generate(migrants:seed:progress:)`` gives the same records as a `Dataset`.
///
/// ```swift
/// let small = SyntheticData.generate(migrants: 1_000, seed: 7)
/// try SyntheticData.write(migrants: 1_000_000, seed: 7, toDirectory: "/tmp/big")
/// ```
///
/// Both take a `progress` callback, for an app's own progress bar:
///
/// ```swift
/// try SyntheticData.write(migrants: 1_000_000, seed: 7, toDirectory: "/tmp/big") { step in
///     print("\(step.percent) %")
/// }
/// ```
public enum SyntheticData {
    /// Where a long generation is: the migrants generated so far, of how many.
    ///
    /// The migrants come first and take nearly all the time; the other records follow them.
    public struct GenerationProgress: Hashable, Sendable {
        /// The migrants generated so far, with their assistance and surveys.
        public var migrantsGenerated: Int
        /// The migrants asked for.
        public var totalMigrants: Int

        /// Creates a progress value.
        public init(migrantsGenerated: Int, totalMigrants: Int) {
            self.migrantsGenerated = migrantsGenerated
            self.totalMigrants = totalMigrants
        }

        /// The share done, from 0 to 100, rounded down; 100 only when everything is generated.
        public var percent: Int { totalMigrants == 0 ? 100 : migrantsGenerated * 100 / totalMigrants }
    }

    /// A function called now and then during a generation.
    public typealias ProgressHandler = @Sendable (GenerationProgress) -> Void

    /// Generates a dataset in memory.
    ///
    /// - Parameters:
    ///   - migrants: The number of migrants, 0 or more.
    ///   - seed: The seed: the same seed gives the same records.
    ///   - progress: Called every 4,096 migrants and once at the end, when every record is
    ///     generated, with `migrantsGenerated == totalMigrants`; the count never decreases.
    ///     Called on the generating thread.
    public static func generate(migrants: Int, seed: UInt64, progress: ProgressHandler? = nil) -> Dataset {
        var sink = DatasetSink()
        var generator = Generator(migrants: migrants, seed: seed)
        generator.run(&sink, progress: progress)
        sink.dataset.description = description(migrants: migrants, seed: seed)
        progress?(GenerationProgress(migrantsGenerated: generator.migrants, totalMigrants: generator.migrants))
        return sink.dataset
    }

    /// Writes a dataset directory, streaming: the same bytes for the same seed.
    ///
    /// Every file is written under a temporary name and renamed into place once complete.
    ///
    /// - Parameters:
    ///   - migrants: The number of migrants, 0 or more.
    ///   - seed: The seed: the same seed gives the same bytes.
    ///   - path: The directory, created when missing.
    ///   - progress: Called every 4,096 migrants and once at the end, when every file is written
    ///     and in place, with `migrantsGenerated == totalMigrants`; the count never decreases.
    ///     Called on the writing thread.
    /// - Returns: The number of records written per file, in the format's file order.
    /// - Throws: ``DatasetWriteError`` when a file cannot be written.
    @discardableResult
    public static func write(
        migrants: Int, seed: UInt64, toDirectory path: String, progress: ProgressHandler? = nil
    ) throws(DatasetWriteError) -> [(file: DatasetFile, records: Int)] {
        do throws(DataFileError) {
            try createDirectory(path)
            var sink = try CSVSink(directory: path)
            var generator = Generator(migrants: migrants, seed: seed)
            generator.run(&sink, progress: progress)
            if let failure = sink.failure { throw failure }
            let text = description(migrants: migrants, seed: seed)
            let writer = sink.writers[DatasetFile.allCases.count - 1]
            for (language, words) in text.translations.sorted(by: { $0.key < $1.key }) {
                writer.text(language.code)
                writer.comma()
                writer.text(words)
                writer.end()
            }
            sink.counts[DatasetFile.allCases.count - 1] = text.translations.count
            for writer in sink.writers { try writer.output.commit() }
            progress?(GenerationProgress(migrantsGenerated: generator.migrants, totalMigrants: generator.migrants))
            return zip(DatasetFile.allCases, sink.counts).map { ($0, $1) }
        } catch {
            throw DatasetWriteError(error)
        }
    }

    /// The description given to a generated dataset.
    public static func description(migrants: Int, seed: UInt64) -> LocalizedText {
        [
            "en":
                "Synthetic data generated by Compass: \(grouped(migrants)) migrants, seed \(seed). It holds no real person's record.",
            "fr":
                "Données synthétiques générées par Compass : \(grouped(migrants)) migrants, graine \(seed). Elles ne contiennent aucune donnée réelle.",
        ]
    }
}

/// Where generated records go.
protocol RecordSink {
    mutating func add(_ record: Migrant)
    mutating func add(_ record: Assistance)
    mutating func add(_ record: SatisfactionResponse)
    mutating func add(_ record: Training)
    mutating func add(_ record: TrainingParticipant)
    mutating func add(_ record: KnowledgeProduct)
    mutating func add(_ record: Dissemination)
    mutating func add(_ record: Engagement)
    mutating func add(_ record: PlatformVisits)
}

struct DatasetSink: RecordSink {
    var dataset = Dataset()
    mutating func add(_ record: Migrant) { dataset.migrants.append(record) }
    mutating func add(_ record: Assistance) { dataset.assistance.append(record) }
    mutating func add(_ record: SatisfactionResponse) { dataset.surveys.append(record) }
    mutating func add(_ record: Training) { dataset.trainings.append(record) }
    mutating func add(_ record: TrainingParticipant) { dataset.participants.append(record) }
    mutating func add(_ record: KnowledgeProduct) { dataset.knowledgeProducts.append(record) }
    mutating func add(_ record: Dissemination) { dataset.disseminations.append(record) }
    mutating func add(_ record: Engagement) { dataset.engagements.append(record) }
    mutating func add(_ record: PlatformVisits) { dataset.platformVisits.append(record) }
}

/// Writes each record as a CSV row of its file as it comes.
struct CSVSink: RecordSink {
    let writers: [RowWriter]
    var counts: [Int]
    var failure: DataFileError?

    init(directory: String) throws(DataFileError) {
        var writers: [RowWriter] = []
        for file in DatasetFile.allCases {
            let writer = RowWriter(output: try FileOutput(path: directory + "/" + file.fileName))
            writer.header(file)
            writers.append(writer)
        }
        self.writers = writers
        counts = Array(repeating: 0, count: writers.count)
    }

    mutating func wrote(_ file: DatasetFile) {
        let index = DatasetFile.allCases.firstIndex(of: file) ?? 0
        counts[index] += 1
        do { try writers[index].output.flushIfNeeded() } catch { failure = failure ?? error }
    }

    mutating func add(_ record: Migrant) {
        writers[0].row(record)
        wrote(.migrants)
    }
    mutating func add(_ record: Assistance) {
        writers[1].row(record)
        wrote(.assistance)
    }
    mutating func add(_ record: SatisfactionResponse) {
        writers[2].row(record)
        wrote(.surveys)
    }
    mutating func add(_ record: Training) {
        writers[3].row(record)
        wrote(.trainings)
    }
    mutating func add(_ record: TrainingParticipant) {
        writers[4].row(record)
        wrote(.trainingParticipants)
    }
    mutating func add(_ record: KnowledgeProduct) {
        writers[5].row(record)
        wrote(.knowledgeProducts)
    }
    mutating func add(_ record: Dissemination) {
        writers[6].row(record)
        wrote(.disseminations)
    }
    mutating func add(_ record: Engagement) {
        writers[7].row(record)
        wrote(.engagements)
    }
    mutating func add(_ record: PlatformVisits) {
        writers[8].row(record)
        wrote(.platformVisits)
    }
}

/// The generator: one pass over the migrants, then the programme's other activities in proportion.
struct Generator {
    let migrants: Int
    var random: SeededRandom
    let countryWeights: [Int]
    let nationalityWeights: [Int]
    static let span = DateRange("2021-01-01", "2023-12-31")!
    let lastDay = CalendarDate("2023-12-31").dayNumber

    init(migrants: Int, seed: UInt64) {
        self.migrants = max(0, migrants)
        random = SeededRandom(seed: seed)
        countryWeights = CalibratedSample.countries.map(\.1)
        nationalityWeights = CalibratedSample.nationalities.map(\.1)
    }

    mutating func country() -> CountryCode { CalibratedSample.countries[random.weighted(countryWeights)].0 }

    mutating func sex() -> Sex {
        switch random.below(100) {
        case 0..<47: .female
        case 47..<95: .male
        default: .unknown
        }
    }

    mutating func day(from first: Int, to last: Int) -> CalendarDate {
        CalendarDate(dayNumber: first + random.below(max(1, last - first + 1))) ?? Generator.span.end
    }

    mutating func run(_ sink: inout some RecordSink, progress: SyntheticData.ProgressHandler? = nil) {
        var assistanceNumber = 0
        var surveyNumber = 0
        let protectionKinds: [AssistanceKind] = [
            .humanitarianAid, .humanitarianAid, .humanitarianAid, .comprehensiveAssistance, .comprehensiveAssistance,
        ]
        let returnPath: [AssistanceKind] = [
            .preDeparture, .voluntaryReturn, .postArrival, .reintegration, .reintegration,
        ]
        for number in 0..<migrants {
            if let progress, number & 4095 == 0, number > 0 {
                progress(SyntheticData.GenerationProgress(migrantsGenerated: number, totalMigrants: migrants))
            }
            let id = Migrant.ID("M" + padded(number + 1, 8))
            let sex = sex()
            let (birthYear, nationality, vulnerabilities) = random.personAttributes(
                sex: sex, childrenBornFrom: 2005...2020, olderBornFrom: 1935...1962,
                nationalities: CalibratedSample.nationalities, nationalityWeights: nationalityWeights)
            let registered = day(from: Generator.span.start.dayNumber, to: lastDay)
            sink.add(
                Migrant(
                    id, sex: sex, birthYear: birthYear, nationality: nationality,
                    registeredOn: random.chance(1, in: 100) ? nil : registered, vulnerabilities: vulnerabilities))

            // About 2.5 services each: 4 % none, up to 5, along one pathway, in one country mostly.
            let count = random.weighted([4, 18, 28, 26, 16, 8])
            guard count > 0 else { continue }
            let returning = random.chance(25, in: 100)
            var place = country()
            var first = registered.dayNumber
            var lastKind = AssistanceKind.humanitarianAid
            var lastDate = registered
            for step in 0..<count {
                let kind = returning ? returnPath[min(step, returnPath.count - 1)] : random.pick(protectionKinds)
                if returning, kind == .postArrival || random.chance(5, in: 100) { place = country() }
                let date = day(from: first, to: min(first + 120, lastDay))
                first = date.dayNumber
                assistanceNumber += 1
                sink.add(
                    Assistance(Assistance.ID("A" + padded(assistanceNumber, 9)), for: id, kind, on: date, in: place))
                lastKind = kind
                lastDate = date
            }
            // One in ten answers a survey about the last service, a few days later.
            if random.chance(10, in: 100) {
                let service: SurveyService =
                    switch lastKind {
                    case .humanitarianAid, .comprehensiveAssistance: .protection
                    case .reintegration: .reintegration
                    default: .return
                    }
                surveyNumber += 1
                sink.add(
                    SatisfactionResponse(
                        SatisfactionResponse.ID("S" + padded(surveyNumber, 8)), by: id, about: service,
                        on: day(from: lastDate.dayNumber, to: min(lastDate.dayNumber + 14, lastDay)),
                        satisfied: random.chance(86, in: 100)))
            }
        }
        activities(&sink)
    }

    /// Trainings, knowledge products, outreach and platform visits, in proportion to the migrants.
    mutating func activities(_ sink: inout some RecordSink) {
        let scale = max(1, migrants / 1_000)
        var people = 0
        let topics = TrainingTopic.allCases
        let audiences: [TrainingAudience] = [.socialWorkers, .stakeholders, .stakeholders, .community]
        let organisations: [OrganisationType] = [.government, .government, .ngo, .ngo, .un, .other]
        for number in 1...(5 * scale) {
            let id = Training.ID("T" + padded(number, 6))
            let start = day(from: Generator.span.start.dayNumber, to: lastDay - 5)
            let end = CalendarDate(dayNumber: start.dayNumber + random.within(0...4)) ?? start
            sink.add(
                Training(
                    id, topic: random.pick(topics), audience: random.pick(audiences), in: country(), from: start,
                    to: end))
            var seen: Set<Int> = []
            for _ in 0..<random.within(8...30) {
                // One participant in ten has been trained before.
                let person: Int
                if people > 0, random.chance(10, in: 100) {
                    person = random.below(people) + 1
                } else {
                    people += 1
                    person = people
                }
                guard seen.insert(person).inserted else { continue }
                // A person's sex and organisation are fixed by their number, so repeats agree.
                var traits = SeededRandom(seed: UInt64(person))
                let sex: Sex = traits.chance(45, in: 100) ? .female : traits.chance(97, in: 100) ? .male : .unknown
                sink.add(
                    TrainingParticipant(
                        TrainingParticipant.PersonID("P" + padded(person, 7)), in: id, sex: sex,
                        organisation: traits.pick(organisations)))
            }
        }
        var disseminations = 0
        for number in 1...(2 * scale) {
            let id = KnowledgeProduct.ID("K" + padded(number, 6))
            let kind = random.pick(KnowledgeProductKind.allCases)
            let date = day(from: Generator.span.start.dayNumber, to: lastDay)
            sink.add(
                KnowledgeProduct(
                    id, kind: kind,
                    title: "Synthetic \(kind.label[.english].lowercased()) \(number), \"part \(number % 3 + 1)\"",
                    publishedOn: date))
            for _ in 0..<random.within(1...3) {
                disseminations += 1
                sink.add(
                    Dissemination(
                        Dissemination.ID("D" + padded(disseminations, 7)), of: id,
                        on: day(from: date.dayNumber, to: min(date.dayNumber + 90, lastDay)),
                        to: random.pick(OrganisationType.allCases), representatives: random.within(5...60)))
            }
        }
        for number in 1...(10 * scale) {
            sink.add(
                Engagement(
                    Engagement.ID("E" + padded(number, 7)), on: day(from: Generator.span.start.dayNumber, to: lastDay),
                    in: country(), youth: random.within(10...90), supportNetwork: random.within(10...90)))
        }
        for (platform, weight) in [("yenna", 5), ("waka_well", 3), ("ctdc", 2)] {
            for year in 2021...2023 {
                for month in 1...12 {
                    sink.add(
                        PlatformVisits(
                            platform, year: year, month: month, visitors: weight * scale * random.within(150...250)))
                }
            }
        }
    }
}
