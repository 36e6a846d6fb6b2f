import CompassCore
import CompassEngine

/// Commits batches of plain rows of migrants.csv or assistance.csv to the session's store,
/// reporting duplicates and unregistered migrants exactly as the general path does.
///
/// It runs on the committing thread, apart from the reader, so that the reader's own state,
/// written row by row, is never on a cache line the other thread reads.
final class BatchWriter {
    let session: ReadSession
    let file: DatasetFile
    let name: String
    /// The columns (from 1) of the id and of the migrant id, for problems.
    let idColumn: Int
    let migrantColumn: Int
    /// Rows counted as accepted when batched, then rejected when committed.
    @exclusivity(unchecked) var rejected = 0
    /// The probes of `probeSize` migrant ids, reused from batch to batch.
    private let probes = UnsafeMutablePointer<IdTable.Probe>.allocate(capacity: BatchWriter.probeSize)
    /// The migrant ids of `probeSize` rows, probed together.
    private let migrantIDs = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: BatchWriter.probeSize)
    /// For `probeSize` rows of assistance: the rows added to the store, the index of each among
    /// the rows, the number of the person each names, and the first line of each duplicate.
    private let storeRows = UnsafeMutablePointer<Store.AssistanceRow>.allocate(capacity: BatchWriter.probeSize)
    /// For `probeSize` rows of migrants, the rows added to the store.
    private let migrantRows = UnsafeMutablePointer<Store.MigrantRow>.allocate(capacity: BatchWriter.probeSize)
    private let addedRows = UnsafeMutablePointer<Int>.allocate(capacity: BatchWriter.probeSize)
    private let numbers = UnsafeMutablePointer<Int32>.allocate(capacity: BatchWriter.probeSize)
    private let firstLines = UnsafeMutablePointer<Int>.allocate(capacity: BatchWriter.probeSize)
    /// The store's number of each country code met, by its three letters (`A` to `Z`, 26³ of
    /// them), -1 until met: the store is asked once per code, not once per row.
    private let countryNumbers: UnsafeMutablePointer<Int32> = {
        let numbers = UnsafeMutablePointer<Int32>.allocate(capacity: 26 * 26 * 26)
        numbers.initialize(repeating: -1, count: 26 * 26 * 26)
        return numbers
    }()
    /// The rows whose migrants' slots are read together: enough for their cache misses to overlap,
    /// few enough to stay in the cache.
    static var probeSize: Int { 256 }

    init(session: ReadSession, file: DatasetFile, idColumn: Int, migrantColumn: Int) {
        self.session = session
        self.file = file
        name = file.fileName
        self.idColumn = idColumn
        self.migrantColumn = migrantColumn
        migrantSeed = session.store.migrantHashSeed
    }

    /// The seed of the hashes of the migrants' id table, which never changes.
    let migrantSeed: UInt64

    deinit {
        probes.deallocate()
        migrantIDs.deallocate()
        storeRows.deallocate()
        migrantRows.deallocate()
        addedRows.deallocate()
        numbers.deallocate()
        firstLines.deallocate()
        countryNumbers.deallocate()
    }

    /// The store's number of a country code of three capital letters (a batched row's).
    @inline(__always) private func countryNumber(_ letters: (UInt8, UInt8, UInt8)) -> Int32 {
        let slot = (Int(letters.0) &- 65) &* 676 &+ (Int(letters.1) &- 65) &* 26 &+ (Int(letters.2) &- 65)
        let known = countryNumbers[slot]
        if known >= 0 { return known }
        let number = session.store.countryNumber(letters.0, letters.1, letters.2)
        countryNumbers[slot] = number
        return number
    }

    /// `ReadSession.firstLine(of:line:in:keepingOrder:)` for the file; the ids of a batch stay in
    /// its bytes until it is emptied, and the last is kept then (``commit(_:)``).
    @inline(__always) private func firstLine(of id: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        session.firstLine(of: id, line: line, in: file, keepingOrder: false)
    }

    /// Commits a batch of plain rows in order, then empties it.
    func commit(_ batch: PendingBatch) {
        if !batch.migrants.isEmpty { commitMigrants(batch) }
        if !batch.assistance.isEmpty { commitAssistance(batch) }
        if !batch.surveys.isEmpty { commitSurveys(batch) }
        // The last id checked in order is in the batch's bytes, which the next batch overwrites.
        session.keepOrder()
        batch.removeAll()
    }

    /// Commits plain assistance rows: the migrants' slots of `probeSize` rows are read first,
    /// so that their cache misses overlap, then their ids are checked and the rows that are not
    /// duplicates added to the store together (``Store/addAssistance(_:numbers:record:)``);
    /// duplicates and migrants missing from migrants.csv are then reported in the rows' order,
    /// exactly as `assistance()` would have, row by row.
    private func commitAssistance(_ batch: PendingBatch) {
        batch.bytes.withBytes { all in
            batch.assistance.withRows { rows in
                for start in stride(from: 0, to: rows.count, by: Self.probeSize) {
                    let part = UnsafeBufferPointer(rebasing: rows[start..<min(start + Self.probeSize, rows.count)])
                    for index in part.indices { migrantIDs[index] = part[index].bytes.migrant(in: all) }
                    session.store.probeMigrants(UnsafeBufferPointer(start: migrantIDs, count: part.count), into: probes)
                    // The rows to add, and the first line of each duplicate (0 for a row added).
                    var added = 0
                    var duplicates = 0
                    for index in part.indices {
                        let row = part[index]
                        if let first = firstLine(of: row.bytes.id(in: all), line: row.line) {
                            firstLines[index] = first
                            duplicates += 1
                            continue
                        }
                        firstLines[index] = 0
                        (storeRows + added).initialize(
                            to: Store.AssistanceRow(
                                migrant: row.bytes.migrant(in: all), probe: probes[index], kind: row.kind,
                                date: row.date, country: countryNumber(row.country)))
                        addedRows[added] = index
                        added += 1
                    }
                    session.store.addAssistance(
                        UnsafeBufferPointer(start: storeRows, count: added), numbers: numbers,
                        record: { String(decoding: part[addedRows[$0]].bytes.id(in: all), as: UTF8.self) })
                    // Problems, in the rows' order: rare, so looked for first.
                    var unregistered = false
                    for index in 0..<added where session.isUnregistered(numbers[index]) { unregistered = true }
                    guard duplicates > 0 || unregistered else { continue }
                    var next = 0
                    for index in part.indices {
                        let row = part[index]
                        if firstLines[index] > 0 {
                            rejectBatched(
                                "assistance", id: row.bytes.id(in: all), first: firstLines[index], line: row.line,
                                column: idColumn, raw: row.bytes.raw(in: all))
                            continue
                        }
                        if session.isUnregistered(numbers[next]) {
                            warnUnregistered(row.bytes.migrant(in: all), line: row.line)
                        }
                        next += 1
                    }
                }
            }
        }
    }

    /// Commits plain survey answers, the migrants' slots of `probeSize` rows read first, each
    /// checked and added exactly as `survey()` would have.
    private func commitSurveys(_ batch: PendingBatch) {
        batch.bytes.withBytes { all in
            forEachProbed(batch.surveys, migrant: { $0.bytes.migrant(in: all) }) {
                row, probe in
                let id = row.bytes.id(in: all)
                if let first = firstLine(of: id, line: row.line) {
                    rejectBatched(
                        "survey", id: id, first: first, line: row.line, column: idColumn, raw: row.bytes.raw(in: all))
                    return
                }
                let migrant = row.bytes.migrant(in: all)
                let number = session.store.addSurvey(
                    migrant: migrant, probe: probe, service: row.service, date: row.date, satisfied: row.satisfied,
                    record: String(decoding: id, as: UTF8.self))
                if session.isUnregistered(number) { warnUnregistered(migrant, line: row.line) }
            }
        }
    }

    /// Warns that a batched row names a migrant who is not in migrants.csv, as `warnUnregistered` does for the current row.
    private func warnUnregistered(_ migrant: UnsafeBufferPointer<UInt8>, line: Int) {
        let shown = DataProblem.display(migrant)
        let rejection = Rejection.unregistered(shown)
        session.report(
            DataProblem(
                .warning, file: name, line: line, column: migrantColumn, field: file.columns[file.migrantPosition ?? 0],
                value: shown,
                rule: rejection.rule, message: rejection.message))
    }

    /// Calls `body` with each row in order and the probe of the migrant it names (`migrant`, the
    /// bytes of its id): the migrants of `probeSize` rows are probed first
    /// (`Store.probeMigrants(_:into:)`), those in the order of migrants.csv found without a
    /// hash and the others' slots read in one tight loop, so that their cache misses overlap.
    @inline(__always) private func forEachProbed<Row>(
        _ batch: borrowing BatchRows<Row>, migrant: (Row) -> UnsafeBufferPointer<UInt8>,
        _ body: (Row, IdTable.Probe) -> Void
    ) {
        batch.withRows { rows in
            for start in stride(from: 0, to: rows.count, by: Self.probeSize) {
                let part = UnsafeBufferPointer(rebasing: rows[start..<min(start + Self.probeSize, rows.count)])
                for index in part.indices { migrantIDs[index] = migrant(part[index]) }
                session.store.probeMigrants(UnsafeBufferPointer(start: migrantIDs, count: part.count), into: probes)
                for index in part.indices { body(part[index], probes[index]) }
            }
        }
    }

    /// Rejects a batched row whose id (the first column) was seen on line `first`, as `rejectDuplicate` does for the current row.
    private func rejectBatched(
        _ what: String, id: UnsafeBufferPointer<UInt8>, first: Int, line: Int, column: Int,
        raw: UnsafeBufferPointer<UInt8>
    ) {
        let shown = DataProblem.display(id)
        reject(
            Rejection.duplicate(what, shown, first: first), shown: shown, line: line, column: column,
            field: file.columns[file.idPosition], raw: raw)
    }

    /// Rejects a batched row for the problem of one of its values: reports it, writes the row to
    /// the rejects, and counts it as rejected.
    private func reject(
        _ rejection: Rejection, shown: String, line: Int, column: Int, field: String, raw: UnsafeBufferPointer<UInt8>
    ) {
        session.report(
            DataProblem(
                .error, file: name, line: line, column: column, field: field, value: shown, rule: rejection.rule,
                message: rejection.message))
        session.writeReject(file: name, line: line, rule: rejection.rule, message: rejection.message, record: raw)
        rejected += 1
    }

    /// Registers plain migrant rows in order, the slots of `probeSize` rows read first in one tight loop.
    private func commitMigrants(_ batch: PendingBatch) {
        batch.bytes.withBytes { all in
            batch.migrants.withRows { rows in
                for start in stride(from: 0, to: rows.count, by: Self.probeSize) {
                    let part = UnsafeBufferPointer(rebasing: rows[start..<min(start + Self.probeSize, rows.count)])
                    session.store.probeMigrants(part.count, hashes: { part[$0].idHash }, into: probes)
                    for index in part.indices {
                        let row = part[index]
                        (migrantRows + index).initialize(
                            to: Store.MigrantRow(
                                id: row.id(in: all), probe: probes[index], sex: row.sex, birthYear: row.birthYear,
                                nationality: row.nationality.map { countryNumber($0) } ?? -1,
                                registeredOn: row.registered, vulnerabilities: row.vulnerabilities))
                    }
                    session.store.addMigrants(
                        UnsafeBufferPointer(start: migrantRows, count: part.count), numbers: numbers)
                    // The lines of the migrants added, and the repeated ids rejected, in the rows' order.
                    for index in part.indices {
                        let row = part[index]
                        guard numbers[index] < 0 else {
                            session.registered(line: row.line)
                            continue
                        }
                        rejectBatched(
                            "migrant", id: row.id(in: all), first: session.line(of: -1 - numbers[index]),
                            line: row.line, column: idColumn, raw: row.raw(in: all))
                    }
                }
            }
        }
    }
}
