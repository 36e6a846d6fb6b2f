package import CompassCore

extension Store {
    mutating func report(_ severity: Finding.Severity, _ rule: String, _ message: String, record: String) {
        findings.append(Finding(severity, rule: rule, message: message, record: record))
    }

    /// Interns a country code, reporting it when it is not an assigned ISO 3166-1 alpha-3 code.
    mutating func country(_ code: CountryCode, field: String, record: @autoclosure () -> String) -> Int32 {
        let number = countryNumber(code)
        checkCountry(number, field: field, record: record())
        return number
    }

    /// Reports a country number whose code is not an assigned ISO 3166-1 alpha-3 code.
    @inline(__always)
    mutating func checkCountry(_ number: Int32, field: String, record: @autoclosure () -> String) {
        guard !countryAssigned[Int(number)] else { return }
        let record = record()
        report(
            .warning, "unknown-code",
            "\(record) has \(field) \(countries.values[Int(number)]), which is not an ISO 3166-1 alpha-3 code",
            record: record)
    }

    /// The interned number of a country code.
    package mutating func countryNumber(_ code: CountryCode) -> Int32 {
        var letters = code.code.utf8.makeIterator()
        return countryNumber(letters.next() ?? 65, letters.next() ?? 65, letters.next() ?? 65)
    }

