import CompassCore
import CompassEngine

extension CSVFileReader {
    /// Whether a row's `idBytes` bytes of ids, and its record of `recordLength` bytes when the
    /// rejects are written, fit in the batch being filled, whose rows locate their bytes with
    /// 32-bit offsets; a row that does not takes the general path.
    @inline(__always) private func fitsBatch(_ idBytes: Int, recordLength: Int) -> Bool {
        pendingBytes.count + idBytes + (keepsRecords ? recordLength : 0) <= Int(UInt32.max)
    }

    // MARK: Plain rows

    // The rows of the three large files are read into a store through a path without the general
    // value parsers (a closure and a `Result` per field) when every field is plainly valid: ASCII
    // ids, known codes, well-formed dates, three capital letters for a country. Anything else
    // returns `nil`, and `decodeRow()` reads the row again from the start, checking and reporting
    // everything. The plain path accepts only values the general one accepts without a problem,
    // and commits through the same session methods, so the two cannot disagree.

    /// The bytes of column `position` of the current record; empty when the column is absent.
    @inline(__always) private func bytes(_ position: Int) -> UnsafeBufferPointer<UInt8> {
        let index = fieldOf[position]
        return index < 0 ? UnsafeBufferPointer(start: nil, count: 0) : scanner.field(index)
    }

    /// Reads a plainly valid row of migrants.csv, assistance.csv or surveys.csv into the store; `nil` for any other row.
    @inline(__always) func decodePlainRow() -> Bool? {
        guard buildsStore else { return nil }
        switch file {
        case .assistance: return plainAssistance()
        case .migrants: return plainMigrant()
        case .surveys: return plainSurvey()
        default: return nil
        }
    }

