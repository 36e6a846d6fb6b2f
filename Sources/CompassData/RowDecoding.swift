import CompassCore
import CompassEngine

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
        _ key: Key, in lines: inout [Key: Int], column: some DatasetColumn, what: String,
        display: @autoclosure () -> String
    ) -> Bool {
        let line = recordLine
        guard let first = lines.updateValue(line, forKey: key) else { return true }
        lines[key] = first
        let shown = display()
        failValue(column, Rejection.duplicate(what, shown, first: first), value: shown)
        return false
    }

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

    // MARK: Columns named by their case (`DatasetColumn`)

    /// ``value(_:_:)`` of a column of the file.
    @inline(__always)
    func value<T>(_ column: some DatasetColumn, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T? {
        value(column.position, parse)
    }

    /// ``optionalValue(_:_:)`` of a column of the file.
    @inline(__always)
    func optionalValue<T>(
        _ column: some DatasetColumn, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>
    ) -> T?? {
        optionalValue(column.position, parse)
    }

    /// ``failValue(_:_:value:)`` of a column of the file.
    func failValue(_ column: some DatasetColumn, _ rejection: Rejection, value: String?) {
        failValue(column.position, rejection, value: value)
    }

    /// ``warnValue(_:_:value:)`` of a column of the file.
    func warnValue(_ column: some DatasetColumn, _ rejection: Rejection, value: String?) {
        warnValue(column.position, rejection, value: value)
    }

    /// ``withBytes(_:_:)`` of a column of the file.
    @inline(__always)
    func withBytes<R>(_ column: some DatasetColumn, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withBytes(column.position, body)
    }

    func country(_ column: some DatasetColumn) -> CountryCode? {
        value(column) { Value.country($0, cache: &session.countries) }
    }

    /// The text of an identifier column that has been checked, for messages and records.
    func identifier(_ column: some DatasetColumn) -> String {
        withBytes(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reports a duplicate id of `column`, first seen on line `first`.
    func rejectDuplicate(_ column: some DatasetColumn, what: String, first: Int) {
        let shown = withBytes(column) { DataProblem.display($0) }
        failValue(column, Rejection.duplicate(what, shown, first: first), value: shown)
    }

    /// Warns that `column` names a migrant who is not in migrants.csv.
    func warnUnregistered(_ column: some DatasetColumn) {
        let shown = withBytes(column) { DataProblem.display($0) }
        warnValue(column, Rejection.unregistered(shown), value: shown)
    }

    // MARK: Rows

    func migrant() -> Bool {
        let codes = session.codes
        let id: Void? = value(MigrantColumn.id, Value.validIdentifier)
        let sex = value(MigrantColumn.sex) { Value.code($0, codes.sex) }
        let birthYear = optionalValue(MigrantColumn.birthYear, Value.birthYear)
        let nationality = optionalValue(MigrantColumn.nationality) { Value.country($0, cache: &session.countries) }
        let registered = optionalValue(MigrantColumn.registeredOn, Value.date)
        let vulnerabilities = value(MigrantColumn.vulnerabilities) { Value.vulnerabilities($0, codes.vulnerability) }
        guard rowError == nil, id != nil, let sex, let birthYear, let nationality, let registered, let vulnerabilities
        else { return false }
        let line = recordLine
        let first = withBytes(MigrantColumn.id) { bytes in
            session.addMigrant(
                id: bytes, line: line, sex: sex, birthYear: birthYear, nationality: nationality,
                registeredOn: registered, vulnerabilities: vulnerabilities)
        }
        if let first {
            rejectDuplicate(MigrantColumn.id, what: "migrant", first: first)
            return false
        }
        return true
    }

    func assistance() -> Bool {
        let id: Void? = value(AssistanceColumn.id, Value.validIdentifier)
        let migrant: Void? = value(AssistanceColumn.migrant, Value.validIdentifier)
        let kind = value(AssistanceColumn.kind) { Value.code($0, session.codes.assistanceKind) }
        let date = value(AssistanceColumn.date, Value.date)
        let place = country(AssistanceColumn.country)
        guard rowError == nil, id != nil, migrant != nil, let kind, let date, let place else { return false }
        let line = recordLine
        if let first = withBytes(AssistanceColumn.id, { session.firstLine(of: $0, line: line, in: .assistance) }) {
            rejectDuplicate(AssistanceColumn.id, what: "assistance", first: first)
            return false
        }
        let unregistered = withBytes(AssistanceColumn.migrant) { bytes in
            session.addAssistance(
                id: { identifier(AssistanceColumn.id) }, migrant: bytes, kind: kind, date: date, country: place)
        }
        if unregistered { warnUnregistered(AssistanceColumn.migrant) }
        return true
    }

    func survey() -> Bool {
        let id: Void? = value(SurveyColumn.id, Value.validIdentifier)
        let migrant: Void? = value(SurveyColumn.migrant, Value.validIdentifier)
        let service = value(SurveyColumn.service) { Value.code($0, session.codes.surveyService) }
        let date = value(SurveyColumn.date, Value.date)
        let satisfied = value(SurveyColumn.satisfied, Value.yesNo)
        guard rowError == nil, id != nil, migrant != nil, let service, let date, let satisfied else { return false }
        let line = recordLine
        if let first = withBytes(SurveyColumn.id, { session.firstLine(of: $0, line: line, in: .surveys) }) {
            rejectDuplicate(SurveyColumn.id, what: "survey", first: first)
            return false
        }
        let unregistered = withBytes(SurveyColumn.migrant) { bytes in
            session.addSurvey(
                id: { identifier(SurveyColumn.id) }, migrant: bytes, service: service, date: date, satisfied: satisfied)
        }
        if unregistered { warnUnregistered(SurveyColumn.migrant) }
        return true
    }

    func training() -> Bool {
        let id = value(TrainingColumn.id, Value.identifier)
        let topic = value(TrainingColumn.topic) { Value.code($0, session.codes.trainingTopic) }
        let audience = value(TrainingColumn.audience) { Value.code($0, session.codes.trainingAudience) }
        let place = country(TrainingColumn.country)
        let start = value(TrainingColumn.start, Value.date)
        let end = value(TrainingColumn.end, Value.date)
        guard rowError == nil, let id, let topic, let audience, let place, let start, let end else { return false }
        if end < start {
            failValue(
                TrainingColumn.end,
                Rejection("impossible-value", "the training ends on \(end), before it starts on \(start)"),
                value: end.description)
            return false
        }
        guard
            firstOccurrence(
                id, in: &session.trainingLines, column: TrainingColumn.id, what: "training",
                display: DataProblem.display(id))
        else { return false }
        _ = withBytes(TrainingColumn.id) { session.participantTrainings.insert($0) }
        session.dataset.trainings.append(
            Training(Training.ID(id), topic: topic, audience: audience, in: place, from: start, to: end))
        return true
    }

    func participant() -> Bool {
        // The ids are checked as text without making `String`s: they are made only for a record.
        let training: Void? = value(ParticipantColumn.training, Value.validIdentifier)
        let person: Void? = value(ParticipantColumn.person, Value.validIdentifier)
        let sex = value(ParticipantColumn.sex) { Value.code($0, session.codes.sex) }
        let organisation = value(ParticipantColumn.organisation) { Value.code($0, session.codes.organisationType) }
        guard rowError == nil, training != nil, person != nil, let sex, let organisation else { return false }
        // Ids are compared by their bytes, as the store compares them.
        guard
            let trainingNumber = withBytes(ParticipantColumn.training, { session.participantTrainings.number(of: $0) })
        else {
            let shown = withBytes(ParticipantColumn.training, DataProblem.display)
            failValue(
                ParticipantColumn.training,
                Rejection(
                    "unknown-training",
                    session.trainingsRead
                        ? "'\(shown)' is not in trainings.csv" : "'\(shown)' cannot be found: there is no trainings.csv"
                ),
                value: shown)
            return false
        }
        // A participation is a pair of numbers: its training's and its person's.
        let personNumber = withBytes(ParticipantColumn.person) { session.participantPeople.insert($0).number }
        let pair = UInt64(UInt32(bitPattern: trainingNumber)) << 32 | UInt64(UInt32(bitPattern: personNumber))
        let (number, isNew) = withUnsafeBytes(of: pair.littleEndian) { key in
            session.participations.insert(key.assumingMemoryBound(to: UInt8.self))
        }
        guard isNew else {
            let shown =
                "\(withBytes(ParticipantColumn.person, DataProblem.display))' in training '\(withBytes(ParticipantColumn.training, DataProblem.display))"
            let first = session.participationLines[Int(number)]
            failValue(ParticipantColumn.person, Rejection.duplicate("participant", shown, first: first), value: shown)
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
                    TrainingParticipant.PersonID(identifier(ParticipantColumn.person)),
                    in: Training.ID(identifier(ParticipantColumn.training)), sex: sex,
                    organisation: organisation))
        }
        return true
    }

    func knowledgeProduct() -> Bool {
        let id = value(ProductColumn.id, Value.identifier)
        let kind = value(ProductColumn.kind) { Value.code($0, session.codes.knowledgeProductKind) }
        let title = value(ProductColumn.title, Value.text)
        let date = value(ProductColumn.date, Value.date)
        guard rowError == nil, let id, let kind, let title, let date else { return false }
        guard
            firstOccurrence(
                id, in: &session.productLines, column: ProductColumn.id, what: "knowledge product",
                display: DataProblem.display(id))
        else { return false }
        session.dataset.knowledgeProducts.append(
            KnowledgeProduct(KnowledgeProduct.ID(id), kind: kind, title: title, publishedOn: date))
        return true
    }

    func dissemination() -> Bool {
        let id = value(DisseminationColumn.id, Value.identifier)
        let product = value(DisseminationColumn.product, Value.identifier)
        let date = value(DisseminationColumn.date, Value.date)
        let audience = value(DisseminationColumn.audience) { Value.code($0, session.codes.organisationType) }
        let representatives = value(DisseminationColumn.representatives, Value.count)
        guard rowError == nil, let id, let product, let date, let audience, let representatives else { return false }
        guard
            firstOccurrence(
                id, in: &session.disseminationLines, column: DisseminationColumn.id, what: "dissemination",
                display: DataProblem.display(id))
        else { return false }
        if session.productsRead, session.productLines[product] == nil {
            let shown = DataProblem.display(product)
            warnValue(
                DisseminationColumn.product,
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
        let id = value(EngagementColumn.id, Value.identifier)
        let date = value(EngagementColumn.date, Value.date)
        let place = country(EngagementColumn.country)
        let youth = value(EngagementColumn.youth, Value.count)
        let network = value(EngagementColumn.supportNetwork, Value.count)
        guard rowError == nil, let id, let date, let place, let youth, let network else { return false }
        guard
            firstOccurrence(
                id, in: &session.engagementLines, column: EngagementColumn.id, what: "engagement",
                display: DataProblem.display(id))
        else { return false }
        session.dataset.engagements.append(
            Engagement(Engagement.ID(id), on: date, in: place, youth: youth, supportNetwork: network))
        return true
    }

    func platformVisits() -> Bool {
        let platform = value(VisitColumn.platform, Value.identifier)
        let month = value(VisitColumn.month, Value.month)
        let visitors = value(VisitColumn.visitors, Value.count)
        guard rowError == nil, let platform, let month, let visitors else { return false }
        let monthText = CompassData.monthText(year: month.year, month: month.month)
        guard
            firstOccurrence(
                platform + "\u{0}" + monthText, in: &session.visitLines, column: VisitColumn.month, what: "month",
                display: "\(monthText)' of platform '\(DataProblem.display(platform))")
        else { return false }
        session.dataset.platformVisits.append(
            PlatformVisits(platform, year: month.year, month: month.month, visitors: visitors))
        return true
    }

    func descriptionText() -> Bool {
        let language = value(DescriptionColumn.language, Value.identifier)
        let text = value(DescriptionColumn.text, Value.text)
        guard rowError == nil, let language, let text else { return false }
        guard
            firstOccurrence(
                language, in: &session.descriptionLines, column: DescriptionColumn.language, what: "language",
                display: DataProblem.display(language))
        else { return false }
        session.descriptionTexts[Language(language)] = text
        return true
    }
}
