import CompassCore
import CompassEngine

extension ReadSession {
    /// The line of a registered migrant, by number.
    func line(of number: Int32) -> Int { migrantLines.line(of: Int(number)) }

    // MARK: The records of the three large files

    /// Registers a migrant of migrants.csv; returns the line of the first record when the id was seen before.
    func addMigrant(
        id: UnsafeBufferPointer<UInt8>, line: Int, sex: Sex, birthYear: Int?, nationality: CountryCode?,
        registeredOn: CalendarDate?, vulnerabilities: Set<Vulnerability>
    ) -> Int? {
        if buildsStore {
            let mask = vulnerabilities.reduce(UInt8(0)) { $0 | 1 << UInt8($1.ordinal) }
            let country = nationality.map { store.countryNumber($0) } ?? -1
            return addMigrant(
                id: id, line: line, sex: sex, birthYear: birthYear, nationality: country, registeredOn: registeredOn,
                vulnerabilities: mask)
        } else {
            let (number, added) = migrantIDs.insert(id)
            guard added else { return self.line(of: number) }
            dataset.migrants.append(
                Migrant(
                    Migrant.ID(String(decoding: id, as: UTF8.self)), sex: sex, birthYear: birthYear,
                    nationality: nationality, registeredOn: registeredOn, vulnerabilities: vulnerabilities))
        }
        migrantLines.append(line)
        registeredCount += 1
        return nil
    }

    /// Registers a migrant of migrants.csv in the store; returns the line of the first record when the id was seen before.
    ///
    /// - Parameters:
    ///   - nationality: A country number of the store, or -1.
    ///   - vulnerabilities: One bit per vulnerability ordinal.
    @inline(__always)
    func addMigrant(
        id: UnsafeBufferPointer<UInt8>, probe: IdTable.Probe? = nil, line: Int, sex: Sex, birthYear: Int?,
        nationality: Int32, registeredOn: CalendarDate?, vulnerabilities: UInt8
    ) -> Int? {
        let (number, added) = store.addMigrant(
            id: id, probe: probe, sex: sex, birthYear: birthYear, nationality: nationality, registeredOn: registeredOn,
            vulnerabilities: vulnerabilities)
        guard added else { return self.line(of: number) }
        migrantLines.append(line)
        registeredCount += 1
        return nil
    }

    /// Notes the line of the migrant the store has just registered (``Store/addMigrants(_:numbers:)``).
    @inline(__always) func registered(line: Int) {
        migrantLines.append(line)
        registeredCount += 1
    }

    /// Whether a migrant named by a record is missing from migrants.csv (never when there is no migrants.csv).
    func isUnregistered(_ number: Int32?) -> Bool {
        guard migrantsRead else { return false }
        guard let number else { return true }
        return Int(number) >= registeredCount
    }

    /// Adds an assistance record; returns whether the migrant it names is missing from migrants.csv.
    func addAssistance(
        id: () -> String, migrant: UnsafeBufferPointer<UInt8>, kind: AssistanceKind, date: CalendarDate,
        country: CountryCode
    ) -> Bool {
        if buildsStore {
            let place = store.countryNumber(country)
            return isUnregistered(
                store.addAssistance(migrant: migrant, kind: kind, date: date, country: place, record: id()))
        }
        dataset.assistance.append(
            Assistance(
                Assistance.ID(id()), for: Migrant.ID(String(decoding: migrant, as: UTF8.self)), kind, on: date,
                in: country))
        return isUnregistered(migrantIDs.number(of: migrant))
    }

    /// Adds a survey answer; returns whether the migrant it names is missing from migrants.csv.
    func addSurvey(
        id: () -> String, migrant: UnsafeBufferPointer<UInt8>, service: SurveyService, date: CalendarDate,
        satisfied: Bool
    ) -> Bool {
        if buildsStore {
            return isUnregistered(
                store.addSurvey(migrant: migrant, service: service, date: date, satisfied: satisfied, record: id()))
        }
        dataset.surveys.append(
            SatisfactionResponse(
                SatisfactionResponse.ID(id()), by: Migrant.ID(String(decoding: migrant, as: UTF8.self)),
                about: service, on: date, satisfied: satisfied))
        return isUnregistered(migrantIDs.number(of: migrant))
    }
}
