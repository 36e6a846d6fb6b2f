import CompassCore

/// Decodes one record of any kind from a row of values, CSV or JSON, and adds it to the session.
protocol RowDecoding: AnyObject {
    var file: DatasetFile { get }
    var session: ReadSession { get }
    var rowError: Rejection? { get set }
    /// The line of the current record, for duplicate messages.
    var recordLine: Int { get }
    func value<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T?
    func optionalValue<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T??
    func failValue(_ position: Int, _ rejection: Rejection, value: String?)
    func warnValue(_ position: Int, _ rejection: Rejection, value: String?)
    /// Calls `body` with the bytes of column `position` of the current record (empty when absent).
    func withBytes<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension RowDecoding {
    /// Records `key` as seen on this row; reports a duplicate and returns `false` when it was seen before.
    ///
    /// One hash on the common path: the line is stored, and put back only for a duplicate.
    func firstOccurrence<Key: Hashable>(
        _ key: Key, in lines: inout [Key: Int], position: Int, what: String,
        display: @autoclosure () -> String
    ) -> Bool {
        let line = recordLine
        guard let first = lines.updateValue(line, forKey: key) else { return true }
        lines[key] = first
        let shown = display()
        failValue(
            position,
            Rejection("duplicate-id", "\(what) '\(shown)' already appears on line \(first); this row is rejected"),
            value: shown)
        return false
    }

    // MARK: Rows

    func decodeRow() -> Bool {
        switch file {
        case .migrants: return migrant()
        case .assistance: return assistance()
        case .surveys: return survey()
        case .trainings: return training()
        case .trainingParticipants: return participant()
        case .knowledgeProducts: return knowledgeProduct()
        case .disseminations: return dissemination()
        case .engagements: return engagement()
        case .platformVisits: return platformVisits()
        case .description: return descriptionText()
        }
    }

    func country(_ position: Int) -> CountryCode? {
        value(position) { Value.country($0, cache: &session.countries) }
    }

    /// The text of an identifier column that has been checked, for messages and records.
    func identifier(_ position: Int) -> String { withBytes(position) { String(decoding: $0, as: UTF8.self) } }

    /// Reports a duplicate id of column `position`, first seen on line `first`.
    func rejectDuplicate(_ position: Int, what: String, first: Int) {
        let shown = withBytes(position) { DataProblem.display($0) }
        failValue(position, Rejection.duplicate(what, shown, first: first), value: shown)
    }

    /// Warns that column `position` names a migrant who is not in migrants.csv.
    func warnUnregistered(_ position: Int) {
        let shown = withBytes(position) { DataProblem.display($0) }
        warnValue(position, Rejection.unregistered(shown), value: shown)
    }

    func migrant() -> Bool {
        let codes = session.codes
        let id: Void? = value(0, Value.validIdentifier)
        let sex = value(1) { Value.code($0, codes.sex) }
        let birthYear = optionalValue(2, Value.birthYear)
        let nationality = optionalValue(3) { Value.country($0, cache: &session.countries) }
        let registered = optionalValue(4, Value.date)
        let vulnerabilities = value(5) { Value.vulnerabilities($0, codes.vulnerability) }
        guard rowError == nil, id != nil, let sex, let birthYear, let nationality, let registered, let vulnerabilities
        else { return false }
        let line = recordLine
        let first = withBytes(0) { bytes in
            session.addMigrant(
                id: bytes, line: line, sex: sex, birthYear: birthYear, nationality: nationality,
                registeredOn: registered, vulnerabilities: vulnerabilities)
        }
        if let first {
            rejectDuplicate(0, what: "migrant", first: first)
            return false
        }
        return true
    }

    func assistance() -> Bool {
        let id: Void? = value(0, Value.validIdentifier)
        let migrant: Void? = value(1, Value.validIdentifier)
        let kind = value(2) { Value.code($0, session.codes.assistanceKind) }
        let date = value(3, Value.date)
        let place = country(4)
        guard rowError == nil, id != nil, migrant != nil, let kind, let date, let place else { return false }
        let line = recordLine
        if let first = withBytes(0, { session.firstLine(of: $0, line: line, in: .assistance) }) {
            rejectDuplicate(0, what: "assistance", first: first)
            return false
        }
        let unregistered = withBytes(1) { bytes in
            session.addAssistance(id: { identifier(0) }, migrant: bytes, kind: kind, date: date, country: place)
        }
        if unregistered { warnUnregistered(1) }
        return true
    }

    func survey() -> Bool {
        let id: Void? = value(0, Value.validIdentifier)
        let migrant: Void? = value(1, Value.validIdentifier)
        let service = value(2) { Value.code($0, session.codes.surveyService) }
        let date = value(3, Value.date)
        let satisfied = value(4, Value.yesNo)
        guard rowError == nil, id != nil, migrant != nil, let service, let date, let satisfied else { return false }
        let line = recordLine
        if let first = withBytes(0, { session.firstLine(of: $0, line: line, in: .surveys) }) {
            rejectDuplicate(0, what: "survey", first: first)
            return false
        }
        let unregistered = withBytes(1) { bytes in
            session.addSurvey(id: { identifier(0) }, migrant: bytes, service: service, date: date, satisfied: satisfied)
        }
        if unregistered { warnUnregistered(1) }
        return true
    }

    func training() -> Bool {
        let id = value(0, Value.identifier)
        let topic = value(1) { Value.code($0, session.codes.trainingTopic) }
        let audience = value(2) { Value.code($0, session.codes.trainingAudience) }
        let place = country(3)
        let start = value(4, Value.date)
        let end = value(5, Value.date)
        guard rowError == nil, let id, let topic, let audience, let place, let start, let end else { return false }
        if end < start {
            failValue(
                5, Rejection("impossible-value", "the training ends on \(end), before it starts on \(start)"),
                value: end.description)
            return false
        }
        guard
            firstOccurrence(
                id, in: &session.trainingLines, position: 0, what: "training", display: DataProblem.display(id))
        else { return false }
        _ = withBytes(0) { session.participantTrainings.insert($0) }
        session.dataset.trainings.append(
            Training(Training.ID(id), topic: topic, audience: audience, in: place, from: start, to: end))
        return true
    }

    func participant() -> Bool {
        // The ids are checked as text without making `String`s: they are made only for a record.
        let training: Void? = value(0, Value.validIdentifier)
        let person: Void? = value(1, Value.validIdentifier)
        let sex = value(2) { Value.code($0, session.codes.sex) }
        let organisation = value(3) { Value.code($0, session.codes.organisationType) }
        guard rowError == nil, training != nil, person != nil, let sex, let organisation else { return false }
        // Ids are compared by their bytes, as the store compares them.
        guard let trainingNumber = withBytes(0, { session.participantTrainings.number(of: $0) }) else {
            let shown = withBytes(0, DataProblem.display)
            failValue(
                0,
                Rejection(
                    "unknown-training",
                    session.trainingsRead
                        ? "'\(shown)' is not in trainings.csv" : "'\(shown)' cannot be found: there is no trainings.csv"
                ),
                value: shown)
            return false
        }
        // A participation is a pair of numbers: its training's and its person's.
        let personNumber = withBytes(1) { session.participantPeople.insert($0).number }
        let pair = UInt64(UInt32(bitPattern: trainingNumber)) << 32 | UInt64(UInt32(bitPattern: personNumber))
        let (number, isNew) = withUnsafeBytes(of: pair.littleEndian) { key in
            session.participations.insert(key.assumingMemoryBound(to: UInt8.self))
        }
        guard isNew else {
            let shown = "\(withBytes(1, DataProblem.display))' in training '\(withBytes(0, DataProblem.display))"
            let first = session.participationLines[Int(number)]
            failValue(1, Rejection.duplicate("participant", shown, first: first), value: shown)
            return false
        }
        session.participationLines.append(recordLine)
        if session.participantsAsNumbers {
            session.participationNumbers.append(
                Store.Participation(
                    training: trainingNumber, person: personNumber, sex: sex, organisation: organisation))
        } else {
            session.dataset.participants.append(
                TrainingParticipant(
                    TrainingParticipant.PersonID(identifier(1)), in: Training.ID(identifier(0)), sex: sex,
                    organisation: organisation))
        }
        return true
    }

    func knowledgeProduct() -> Bool {
        let id = value(0, Value.identifier)
        let kind = value(1) { Value.code($0, session.codes.knowledgeProductKind) }
        let title = value(2, Value.text)
        let date = value(3, Value.date)
        guard rowError == nil, let id, let kind, let title, let date else { return false }
        guard
            firstOccurrence(
                id, in: &session.productLines, position: 0, what: "knowledge product", display: DataProblem.display(id))
        else { return false }
        session.dataset.knowledgeProducts.append(
            KnowledgeProduct(KnowledgeProduct.ID(id), kind: kind, title: title, publishedOn: date))
        return true
    }

    func dissemination() -> Bool {
        let id = value(0, Value.identifier)
        let product = value(1, Value.identifier)
        let date = value(2, Value.date)
        let audience = value(3) { Value.code($0, session.codes.organisationType) }
        let representatives = value(4, Value.count)
        guard rowError == nil, let id, let product, let date, let audience, let representatives else { return false }
        guard
            firstOccurrence(
                id, in: &session.disseminationLines, position: 0, what: "dissemination",
                display: DataProblem.display(id))
        else { return false }
        if session.productsRead, session.productLines[product] == nil {
            let shown = DataProblem.display(product)
            warnValue(
                1,
                Rejection(
                    "unknown-product",
                    "'\(shown)' is not in knowledge_products.csv; the record is kept, its kind unknown"),
                value: shown)
        }
        session.dataset.disseminations.append(
            Dissemination(
                Dissemination.ID(id), of: KnowledgeProduct.ID(product), on: date, to: audience,
                representatives: representatives))
        return true
    }

    func engagement() -> Bool {
        let id = value(0, Value.identifier)
        let date = value(1, Value.date)
        let place = country(2)
        let youth = value(3, Value.count)
        let network = value(4, Value.count)
        guard rowError == nil, let id, let date, let place, let youth, let network else { return false }
        guard
            firstOccurrence(
                id, in: &session.engagementLines, position: 0, what: "engagement", display: DataProblem.display(id))
        else { return false }
        session.dataset.engagements.append(
            Engagement(Engagement.ID(id), on: date, in: place, youth: youth, supportNetwork: network))
        return true
    }

    func platformVisits() -> Bool {
        let platform = value(0, Value.identifier)
        let month = value(1, Value.month)
        let visitors = value(2, Value.count)
        guard rowError == nil, let platform, let month, let visitors else { return false }
        let monthText =
            (month.year < 1000 ? String(repeating: "0", count: 4 - String(month.year).count) : "")
            + "\(month.year)-\(month.month < 10 ? "0" : "")\(month.month)"
        guard
            firstOccurrence(
                platform + "\u{0}" + monthText, in: &session.visitLines, position: 1, what: "month",
                display: "\(monthText)' of platform '\(DataProblem.display(platform))")
        else { return false }
        session.dataset.platformVisits.append(
            PlatformVisits(platform, year: month.year, month: month.month, visitors: visitors))
        return true
    }

    func descriptionText() -> Bool {
        let language = value(0, Value.identifier)
        let text = value(1, Value.text)
        guard rowError == nil, let language, let text else { return false }
        guard
            firstOccurrence(
                language, in: &session.descriptionLines, position: 0, what: "language",
                display: DataProblem.display(language))
        else { return false }
        session.descriptionTexts[Language(language)] = text
        return true
    }
}