    /// Batches the plain rows of a run of plain records (``CSVScanner/plainRun``) from its start,
    /// up to the first that is not plainly valid; returns how many.
    func decodePlainRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        switch file {
        case .assistance: plainAssistanceRun(run)
        case .migrants: plainMigrantRun(run)
        case .surveys: plainSurveyRun(run)
        case .trainingParticipants: plainParticipantRun(run)
        default: 0
        }
    }

    /// Takes plain rows of training_participants.csv, kept as numbers, from the start of a run of
    /// plain records, as `participant()` would one at a time; returns how many. Stops before the
    /// first row whose values are not plainly valid or whose training is unknown, and before a
    /// participation already recorded: the reading loop then reads that row as before.
    ///
    /// The rows go a chunk at a time: the slots of their people's ids, then of their
    /// participations, are read together, so that their cache misses overlap.
    private func plainParticipantRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let trainingField = fieldOf[ParticipantColumn.training.position]
        let personField = fieldOf[ParticipantColumn.person.position]
        let sexField = fieldOf[ParticipantColumn.sex.position]
        let organisationField = fieldOf[ParticipantColumn.organisation.position]
        guard trainingField >= 0, personField >= 0, sexField >= 0, organisationField >= 0 else { return 0 }
        let chunkSize = 64
        return withUnsafeTemporaryAllocation(of: IdTable.Probe.self, capacity: chunkSize) { probes in
            withUnsafeTemporaryAllocation(of: Store.Participation.self, capacity: chunkSize) { rows in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkSize) { keys in
                    let people = session.participantPeople.hashSeed
                    let pairs = session.participations.hashSeed
                    var done = 0
                    while done < run.count {
                        let chunk = min(chunkSize, run.count - done)
                        // The rows' values, up to the first not plainly valid.
                        var valid = 0
                        while valid < chunk {
                            let record = done + valid
                            let training = run.field(record, trainingField)
                            let person = run.field(record, personField)
                            guard Self.isPlainID(training), Self.isPlainID(person),
                                let sex = sexCodes.lookup(run.field(record, sexField)),
                                let organisation = organisationCodes.lookup(run.field(record, organisationField)),
                                let trainingNumber = session.participantTrainings.number(of: training)
                            else { break }
                            rows[valid] = Store.Participation(
                                training: trainingNumber, person: 0, sex: sex, organisation: organisation)
                            valid += 1
                        }
                        // Their people, numbered in order.
                        session.participantPeople.probe(
                            valid, hashes: { IdTable.hash(run.field(done + $0, personField), seed: people) },
                            into: probes.baseAddress!)
                        for index in 0..<valid {
                            let number = session.participantPeople.insert(
                                run.field(done + index, personField), probe: probes[index]
                            ).number
                            rows[index] = rows[index].with(person: number)
                            keys[index] =
                                (UInt64(UInt32(bitPattern: rows[index].trainingNumber)) << 32
                                | UInt64(UInt32(bitPattern: number))).littleEndian
                        }
                        // Their participations: a pair of numbers each, eight bytes.
                        session.participations.probe(
                            valid,
                            hashes: { index in
                                withUnsafeBytes(of: keys[index]) {
                                    IdTable.hash($0.assumingMemoryBound(to: UInt8.self), seed: pairs)
                                }
                            }, into: probes.baseAddress!)
                        for index in 0..<valid {
                            let isNew = withUnsafeBytes(of: keys[index]) {
                                session.participations.insert(
                                    $0.assumingMemoryBound(to: UInt8.self), probe: probes[index]
                                )
                                .inserted
                            }
                            guard isNew else { return done + index }
                            session.participationLines.append(run.line + done + index)
                            session.participationNumbers.append(rows[index])
                        }
                        done += valid
                        if valid < chunk { break }
                    }
                    return done
                }
            }
        }
    }

    /// The offset of the first `;` in `bytes` from `start`, or `bytes.count`; eight bytes at a time.
    @inline(__always) private static func semicolon(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count {
            // A byte of the word equal to `;` becomes zero; the lowest zero byte sets its high bit
            // in `found` (a borrow can only mark bytes above it).
            let word =
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ 0x3B3B_3B3B_3B3B_3B3B
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count, base[index] != UInt8(ascii: ";") { index += 1 }
        return index
    }

    @inline(__always) private static func isPlainID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && Value.isASCII(bytes)
    }

    private func plainAssistance() -> Bool? {
        guard
            batchAssistance(
                id: bytes(AssistanceColumn.id.position), migrant: bytes(AssistanceColumn.migrant.position),
                kind: bytes(AssistanceColumn.kind.position), date: bytes(AssistanceColumn.date.position),
                place: bytes(AssistanceColumn.country.position), line: recordLine,
                record: scanner.rawRecord)
        else {
            flushPending()
            return nil
        }
        return true
    }

    /// Batches plain rows of assistance.csv from the start of a run of plain records, up to the
    /// first that is not plainly valid; returns how many. The rows are those ``plainAssistance()``
    /// would batch one record at a time, without the scanner's and the reading loop's work per record.
    private func plainAssistanceRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let id = fieldOf[AssistanceColumn.id.position], migrant = fieldOf[AssistanceColumn.migrant.position]
        let kind = fieldOf[AssistanceColumn.kind.position], date = fieldOf[AssistanceColumn.date.position]
        let place = fieldOf[AssistanceColumn.country.position]
        guard id >= 0, migrant >= 0, kind >= 0, date >= 0, place >= 0 else { return 0 }
        for record in 0..<run.count {
            guard
                batchAssistance(
                    id: run.field(record, id), migrant: run.field(record, migrant), kind: run.field(record, kind),
                    date: run.field(record, date), place: run.field(record, place), line: run.line + record,
                    record: run.raw(record))
            else { return record }
        }
        return run.count
    }

    /// Batches a row of assistance.csv from its fields when every value is plainly valid; `false`,
    /// batching nothing, otherwise. `record` is the row's record, kept when the rejects are written.
    @inline(__always) private func batchAssistance(
        id: UnsafeBufferPointer<UInt8>, migrant: UnsafeBufferPointer<UInt8>, kind kindBytes: UnsafeBufferPointer<UInt8>,
        date: UnsafeBufferPointer<UInt8>, place: UnsafeBufferPointer<UInt8>, line: Int,
        record: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard Self.isPlainID(id), Self.isPlainID(migrant), id.count <= RowBytes.maximumIDLength,
            migrant.count <= RowBytes.maximumIDLength, fitsBatch(id.count + migrant.count, recordLength: record.count),
            let kind = kindCodes.lookup(kindBytes), let day = CalendarDate(isoBytes: date), Value.isCountryCode(place)
        else { return false }
        // The row waits in a batch; it is committed (or rejected as a duplicate) with the batch.
        // The reader reads its date, and the committer hashes the migrant id, looks it up and
        // adds the row to the columns: the two threads' shares of a row's work are about even
        // (`BatchWriter.commitAssistance`). A date that is not a day sends the row to the general
        // path, which rejects it.
        pendingAssistance.append(
            PendingAssistance(
                line: line, bytes: batchBytes(id, migrant, record: record), date: day, kind: kind,
                country: (place[0], place[1], place[2])))
        if pendingAssistance.count == Self.batchSize { handOff() }
        return true
    }

    /// Copies a row's id and migrant id, and its record when the rejects are written, into the
    /// batch being filled; returns where they are.
    @inline(__always) private func batchBytes(
        _ id: UnsafeBufferPointer<UInt8>, _ migrant: UnsafeBufferPointer<UInt8>,
        record: @autoclosure () -> UnsafeBufferPointer<UInt8>
    ) -> RowBytes {
        let start = pendingBytes.count
        pendingBytes.append(id)
        pendingBytes.append(migrant)
        if keepsRecords { pendingBytes.append(record()) }
        return RowBytes(
            start: start, idLength: id.count, migrantLength: migrant.count,
            rawLength: pendingBytes.count - start - id.count - migrant.count)
    }

    /// Sends the batch being filled to be committed: to the committer, when there is one, while
    /// the reader goes on with the next one; at once otherwise.
    ///
    /// The committer is the only one to touch the store and the session's problems while it
    /// commits, and commits the batches one at a time, in order; ``flushPending()`` waits for
    /// the last.
    private func handOff() {
        guard !pendingAssistance.isEmpty || !pendingMigrants.isEmpty || !pendingSurveys.isEmpty, let writer,
            let committer
        else { return }
        // The batch used `depth` hand-overs ago was emptied when committed: its arrays, capacity
        // kept, take the next rows.
        let full = batches[handedOff % batches.count]
        committer.waitUntilCompleted(handedOff - batches.count + 1)
        swap(&pendingAssistance, &full.assistance)
        swap(&pendingMigrants, &full.migrants)
        swap(&pendingSurveys, &full.surveys)
        swap(&pendingBytes, &full.bytes)
        handedOff += 1
        committer.start { writer.commit(full) }
    }

    /// Commits every batched row: called before any row that is not plain is read, and at the
    /// end of the file, so that problems and rejects keep the order of the file.
    func flushPending() {
        handOff()
        committer?.waitUntilIdle()
    }

    private func plainSurvey() -> Bool? {
        batchSurvey(
            id: bytes(SurveyColumn.id.position), migrant: bytes(SurveyColumn.migrant.position),
            service: bytes(SurveyColumn.service.position), date: bytes(SurveyColumn.date.position),
            satisfied: bytes(SurveyColumn.satisfied.position), line: recordLine,
            record: scanner.rawRecord) ? true : nil
    }

    /// Batches plain rows of surveys.csv from the start of a run of plain records, up to the
    /// first that is not plainly valid; returns how many (see ``plainAssistanceRun(_:)``).
    private func plainSurveyRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let id = fieldOf[SurveyColumn.id.position], migrant = fieldOf[SurveyColumn.migrant.position]
        let service = fieldOf[SurveyColumn.service.position], date = fieldOf[SurveyColumn.date.position]
        let satisfied = fieldOf[SurveyColumn.satisfied.position]
        guard id >= 0, migrant >= 0, service >= 0, date >= 0, satisfied >= 0 else { return 0 }
        for record in 0..<run.count {
            guard
                batchSurvey(
                    id: run.field(record, id), migrant: run.field(record, migrant),
                    service: run.field(record, service), date: run.field(record, date),
                    satisfied: run.field(record, satisfied), line: run.line + record, record: run.raw(record))
            else { return record }
        }
        return run.count
    }

    /// Batches a row of surveys.csv from its fields when every value is plainly valid; `false`,
    /// batching nothing, otherwise. `record` is the row's record, kept when the rejects are written.
    @inline(__always) private func batchSurvey(
        id: UnsafeBufferPointer<UInt8>, migrant: UnsafeBufferPointer<UInt8>,
        service serviceBytes: UnsafeBufferPointer<UInt8>, date dateBytes: UnsafeBufferPointer<UInt8>,
        satisfied satisfiedBytes: UnsafeBufferPointer<UInt8>, line: Int, record: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard Self.isPlainID(id), Self.isPlainID(migrant), id.count <= RowBytes.maximumIDLength,
            migrant.count <= RowBytes.maximumIDLength, fitsBatch(id.count + migrant.count, recordLength: record.count),
            let service = serviceCodes.lookup(serviceBytes),
            let date = CalendarDate(isoBytes: dateBytes),
            case .success(let satisfied) = Value.yesNo(satisfiedBytes)
        else { return false }
        // The row waits in a batch; it is committed (or rejected as a duplicate) with the batch.
        pendingSurveys.append(
            PendingSurvey(
                line: line, bytes: batchBytes(id, migrant, record: record), date: date, service: service,
                satisfied: satisfied))
        if pendingSurveys.count == Self.batchSize { handOff() }
        return true
    }

    private func plainMigrant() -> Bool? {
        guard
            batchMigrant(
                id: bytes(MigrantColumn.id.position), sex: bytes(MigrantColumn.sex.position),
                birthYear: bytes(MigrantColumn.birthYear.position),
                nationality: bytes(MigrantColumn.nationality.position),
                registered: bytes(MigrantColumn.registeredOn.position),
                vulnerabilities: bytes(MigrantColumn.vulnerabilities.position), line: recordLine,
                record: scanner.rawRecord)
        else {
            flushPending()
            return nil
        }
        return true
    }

    /// Batches plain rows of migrants.csv from the start of a run of plain records, up to the
    /// first that is not plainly valid; returns how many (see ``plainAssistanceRun(_:)``).
    private func plainMigrantRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let id = fieldOf[MigrantColumn.id.position], sex = fieldOf[MigrantColumn.sex.position]
        let year = fieldOf[MigrantColumn.birthYear.position], nationality = fieldOf[MigrantColumn.nationality.position]
        let registered = fieldOf[MigrantColumn.registeredOn.position]
        let vulnerabilities = fieldOf[MigrantColumn.vulnerabilities.position]
        guard id >= 0, sex >= 0, year >= 0, nationality >= 0, registered >= 0, vulnerabilities >= 0 else { return 0 }
        for record in 0..<run.count {
            guard
                batchMigrant(
                    id: run.field(record, id), sex: run.field(record, sex), birthYear: run.field(record, year),
                    nationality: run.field(record, nationality), registered: run.field(record, registered),
                    vulnerabilities: run.field(record, vulnerabilities), line: run.line + record,
                    record: run.raw(record))
            else { return record }
        }
        return run.count
    }

    /// Batches a row of migrants.csv from its fields when every value is plainly valid; `false`,
    /// batching nothing, otherwise. `record` is the row's record, kept when the rejects are written.
    @inline(__always) private func batchMigrant(
        id: UnsafeBufferPointer<UInt8>, sex sexBytes: UnsafeBufferPointer<UInt8>,
        birthYear yearBytes: UnsafeBufferPointer<UInt8>, nationality nationalityBytes: UnsafeBufferPointer<UInt8>,
        registered registeredBytes: UnsafeBufferPointer<UInt8>, vulnerabilities list: UnsafeBufferPointer<UInt8>,
        line: Int, record: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard Self.isPlainID(id), id.count <= RowBytes.maximumIDLength, fitsBatch(id.count, recordLength: record.count),
            let sex = sexCodes.lookup(sexBytes)
        else { return false }
        var birthYear: Int?
        if !yearBytes.isEmpty {
            guard let year = Value.validBirthYear(yearBytes) else { return false }
            birthYear = year
        }
        guard nationalityBytes.isEmpty || Value.isCountryCode(nationalityBytes) else { return false }
        var registered: CalendarDate?
        if !registeredBytes.isEmpty {
            guard let date = CalendarDate(isoBytes: registeredBytes) else { return false }
            registered = date
        }
        var vulnerabilities: UInt8 = 0
        if let base = list.baseAddress, !list.isEmpty {
            var start = 0
            while true {
                let end = Self.semicolon(in: list, from: start)
                guard
                    let value = vulnerabilityCodes.lookup(UnsafeBufferPointer(start: base + start, count: end - start))
                else { return false }
                vulnerabilities |= 1 << UInt8(value.ordinal)
                if end == list.count { break }
                start = end + 1
            }
        }
        // The row waits in a batch; it is registered (or rejected as a duplicate) with the batch.
        let start = pendingBytes.count
        pendingBytes.append(id)
        if keepsRecords { pendingBytes.append(record) }
        pendingMigrants.append(
            PendingMigrant(
                line: line, sex: sex, birthYear: birthYear,
                nationality: nationalityBytes.isEmpty
                    ? nil : (nationalityBytes[0], nationalityBytes[1], nationalityBytes[2]),
                registered: registered, vulnerabilities: vulnerabilities, start: start, idLength: id.count,
                rawLength: pendingBytes.count - start - id.count, idHash: IdTable.hash(id, seed: migrantSeed)))
        if pendingMigrants.count == Self.batchSize { handOff() }
        return true
    }

}
