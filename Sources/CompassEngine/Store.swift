package import CompassCore

/// A dataset as columns of small integers: ids interned once, codes as ordinals, dates packed.
///
/// Building the store is where data findings are made: every record is either
/// taken into the columns or reported as a finding, never dropped silently.
package struct Store {
    static let unknown: Int32 = -1

    // People who received assistance or answered surveys, numbered densely.
    var migrants = IdTable()
    var migrantSex: [UInt8] = []
    var migrantBirthYear: [Int16] = []  // 0 when unknown; clamped to ±32,767
    var migrantNationality: [Int16] = []  // into `countries` (at most 26³ codes), or -1
    var migrantVulnerabilities: [UInt8] = []  // one bit per Vulnerability ordinal
    var migrantRegistered: [Int32] = []  // packed date, 0 when unknown
    var registeredMigrants = 0  // the first numbers are the ones in migrants.csv

    var countries = Interner()
    /// The number of each country code, indexed by its three letters as a base-26 number; -1 until interned.
    var countryNumbers: [Int32] = []

    var assistancePerson: [Int32] = []
    var assistanceKind: [UInt8] = []
    var assistanceDate: [Int32] = []
    var assistanceCountry: [Int16] = []  // into `countries`

    var surveyPerson: [Int32] = []
    var surveyService: [UInt8] = []
    var surveyDate: [Int32] = []
    var surveySatisfied: [Bool] = []

    // Trained people, numbered densely, and one row per participation.
    var trainees = IdTable()
    var traineeSex: [UInt8] = []
    var participationPerson: [Int32] = []
    var participationSex: [UInt8] = []
    var participationOrganisation: [UInt8] = []
    var participationTopic: [UInt8] = []
    var participationAudience: [UInt8] = []
    var participationCountry: [Int32] = []
    var participationDate: [Int32] = []

    var productKind: [UInt8] = []
    var productDate: [Int32] = []

    var disseminationProductKind: [Int32] = []  // ordinal, or -1 for an unknown product
    var disseminationDate: [Int32] = []
    var disseminationAudience: [UInt8] = []
    var disseminationRepresentatives: [Int] = []

    var engagementDate: [Int32] = []
    var engagementCountry: [Int32] = []
    var engagementYouth: [Int] = []
    var engagementSupportNetwork: [Int] = []

    var platforms = Interner()
    var visitPlatform: [Int32] = []
    var visitDate: [Int32] = []
    var visitCount: [Int] = []

    var findings: [Finding] = []

    /// The programme's days, when the dataset is checked against a programme.
    var programmeDates: DateRange?
    /// The days whose assistance and survey records are kept in the columns; `nil` for all.
    /// Records of other days are checked (and their people numbered) all the same.
    package var keptDays: DateRange?
    /// The attributes of migrants kept in their columns; the others' columns stay empty.
    package var keptAttributes = MigrantAttributes.all
    /// Per country number, whether its code is an assigned ISO 3166-1 alpha-3 code.
    var countryAssigned: [Bool] = []
    /// The number of platforms the programme declares; later numbers are unknown platforms.
    var declaredPlatforms = 0

    /// An empty store, checking records against `programme` when there is one.
    package init(programme: Programme?) {
        programmeDates = programme?.period
        for platform in programme?.platforms ?? [] { _ = platforms.intern(platform.id) }
        declaredPlatforms = programme == nil ? Int.max : platforms.count
    }

    /// The store of a dataset: every record taken into the columns or reported as a finding.
    init(
        _ dataset: Dataset, programme: Programme?, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all
    ) {
        self.init(programme: programme)
        self.keptDays = keptDays
        keptAttributes = attributes
        reserve(migrants: dataset.migrants.count, assistance: dataset.assistance.count, idBytes: 0)
        for migrant in dataset.migrants {
            var id = migrant.id.rawValue
            let added = id.withUTF8 { bytes in
                addMigrant(
                    id: bytes, sex: migrant.sex, birthYear: migrant.birthYear,
                    nationality: migrant.nationality.map { countryNumber($0) } ?? Store.unknown,
                    registeredOn: migrant.registeredOn,
                    vulnerabilities: migrant.vulnerabilities.reduce(0) { $0 | 1 << UInt8($1.ordinal) })
            }
            if !added.added {
                report(
                    .error, "duplicate-id", "migrant \(migrant.id) appears more than once; the first record is used",
                    record: "migrants \(migrant.id)")
            }
        }
        endMigrants()
        var assistanceIDs = IdTable(capacity: dataset.assistance.count)
        for record in dataset.assistance {
            guard assistanceIDs.insert(record.id.rawValue).inserted else {
                report(
                    .error, "duplicate-id", "assistance \(record.id) appears more than once; the first record is used",
                    record: "assistance \(record.id)")
                continue
            }
            var migrant = record.migrant.rawValue
            _ = migrant.withUTF8 { bytes in
                addAssistance(
                    migrant: bytes, kind: record.kind, date: record.date, country: countryNumber(record.country),
                    record: record.id.rawValue)
            }
        }
        var surveyIDs = IdTable(capacity: dataset.surveys.count)
        for record in dataset.surveys {
            guard surveyIDs.insert(record.id.rawValue).inserted else {
                report(
                    .error, "duplicate-id", "survey \(record.id) appears more than once; the first record is used",
                    record: "surveys \(record.id)")
                continue
            }
            var migrant = record.migrant.rawValue
            _ = migrant.withUTF8 { bytes in
                addSurvey(
                    migrant: bytes, service: record.service, date: record.date, satisfied: record.satisfied,
                    record: record.id.rawValue)
            }
        }
        addOthers(dataset)
    }

    /// Adds the records of the smaller sources: trainings and their participants, knowledge
    /// products and their disseminations, engagements and platform visits, in that order.
    package mutating func addOthers(_ dataset: Dataset) {
        addTrainings(dataset.trainings, participants: dataset.participants)
        addOthersThanTrainings(dataset)
    }

    /// The smaller sources after trainings and their participants, in the order of `addOthers(_:)`.
    private mutating func addOthersThanTrainings(_ dataset: Dataset) {
        addKnowledgeProducts(dataset.knowledgeProducts, disseminations: dataset.disseminations)
        addEngagements(dataset.engagements)
        addPlatformVisits(dataset.platformVisits)
    }

    /// A participation a reader has checked and numbered: its training, by index in the
    /// trainings read; its person, by number in the reader's table of trainees; its codes.
    package struct Participation: Sendable {
        let training: Int32
        let person: Int32
        let sex: UInt8
        let organisation: UInt8

        package init(training: Int32, person: Int32, sex: Sex, organisation: OrganisationType) {
            self.training = training
            self.person = person
            self.sex = UInt8(sex.ordinal)
            self.organisation = UInt8(organisation.ordinal)
        }

        private init(training: Int32, person: Int32, sex: UInt8, organisation: UInt8) {
            self.training = training
            self.person = person
            self.sex = sex
            self.organisation = organisation
        }

        /// The same participation of another person.
        package func with(person: Int32) -> Participation {
            Participation(training: training, person: person, sex: sex, organisation: organisation)
        }

        /// The training's number.
        package var trainingNumber: Int32 { training }
    }

    /// `addOthers(_:)` for a dataset whose participants a reader gives as numbers: the columns
    /// and findings are those of `dataset` with those participants, built without an id's `String`.
    ///
    /// - Parameters:
    ///   - trainees: The people of the participations, numbered in order of first appearance
    ///     among them; it becomes this store's table of trainees, which must be empty.
    ///   - participations: In order, none repeated (a training and a person once).
    package mutating func addOthers(_ dataset: Dataset, trainees people: IdTable, participations: [Participation]) {
        precondition(trainees.count == 0, "the store has trainees already")
        addTrainings(dataset.trainings, trainees: people, participations: participations)
        addOthersThanTrainings(dataset)
    }

    /// Takes the columns of the smaller sources from `other`, a store of the same programme that
    /// holds nothing but them, as if `addOthers(_:)` had been called on this one.
    ///
    /// This lets a reader build those columns on another thread while it reads the large files.
    /// The other store's country numbers are interned here in its own order, and its findings
    /// come after this store's, so columns and findings are exactly those of `addOthers(_:)`.
    package mutating func takeOthers(from other: Store) {
        var countryMap: [Int32] = []
        for code in other.countries.values {
            let letters = Array(code.utf8)
            countryMap.append(letters.count == 3 ? countryNumber(letters[0], letters[1], letters[2]) : Store.unknown)
        }
        func mapped(_ column: [Int32]) -> [Int32] { column.map { $0 < 0 ? $0 : countryMap[Int($0)] } }
        trainees = other.trainees
        traineeSex = other.traineeSex
        participationPerson = other.participationPerson
        participationSex = other.participationSex
        participationOrganisation = other.participationOrganisation
        participationTopic = other.participationTopic
        participationAudience = other.participationAudience
        participationCountry = mapped(other.participationCountry)
        participationDate = other.participationDate
        productKind = other.productKind
        productDate = other.productDate
        disseminationProductKind = other.disseminationProductKind
        disseminationDate = other.disseminationDate
        disseminationAudience = other.disseminationAudience
        disseminationRepresentatives = other.disseminationRepresentatives
        engagementDate = other.engagementDate
        engagementCountry = mapped(other.engagementCountry)
        engagementYouth = other.engagementYouth
        engagementSupportNetwork = other.engagementSupportNetwork
        platforms = other.platforms
        visitPlatform = other.visitPlatform
        visitDate = other.visitDate
        visitCount = other.visitCount
        findings += other.findings
    }

    /// The number of people `migrants` numbered (those of migrants.csv first); it stays when the ids are let go.
    var migrantCount: Int { max(migrants.count, releasedMigrants) }
    /// The number of trained people `trainees` numbered; it stays when the ids are let go.
    var traineeCount: Int { max(trainees.count, releasedTrainees) }
    private var releasedMigrants = 0
    private var releasedTrainees = 0

    /// Ends the preparation: the rows are put in the order of their people (`orderByPerson()`),
    /// and the ids of people are let go, as evaluations only count people (at a million migrants
    /// their table is some 40 MiB). Nothing is added to the store after this.
    package mutating func endPreparation() {
        orderByPerson()
        _ = releaseIds()
    }

    /// Lets the ids of people go (their numbers stay) and returns their tables, for a caller
    /// that frees their memory elsewhere, such as on another thread. Nothing that needs an id
    /// (adding records) is done after this.
    package mutating func releaseIds() -> [IdTable] {
        releasedMigrants = migrantCount
        releasedTrainees = traineeCount
        let released = [migrants, trainees]
        migrants = IdTable()
        trainees = IdTable()
        return released
    }

    /// Puts the rows of assistance, surveys and training participations in the order of their
    /// people, unless they are in it already, so that evaluations group them by person in one
    /// pass. The sort is stable (a person's rows keep their order); no result depends on the
    /// order of the rows, and every finding was made before.
    package mutating func orderByPerson() {
        if let order = Store.personOrder(assistancePerson, people: migrantCount) {
            assistancePerson = Store.permuted(assistancePerson, order)
            assistanceKind = Store.permuted(assistanceKind, order)
            assistanceDate = Store.permuted(assistanceDate, order)
            assistanceCountry = Store.permuted(assistanceCountry, order)
        }
        if let order = Store.personOrder(surveyPerson, people: migrantCount) {
            surveyPerson = Store.permuted(surveyPerson, order)
            surveyService = Store.permuted(surveyService, order)
            surveyDate = Store.permuted(surveyDate, order)
            surveySatisfied = Store.permuted(surveySatisfied, order)
        }
        if let order = Store.personOrder(participationPerson, people: traineeCount) {
            participationPerson = Store.permuted(participationPerson, order)
            participationSex = Store.permuted(participationSex, order)
            participationOrganisation = Store.permuted(participationOrganisation, order)
            participationTopic = Store.permuted(participationTopic, order)
            participationAudience = Store.permuted(participationAudience, order)
            participationCountry = Store.permuted(participationCountry, order)
            participationDate = Store.permuted(participationDate, order)
        }
    }

    /// The rows in the order of their people (a stable sort), or `nil` when they are in it.
    ///
    /// A counting sort over the people when there are rows enough; a radix sort of the rows,
    /// eleven bits of the person at a time, when the rows are far fewer than the people (the
    /// survey answers of a million migrants, say), whose counts would take longer to clear
    /// and add up than the rows to sort.
    private static func personOrder(_ persons: [Int32], people: Int) -> [Int32]? {
        // Whether any person comes after a greater one: one pass without a branch per row.
        let disordered = persons.withUnsafeBufferPointer { persons in
            var decreases: UInt8 = 0
            for row in persons.indices.dropFirst() { decreases |= persons[row - 1] > persons[row] ? 1 : 0 }
            return decreases != 0
        }
        guard disordered else { return nil }
        if persons.count * 8 < people { return radixOrder(persons, people: people) }
        var next = [Int32](repeating: 0, count: people + 1)
        for person in persons { next[Int(person) + 1] += 1 }
        for person in 0..<people { next[person + 1] += next[person] }
        var order = [Int32](repeating: 0, count: persons.count)
        for (row, person) in persons.enumerated() {
            order[Int(next[Int(person)])] = Int32(row)
            next[Int(person)] += 1
        }
        return order
    }

    /// The rows in the order of their people, by a least-significant-digit radix sort (stable):
    /// one pass per eleven bits of the largest person.
    private static func radixOrder(_ persons: [Int32], people: Int) -> [Int32] {
        let bits = 11
        let buckets = 1 << bits
        var order = [Int32](unsafeUninitializedCapacity: persons.count) { order, count in
            for row in 0..<persons.count { order[row] = Int32(truncatingIfNeeded: row) }
            count = persons.count
        }
        var spare = order
        var counts = [Int](repeating: 0, count: buckets)
        var shift = 0
        persons.withUnsafeBufferPointer { persons in
            while shift == 0 || people > 1 << shift {
                order.withUnsafeBufferPointer { from in
                    spare.withUnsafeMutableBufferPointer { to in
                        counts.withUnsafeMutableBufferPointer { counts in
                            counts.update(repeating: 0)
                            for row in from { counts[Int(persons[Int(row)]) >> shift & (buckets - 1)] += 1 }
                            var start = 0
                            for bucket in 0..<buckets {
                                let count = counts[bucket]
                                counts[bucket] = start
                                start += count
                            }
                            for row in from {
                                let bucket = Int(persons[Int(row)]) >> shift & (buckets - 1)
                                to[counts[bucket]] = row
                                counts[bucket] += 1
                            }
                        }
                    }
                }
                swap(&order, &spare)
                shift += bits
            }
        }
        return order
    }

    /// A column with its rows taken in `order`.
    private static func permuted<T>(_ column: [T], _ order: [Int32]) -> [T] {
        column.withUnsafeBufferPointer { column in order.map { column[Int($0)] } }
    }

    /// Whether any record of any source is dated in `dates` (by the date evaluations count it on).
    func hasRecords(in dates: DateRange) -> Bool {
        let low = dates.start.yyyymmdd
        let high = dates.end.yyyymmdd
        let columns = [
            assistanceDate, surveyDate, participationDate, productDate, disseminationDate, engagementDate, visitDate,
        ]
        return columns.contains { column in column.contains { $0 >= low && $0 <= high } }
    }

    func count(of source: Source) -> Int {
        switch source {
        case .migrants: registeredMigrants
        case .assistance: assistanceDate.count
        case .surveys: surveyDate.count
        case .trainingParticipants: participationDate.count
        case .knowledgeProducts: productDate.count
        case .disseminations: disseminationDate.count
        case .engagements: engagementDate.count
        case .platformVisits: visitDate.count
        }
    }
}