    /// The interned number of the country whose code is these three capital letters (`A` to `Z`).
    ///
    /// Found in a 26³ table indexed by the letters, without hashing a `String`.
    @inline(__always)
    package mutating func countryNumber(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int32 {
        let slot = (Int(first) &- 65) &* 676 &+ (Int(second) &- 65) &* 26 &+ (Int(third) &- 65)
        guard slot >= 0, slot < 26 * 26 * 26 else { return Store.unknown }
        if countryNumbers.isEmpty { countryNumbers = Array(repeating: -1, count: 26 * 26 * 26) }
        let known = countryNumbers[slot]
        if known >= 0 { return known }
        let code = String(decoding: [first, second, third], as: UTF8.self)
        let number = countries.intern(code)
        countryNumbers[slot] = number
        countryAssigned.append(CountryCode(code)?.isAssigned ?? false)
        return number
    }

    /// Reports a record dated outside the programme; it still counts in any period that contains its date.
    mutating func checkDate(_ date: CalendarDate, field: String, record: @autoclosure () -> String) {
        guard let range = programmeDates, !range.contains(date) else { return }
        let record = record()
        report(
            .warning, "date-outside-programme",
            "\(record) has \(field) \(date), outside the programme (\(range))", record: record)
    }

    /// Reports a record dated before the birth year of the migrant it names.
    mutating func checkBirth(
        _ person: Int32, _ date: CalendarDate, field: String, record: @autoclosure () -> String
    ) {
        checkBirth(person, birthYear: migrantBirthYear[Int(person)], date, field: field, record: record())
    }

    /// Reports a record dated before `birthYear`, the birth year of the migrant it names (0 when unknown).
    mutating func checkBirth(
        _ person: Int32, birthYear: Int16, _ date: CalendarDate, field: String, record: @autoclosure () -> String
    ) {
        guard birthYear != 0, Int(birthYear) > date.year else { return }
        let record = record()
        report(
            .error, "impossible-value",
            "\(record) has \(field) \(date), before the birth year \(birthYear) of migrant \(migrants.string(person))",
            record: record)
    }

    /// Makes room for about this many migrants and assistance records, and bytes of migrant ids.
    package mutating func reserve(migrants count: Int, assistance: Int, idBytes: Int) {
        migrants.reserveCapacity(count, bytes: idBytes)
        migrantSex.reserveCapacity(count)
        migrantBirthYear.reserveCapacity(count)
        if keptAttributes.contains(.nationality) { migrantNationality.reserveCapacity(count) }
        if keptAttributes.contains(.vulnerabilities) { migrantVulnerabilities.reserveCapacity(count) }
        if keptAttributes.contains(.registration) { migrantRegistered.reserveCapacity(count) }
        assistancePerson.reserveCapacity(assistance)
        assistanceKind.reserveCapacity(assistance)
        assistanceDate.reserveCapacity(assistance)
        assistanceCountry.reserveCapacity(assistance)
    }

    /// Adds a registered migrant; returns the migrant's number, and `false` (adding nothing)
    /// when the id is already registered.
    ///
    /// - Parameter vulnerabilities: One bit per `Vulnerability` ordinal.
    /// - Parameter nationality: A number from `countryNumber(_:_:_:)`, or -1 when unknown.
    package mutating func addMigrant(
        id: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe? = nil, sex: Sex, birthYear: Int?, nationality: Int32,
        registeredOn: CalendarDate?, vulnerabilities: UInt8
    ) -> (number: Int32, added: Bool) {
        let (number, inserted) = migrants.insert(id, probe: probe ?? migrants.probe(id))
        guard inserted else { return (number, false) }
        func name() -> String { "migrants \(String(decoding: id, as: UTF8.self))" }
        migrantSex.append(UInt8(sex.ordinal))
        migrantBirthYear.append(Int16(clamping: birthYear ?? 0))
        if nationality >= 0 { checkCountry(nationality, field: "nationality", record: name()) }
        if keptAttributes.contains(.nationality) { migrantNationality.append(Int16(truncatingIfNeeded: nationality)) }
        if let registered = registeredOn {
            checkDate(registered, field: "registered_on", record: name())
            checkBirth(number, registered, field: "registered_on", record: name())
        }
        if keptAttributes.contains(.vulnerabilities) { migrantVulnerabilities.append(vulnerabilities) }
        if keptAttributes.contains(.registration) { migrantRegistered.append(registeredOn?.yyyymmdd ?? 0) }
        return (number, true)
    }

    /// A registered migrant for `addMigrants(_:numbers:)`: what
    /// `addMigrant(id:probe:sex:birthYear:nationality:registeredOn:vulnerabilities:)` takes.
    package struct MigrantRow {
        let id: UnsafeBufferPointer<UInt8>
        let probe: IdTable.Probe
        let registered: CalendarDate?
        let nationality: Int32
        let birthYear: Int16
        let sex: Sex
        let vulnerabilities: UInt8

        /// A row; `nationality` is a number from `Store.countryNumber(_:_:_:)`, or -1 when unknown,
        /// and `vulnerabilities` holds one bit per `Vulnerability` ordinal.
        @inline(__always) package init(
            id: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe, sex: Sex, birthYear: Int?, nationality: Int32,
            registeredOn: CalendarDate?, vulnerabilities: UInt8
        ) {
            self.id = id
            self.probe = probe
            registered = registeredOn
            self.nationality = nationality
            self.birthYear = Int16(clamping: birthYear ?? 0)
            self.sex = sex
            self.vulnerabilities = vulnerabilities
        }
    }

    /// Adds registered migrants, in order, as the same calls of
    /// `addMigrant(id:probe:sex:birthYear:nationality:registeredOn:vulnerabilities:)` one at a
    /// time would, with the same findings; writes each one's number to `numbers`, negative
    /// (`-1 - number`) for an id already registered, for which nothing is added.
    ///
    /// The checks are made in one loop, and the columns grow once for the lot.
    package mutating func addMigrants(_ rows: UnsafeBufferPointer<MigrantRow>, numbers: UnsafeMutablePointer<Int32>) {
        var added = 0
        for index in rows.indices {
            let row = rows[index]
            let (number, inserted) = migrants.insert(row.id, probe: row.probe)
            guard inserted else {
                numbers[index] = -1 - number
                continue
            }
            numbers[index] = number
            added += 1
            if row.nationality >= 0, !countryAssigned[Int(row.nationality)] {
                checkCountry(
                    row.nationality, field: "nationality",
                    record: "migrants \(String(decoding: row.id, as: UTF8.self))")
            }
            if let registered = row.registered {
                if let programme = programmeDates, !programme.contains(registered) {
                    checkDate(
                        registered, field: "registered_on",
                        record: "migrants \(String(decoding: row.id, as: UTF8.self))")
                }
                if row.birthYear != 0, Int(row.birthYear) > registered.year {
                    checkBirth(
                        number, birthYear: row.birthYear, registered, field: "registered_on",
                        record: "migrants \(String(decoding: row.id, as: UTF8.self))")
                }
            }
        }
        guard added > 0 else { return }
        // Each column grows by the migrants added, then takes their values.
        func grow<Element>(_ column: inout [Element], _ zero: Element, _ value: (MigrantRow) -> Element) {
            let start = column.count
            column.append(contentsOf: repeatElement(zero, count: added))
            column.withUnsafeMutableBufferPointer { column in
                var at = start
                for index in rows.indices where numbers[index] >= 0 {
                    column[at] = value(rows[index])
                    at += 1
                }
            }
        }
        grow(&migrantSex, 0) { UInt8($0.sex.ordinal) }
        grow(&migrantBirthYear, 0) { $0.birthYear }
        if keptAttributes.contains(.nationality) {
            grow(&migrantNationality, 0) { Int16(truncatingIfNeeded: $0.nationality) }
        }
        if keptAttributes.contains(.vulnerabilities) { grow(&migrantVulnerabilities, 0) { $0.vulnerabilities } }
        if keptAttributes.contains(.registration) { grow(&migrantRegistered, 0) { $0.registered?.yyyymmdd ?? 0 } }
    }

    /// Marks the end of the registered migrants: people named later are unregistered.
    package mutating func endMigrants() { registeredMigrants = migrants.count }

    /// Starts looking up many migrant ids at once, from their hashes with `migrantHashSeed`;
    /// see `IdTable.probe(_:hashes:into:)`.
    ///
    /// Mutating only so that a store kept in a class property is used in place, not copied.
    package mutating func probeMigrants(
        _ count: Int, hashes: (Int) -> UInt64, into probes: UnsafeMutablePointer<IdTable.Probe>
    ) {
        migrants.probe(count, hashes: hashes, into: probes)
    }

    /// Starts looking up many migrant ids at once from their bytes; those that follow the order
    /// of the migrants' numbers are found at once. See `IdTable.probe(_:into:)`.
    package mutating func probeMigrants(
        _ ids: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into probes: UnsafeMutablePointer<IdTable.Probe>
    ) {
        migrants.probe(ids, into: probes)
    }

    /// The seed of the hashes of migrant ids (`IdTable.hash(_:seed:)`), the same for the store's life.
    package var migrantHashSeed: UInt64 { migrants.hashSeed }

    /// The number of a migrant named by a record; an unregistered one is added with unknown attributes.
    mutating func person(
        _ id: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe?, source: String, record: @autoclosure () -> String
    ) -> Int32 {
        let (number, inserted) = migrants.insert(id, probe: probe ?? migrants.probe(id))
        if inserted {
            let record = record()
            report(
                .warning, "unknown-migrant",
                "\(source) \(record) names migrant \(String(decoding: id, as: UTF8.self)), who is not in migrants; counted with unknown sex, age and nationality",
                record: "\(source) \(record)")
            migrantSex.append(UInt8(Sex.unknown.ordinal))
            migrantBirthYear.append(0)
            if keptAttributes.contains(.nationality) { migrantNationality.append(Int16(Store.unknown)) }
            if keptAttributes.contains(.vulnerabilities) { migrantVulnerabilities.append(0) }
            if keptAttributes.contains(.registration) { migrantRegistered.append(0) }
        }
        return number
    }

    /// Adds an assistance record whose id is not a duplicate; returns the number of the person it names.
    ///
    /// - Parameter record: The record's id, for findings; made only when a finding is.
    @discardableResult
    /// - Parameter place: A number from `countryNumber(_:_:_:)`.
    package mutating func addAssistance(
        migrant: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe? = nil, kind: AssistanceKind, date: CalendarDate,
        country place: Int32, record: @autoclosure () -> String
    ) -> Int32 {
        func name() -> String { "assistance \(record())" }
        let number = person(migrant, probe: probe, source: "assistance", record: record())
        checkDate(date, field: "delivered_on", record: name())
        checkBirth(number, date, field: "delivered_on", record: name())
        checkCountry(place, field: "country", record: name())
        if let keptDays, !keptDays.contains(date) { return number }
        assistancePerson.append(number)
        assistanceKind.append(UInt8(kind.ordinal))
        assistanceDate.append(date.yyyymmdd)
        assistanceCountry.append(Int16(truncatingIfNeeded: place))
        return number
    }

    /// A plain assistance record for `addAssistance(_:numbers:record:)`: the migrant it names
    /// (the bytes of the id, and their probe of the migrants' table), its kind, date and country.
    package struct AssistanceRow {
        let migrant: UnsafeBufferPointer<UInt8>
        let probe: IdTable.Probe
        let date: CalendarDate
        let country: Int32
        let kind: AssistanceKind

        /// A row; `country` is a number from `Store.countryNumber(_:_:_:)`.
        @inline(__always) package init(
            migrant: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe, kind: AssistanceKind, date: CalendarDate,
            country: Int32
        ) {
            self.migrant = migrant
            self.probe = probe
            self.date = date
            self.country = country
            self.kind = kind
        }
    }

    /// Adds assistance records whose ids are not duplicates, in order, as the same calls of
    /// `addAssistance(migrant:probe:kind:date:country:record:)` one at a time would, with the
    /// same findings; writes the number of the person each names to `numbers`.
    ///
    /// The checks are made in one loop, a finding's message only when there is one, and the
    /// columns grow once for the lot: for a committer of batches, a fraction of the work of a
    /// call per record.
    ///
    /// - Parameter record: The id of the record at an index, for findings.
    package mutating func addAssistance(
        _ rows: UnsafeBufferPointer<AssistanceRow>, numbers: UnsafeMutablePointer<Int32>, record: (Int) -> String
    ) {
        let programme = programmeDates
        let keptDays = keptDays
        var keptCount = 0
        for index in rows.indices {
            let row = rows[index]
            let number = person(row.migrant, probe: row.probe, source: "assistance", record: record(index))
            numbers[index] = number
            if let programme, !programme.contains(row.date) {
                checkDate(row.date, field: "delivered_on", record: "assistance \(record(index))")
            }
            let birthYear = migrantBirthYear[Int(number)]
            if birthYear != 0, Int(birthYear) > row.date.year {
                checkBirth(number, row.date, field: "delivered_on", record: "assistance \(record(index))")
            }
            if !countryAssigned[Int(row.country)] {
                checkCountry(row.country, field: "country", record: "assistance \(record(index))")
            }
            if keptDays?.contains(row.date) ?? true { keptCount += 1 }
        }
        guard keptCount > 0 else { return }
        // The columns, out of the store while they are written (so that the four are written at
        // once), grown by the records kept, then filled.
        var persons: [Int32] = []
        var kinds: [UInt8] = []
        var dates: [Int32] = []
        var places: [Int16] = []
        swap(&persons, &assistancePerson)
        swap(&kinds, &assistanceKind)
        swap(&dates, &assistanceDate)
        swap(&places, &assistanceCountry)
        defer {
            swap(&persons, &assistancePerson)
            swap(&kinds, &assistanceKind)
            swap(&dates, &assistanceDate)
            swap(&places, &assistanceCountry)
        }
        let start = persons.count
        persons.append(contentsOf: repeatElement(0, count: keptCount))
        kinds.append(contentsOf: repeatElement(0, count: keptCount))
        dates.append(contentsOf: repeatElement(0, count: keptCount))
        places.append(contentsOf: repeatElement(0, count: keptCount))
        persons.withUnsafeMutableBufferPointer { persons in
            kinds.withUnsafeMutableBufferPointer { kinds in
                dates.withUnsafeMutableBufferPointer { dates in
                    places.withUnsafeMutableBufferPointer { places in
                        var at = start
                        for index in rows.indices where keptDays?.contains(rows[index].date) ?? true {
                            let row = rows[index]
                            persons[at] = numbers[index]
                            kinds[at] = UInt8(row.kind.ordinal)
                            dates[at] = row.date.yyyymmdd
                            places[at] = Int16(truncatingIfNeeded: row.country)
                            at += 1
                        }
                    }
                }
            }
        }
    }

    /// Adds a survey answer whose id is not a duplicate; returns the number of the person it names.
    @discardableResult
    package mutating func addSurvey(
        migrant: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe? = nil, service: SurveyService, date: CalendarDate,
        satisfied: Bool, record: @autoclosure () -> String
    ) -> Int32 {
        func name() -> String { "surveys \(record())" }
        let number = person(migrant, probe: probe, source: "surveys", record: record())
        checkDate(date, field: "answered_on", record: name())
        checkBirth(number, date, field: "answered_on", record: name())
        if let keptDays, !keptDays.contains(date) { return number }
        surveyPerson.append(number)
        surveyService.append(UInt8(service.ordinal))
        surveyDate.append(date.yyyymmdd)
        surveySatisfied.append(satisfied)
        return number
    }

    /// What a participation takes from its training: its codes, country number and end date.
    struct KeptTraining {
        let topic: UInt8
        let audience: UInt8
        let country: Int32
        let endDate: Int32
    }

    /// The trainings kept (the first of each id), numbered by their ids; reports their findings.
    mutating func keepTrainings(_ trainings: [Training]) -> (ids: IdTable, kept: [KeptTraining]) {
        var trainingIDs = IdTable(capacity: trainings.count)
        var kept: [KeptTraining] = []
        kept.reserveCapacity(trainings.count)
        for training in trainings {
            guard trainingIDs.insert(training.id.rawValue).inserted else {
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
            checkDate(training.endDate, field: "end date", record: "trainings \(training.id)")
            kept.append(
                KeptTraining(
                    topic: UInt8(training.topic.ordinal), audience: UInt8(training.audience.ordinal),
                    country: country(training.country, field: "country", record: "trainings \(training.id)"),
                    endDate: training.endDate.yyyymmdd))
        }
        return (trainingIDs, kept)
    }

    /// Adds a participation of a kept training and a trainee already numbered, whose sex is the
    /// first recorded for them.
    @inline(__always) mutating func addParticipation(
        of training: KeptTraining, person number: Int32, organisation: UInt8
    ) {
        participationPerson.append(number)
        participationSex.append(traineeSex[Int(number)])
        participationOrganisation.append(organisation)
        participationTopic.append(training.topic)
        participationAudience.append(training.audience)
        participationCountry.append(training.country)
        participationDate.append(training.endDate)
    }

    /// Reports a trainee recorded with another sex than at first.
    mutating func reportOtherSex(_ person: TrainingParticipant.PersonID, in training: Training.ID) {
        report(
            .warning, "inconsistent-person",
            "participant \(person) is recorded with different sexes; the first one is used",
            record: "training_participants \(training)/\(person)")
    }

    mutating func addTrainings(
        _ trainings: [Training], trainees people: IdTable, participations: [Participation]
    ) {
        let (trainingIDs, kept) = keepTrainings(trainings)
        // A training given by index is the kept one of its id (the same one, unless repeated):
        // every id is in the table.
        let keptIndex = trainings.map { trainingIDs.number(of: $0.id.rawValue) ?? 0 }
        trainees = people
        traineeSex.reserveCapacity(people.count)
        participationPerson.reserveCapacity(participations.count)
        participationSex.reserveCapacity(participations.count)
        participationOrganisation.reserveCapacity(participations.count)
        participationTopic.reserveCapacity(participations.count)
        participationAudience.reserveCapacity(participations.count)
        participationCountry.reserveCapacity(participations.count)
        participationDate.reserveCapacity(participations.count)
        for participation in participations {
            let number = participation.person
            let index = Int(keptIndex[Int(participation.training)])
            if Int(number) == traineeSex.count {
                traineeSex.append(participation.sex)
            } else if traineeSex[Int(number)] != participation.sex {
                reportOtherSex(
                    TrainingParticipant.PersonID(trainees.string(number)), in: trainings[Int(participation.training)].id
                )
            }
            addParticipation(of: kept[index], person: number, organisation: participation.organisation)
        }
    }

    mutating func addTrainings(_ trainings: [Training], participants: [TrainingParticipant]) {
        let (trainingIDs, kept) = keepTrainings(trainings)
        // A participation is a pair of numbers: the training's and the trainee's.
        var seen = Set<Int64>(minimumCapacity: participants.count)
        trainees.reserveCapacity(trainees.count + participants.count)
        participationPerson.reserveCapacity(participants.count)
        for participant in participants {
            guard let trainingNumber = trainingIDs.number(of: participant.training.rawValue) else {
                report(
                    .error, "unknown-training",
                    "participant \(participant.person) names training \(participant.training), which is not in trainings; not counted",
                    record: "training_participants \(participant.training)/\(participant.person)")
                continue
            }
            let (number, isNew) = trainees.insert(participant.person.rawValue)
            // A new trainee cannot be a repeated participation: only a known one is looked up.
            if !isNew, !seen.insert(Int64(trainingNumber) << 32 | Int64(number)).inserted {
                report(
                    .error, "duplicate-id",
                    "participant \(participant.person) is listed twice in training \(participant.training); counted once",
                    record: "training_participants \(participant.training)/\(participant.person)")
                continue
            }
            if isNew {
                seen.insert(Int64(trainingNumber) << 32 | Int64(number))
                traineeSex.append(UInt8(participant.sex.ordinal))
            } else if traineeSex[Int(number)] != UInt8(participant.sex.ordinal) {
                reportOtherSex(participant.person, in: participant.training)
            }
            addParticipation(
                of: kept[Int(trainingNumber)], person: number, organisation: UInt8(participant.organisation.ordinal))
        }
    }

    mutating func addKnowledgeProducts(_ products: [KnowledgeProduct], disseminations: [Dissemination]) {
        var kinds: [String: Int32] = [:]
        for product in products {
            if kinds[product.id.rawValue] != nil {
                report(
                    .error, "duplicate-id",
                    "knowledge product \(product.id) appears more than once; the first record is used",
                    record: "knowledge_products \(product.id)")
                continue
            }
            checkDate(product.date, field: "published_on", record: "knowledge_products \(product.id)")
            kinds[product.id.rawValue] = Int32(product.kind.ordinal)
            productKind.append(UInt8(product.kind.ordinal))
            productDate.append(product.date.yyyymmdd)
        }
        var seen = Set<String>()
        for record in disseminations {
            if !seen.insert(record.id.rawValue).inserted {
                report(
                    .error, "duplicate-id",
                    "dissemination \(record.id) appears more than once; the first record is used",
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
            checkDate(record.date, field: "date", record: "disseminations \(record.id)")
            let kind = kinds[record.product.rawValue]
            if kind == nil {
                report(
                    .warning, "unknown-product",
                    "dissemination \(record.id) names knowledge product \(record.product), which is not in knowledge_products",
                    record: "disseminations \(record.id)")
            }
            disseminationProductKind.append(kind ?? Store.unknown)
            disseminationDate.append(record.date.yyyymmdd)
            disseminationAudience.append(UInt8(record.audience.ordinal))
            disseminationRepresentatives.append(record.representatives)
        }
    }

    mutating func addEngagements(_ records: [Engagement]) {
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
            func name() -> String { "engagements \(record.id)" }
            checkDate(record.date, field: "date", record: name())
            engagementDate.append(record.date.yyyymmdd)
            engagementCountry.append(country(record.country, field: "country", record: name()))
            engagementYouth.append(record.youth)
            engagementSupportNetwork.append(record.supportNetwork)
        }
    }

    mutating func addPlatformVisits(_ records: [PlatformVisits]) {
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
            checkDate(date, field: "month", record: "platform_visits \(name)")
            let platform = platforms.intern(record.platform)
            if Int(platform) >= declaredPlatforms {
                report(
                    .warning, "unknown-code",
                    "platform_visits \(name) names platform \(record.platform), which the programme does not have",
                    record: "platform_visits \(name)")
            }
            visitPlatform.append(platform)
            visitDate.append(date.yyyymmdd)
            visitCount.append(record.visitors)
        }
    }
}
