/// Dense integer numbers for strings, assigned in order of first appearance.
struct Interner {
    private(set) var values: [String] = []
    private var index: [String: Int32] = [:]

    var count: Int { values.count }

    /// The number of `value`, assigning the next one when it is new.
    mutating func intern(_ value: String) -> Int32 {
        if let number = index[value] { return number }
        let number = Int32(values.count)
        values.append(value)
        index[value] = number
        return number
    }

    /// The number of `value`, if it has one.
    func number(of value: String) -> Int32? { index[value] }
}

/// A set of small non-negative integers, one bit each.
struct Bitset {
    private(set) var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    @inline(__always) mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    @inline(__always) func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Calls `body` with every member, in increasing order.
    func forEach(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(wordIndex << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}

/// A dataset as columns of small integers: ids interned once, codes as ordinals, dates packed.
///
/// Building the store is where data findings are made: every record is either
/// taken into the columns or reported as a finding, never dropped silently.
struct Store {
    static let unknown: Int32 = -1

    // People who received assistance or answered surveys, numbered densely.
    var migrants = Interner()
    var migrantSex: [UInt8] = []
    var migrantBirthYear: [Int32] = []  // 0 when unknown
    var migrantNationality: [Int32] = []  // into `countries`, or -1
    var migrantVulnerabilities: [UInt8] = []  // one bit per Vulnerability ordinal
    var migrantRegistered: [Int32] = []  // packed date, 0 when unknown
    var registeredMigrants = 0  // the first numbers are the ones in migrants.csv

    var countries = Interner()

    var assistancePerson: [Int32] = []
    var assistanceKind: [UInt8] = []
    var assistanceDate: [Int32] = []
    var assistanceCountry: [Int32] = []

    var surveyPerson: [Int32] = []
    var surveyService: [UInt8] = []
    var surveyDate: [Int32] = []
    var surveySatisfied: [Bool] = []

    // Trained people, numbered densely, and one row per participation.
    var trainees = Interner()
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

    init(_ dataset: Dataset, programme: Programme?) {
        for platform in programme?.platforms ?? [] { _ = platforms.intern(platform.id) }
        addMigrants(dataset.migrants)
        addAssistance(dataset.assistance)
        addSurveys(dataset.surveys)
        addTrainings(dataset.trainings, participants: dataset.participants)
        addKnowledgeProducts(dataset.knowledgeProducts, disseminations: dataset.disseminations)
        addEngagements(dataset.engagements)
        addPlatformVisits(dataset.platformVisits)
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

    private mutating func report(_ severity: Finding.Severity, _ rule: String, _ message: String, record: String) {
        findings.append(Finding(severity, rule: rule, message: message, record: record))
    }

    private mutating func addMigrants(_ records: [Migrant]) {
        for migrant in records {
            let before = migrants.count
            let number = migrants.intern(migrant.id.rawValue)
            guard Int(number) == before else {
                report(
                    .error, "duplicate-id", "migrant \(migrant.id) appears more than once; the first record is used",
                    record: "migrants \(migrant.id)")
                continue
            }
            migrantSex.append(UInt8(migrant.sex.ordinal))
            migrantBirthYear.append(Int32(clamping: migrant.birthYear ?? 0))
            migrantNationality.append(migrant.nationality.map { countries.intern($0.code) } ?? Store.unknown)
            var mask: UInt8 = 0
            for vulnerability in migrant.vulnerabilities { mask |= 1 << UInt8(vulnerability.ordinal) }
            migrantVulnerabilities.append(mask)
            migrantRegistered.append(migrant.registeredOn?.packed ?? 0)
        }
        registeredMigrants = migrants.count
    }

    /// The number of a migrant named by a record; an unregistered one is added with unknown attributes.
    private mutating func person(_ id: Migrant.ID, source: String, record: String) -> Int32 {
        let before = migrants.count
        let number = migrants.intern(id.rawValue)
        if Int(number) == before {
            report(
                .warning, "unknown-migrant",
                "\(source) \(record) names migrant \(id), who is not in migrants; counted with unknown sex, age and nationality",
                record: "\(source) \(record)")
            migrantSex.append(UInt8(Sex.unknown.ordinal))
            migrantBirthYear.append(0)
            migrantNationality.append(Store.unknown)
            migrantVulnerabilities.append(0)
            migrantRegistered.append(0)
        }
        return number
    }

    private mutating func addAssistance(_ records: [Assistance]) {
        var seen = Set<String>()
        for record in records {
            if !seen.insert(record.id.rawValue).inserted {
                report(
                    .error, "duplicate-id", "assistance \(record.id) appears more than once; the first record is used",
                    record: "assistance \(record.id)")
                continue
            }
            assistancePerson.append(person(record.migrant, source: "assistance", record: record.id.rawValue))
            assistanceKind.append(UInt8(record.kind.ordinal))
            assistanceDate.append(record.date.packed)
            assistanceCountry.append(countries.intern(record.country.code))
        }
    }

    private mutating func addSurveys(_ records: [SatisfactionResponse]) {
        var seen = Set<String>()
        for record in records {
            if !seen.insert(record.id.rawValue).inserted {
                report(
                    .error, "duplicate-id", "survey \(record.id) appears more than once; the first record is used",
                    record: "surveys \(record.id)")
                continue
            }
            surveyPerson.append(person(record.migrant, source: "surveys", record: record.id.rawValue))
            surveyService.append(UInt8(record.service.ordinal))
            surveyDate.append(record.date.packed)
            surveySatisfied.append(record.satisfied)
        }
    }

    private mutating func addTrainings(_ trainings: [Training], participants: [TrainingParticipant]) {
        var byID: [String: Training] = [:]
        for training in trainings {
            if byID[training.id.rawValue] != nil {
                report(
                    .error, "duplicate-id", "training \(training.id) appears more than once; the first record is used",
                    record: "trainings \(training.id)")
                continue
            }
            if training.endDate < training.startDate {
                report(
                    .error, "impossible-value",
                    "training \(training.id) ends (\(training.endDate)) before it starts (\(training.startDate))",
                    record: "trainings \(training.id)")
            }
            byID[training.id.rawValue] = training
        }
        var seen = Set<[String]>()
        for participant in participants {
            let key = [participant.training.rawValue, participant.person.rawValue]
            guard let training = byID[participant.training.rawValue] else {
                report(
                    .error, "unknown-training",
                    "participant \(participant.person) names training \(participant.training), which is not in trainings; not counted",
                    record: "training_participants \(participant.training)/\(participant.person)")
                continue
            }
            if !seen.insert(key).inserted {
                report(
                    .error, "duplicate-id",
                    "participant \(participant.person) is listed twice in training \(participant.training); counted once",
                    record: "training_participants \(participant.training)/\(participant.person)")
                continue
            }
            let before = trainees.count
            let number = trainees.intern(participant.person.rawValue)
            if Int(number) == before {
                traineeSex.append(UInt8(participant.sex.ordinal))
            } else if traineeSex[Int(number)] != UInt8(participant.sex.ordinal) {
                report(
                    .warning, "inconsistent-person",
                    "participant \(participant.person) is recorded with different sexes; the first one is used",
                    record: "training_participants \(participant.training)/\(participant.person)")
            }
            participationPerson.append(number)
            participationSex.append(traineeSex[Int(number)])
            participationOrganisation.append(UInt8(participant.organisation.ordinal))
            participationTopic.append(UInt8(training.topic.ordinal))
            participationAudience.append(UInt8(training.audience.ordinal))
            participationCountry.append(countries.intern(training.country.code))
            participationDate.append(training.endDate.packed)
        }
    }

    private mutating func addKnowledgeProducts(_ products: [KnowledgeProduct], disseminations: [Dissemination]) {
        var kinds: [String: Int32] = [:]
        for product in products {
            if kinds[product.id.rawValue] != nil {
                report(
                    .error, "duplicate-id", "knowledge product \(product.id) appears more than once; the first record is used",
                    record: "knowledge_products \(product.id)")
                continue
            }
            kinds[product.id.rawValue] = Int32(product.kind.ordinal)
            productKind.append(UInt8(product.kind.ordinal))
            productDate.append(product.date.packed)
        }
        var seen = Set<String>()
        for record in disseminations {
            if !seen.insert(record.id.rawValue).inserted {
                report(
                    .error, "duplicate-id", "dissemination \(record.id) appears more than once; the first record is used",
                    record: "disseminations \(record.id)")
                continue
            }
            if record.representatives < 0 {
                report(
                    .error, "impossible-value",
                    "dissemination \(record.id) has a negative number of representatives (\(record.representatives)); not counted",
                    record: "disseminations \(record.id)")
                continue
            }
            let kind = kinds[record.product.rawValue]
            if kind == nil {
                report(
                    .warning, "unknown-product",
                    "dissemination \(record.id) names knowledge product \(record.product), which is not in knowledge_products",
                    record: "disseminations \(record.id)")
            }
            disseminationProductKind.append(kind ?? Store.unknown)
            disseminationDate.append(record.date.packed)
            disseminationAudience.append(UInt8(record.audience.ordinal))
            disseminationRepresentatives.append(record.representatives)
        }
    }

    private mutating func addEngagements(_ records: [Engagement]) {
        var seen = Set<String>()
        for record in records {
            if !seen.insert(record.id.rawValue).inserted {
                report(
                    .error, "duplicate-id", "engagement \(record.id) appears more than once; the first record is used",
                    record: "engagements \(record.id)")
                continue
            }
            if record.youth < 0 || record.supportNetwork < 0 {
                report(
                    .error, "impossible-value", "engagement \(record.id) has a negative count; not counted",
                    record: "engagements \(record.id)")
                continue
            }
            engagementDate.append(record.date.packed)
            engagementCountry.append(countries.intern(record.country.code))
            engagementYouth.append(record.youth)
            engagementSupportNetwork.append(record.supportNetwork)
        }
    }

    private mutating func addPlatformVisits(_ records: [PlatformVisits]) {
        var seen = Set<String>()
        for record in records {
            let name = "\(record.platform) \(record.year)-\(record.month)"
            guard let date = record.date else {
                report(
                    .error, "impossible-value", "platform visits \(name) has no such month; not counted",
                    record: "platform_visits \(name)")
                continue
            }
            if !seen.insert("\(record.platform)\u{0}\(date)").inserted {
                report(
                    .error, "duplicate-id", "platform \(record.platform) has two counts for \(date); the first is used",
                    record: "platform_visits \(name)")
                continue
            }
            if record.visitors < 0 {
                report(
                    .error, "impossible-value", "platform visits \(name) is negative; not counted",
                    record: "platform_visits \(name)")
                continue
            }
            visitPlatform.append(platforms.intern(record.platform))
            visitDate.append(date.packed)
            visitCount.append(record.visitors)
        }
    }
}
