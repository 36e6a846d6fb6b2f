import CompassCore
import CompassEngine

/// Reads one CSV file of the dataset format into the session.
final class CSVFileReader<Source: ByteSource> {
    let file: DatasetFile
    let name: String
    let scanner: CSVScanner<Source>
    let session: ReadSession
    /// For each column of the format, the index of its field in the file, or -1 when absent.
    @exclusivity(unchecked) var fieldOf: [Int]
    var headerCount = 0
    var headerNames: [String] = []
    /// The first error of the current row, for the rejects file.
    @exclusivity(unchecked) var rowError: Rejection?
    /// Plain rows decoded but not yet committed to the store: the batch being filled, kept in
    /// the reader's own properties (not in a `PendingBatch`, whose every use would retain it).
    @exclusivity(unchecked) var pendingAssistance = BatchRows<PendingAssistance>()
    @exclusivity(unchecked) var pendingMigrants = BatchRows<PendingMigrant>()
    @exclusivity(unchecked) var pendingSurveys = BatchRows<PendingSurvey>()
    /// The ids, migrant ids and (when the rejects are written) records of the pending rows.
    @exclusivity(unchecked) var pendingBytes = BatchBytes()
    /// The seed of the hashes of the migrants' id table, which never changes.
    @exclusivity(unchecked) var migrantSeed: UInt64 = 0
    /// The batches handed to the committer, in turn: each is being committed, waiting to be, or
    /// committed and empty. Several are in flight, so that neither thread waits for the other
    /// whenever one batch happens to take it longer than the next.
    let batches = (0..<BatchCommitter.depth).map { _ in PendingBatch() }
    /// The number of batches handed to the committer so far.
    var handedOff = 0
    /// Commits batches to the store, when the rows of the file are read into one.
    var writer: BatchWriter?
    /// Runs the writer on a thread of its own while the reader fills the next batch.
    var committer: BatchCommitter?
    /// Whether batched rows keep a copy of their record, for the rejects file.
    let keepsRecords: Bool
    // The session's settings read for every row, copied here: the session's own storage shares
    // cache lines with what the committing thread writes, and reading it there cost a cache
    // miss a row (two thirds of the reading loop's own time).
    /// Whether the rows go into a store (`ReadSession.buildsStore`).
    let buildsStore: Bool
    /// The session's code tables.
    let codes: CodeTables
    /// The code tables of the plain rows' codes, as values (`CodeTable.Lookups`); `codes` keeps them alive.
    let kindCodes: CodeTable<AssistanceKind>.Lookups
    let serviceCodes: CodeTable<SurveyService>.Lookups
    let sexCodes: CodeTable<Sex>.Lookups
    let organisationCodes: CodeTable<OrganisationType>.Lookups
    let vulnerabilityCodes: CodeTable<Vulnerability>.Lookups
    /// The session's progress handler.
    let progress: (@Sendable (DatasetReader.ReadProgress) -> Void)?
    /// The rows of a full batch: enough that handing batches over stays cheap beside the rows' work.
    static var batchSize: Int { 2048 }

    init(file: DatasetFile, scanner: CSVScanner<Source>, session: ReadSession) {
        self.file = file
        name = file.fileName
        self.scanner = scanner
        self.session = session
        fieldOf = Array(repeating: -1, count: file.columns.count)
        keepsRecords = session.rejects != nil
        buildsStore = session.buildsStore
        codes = session.codes
        kindCodes = session.codes.assistanceKind.lookups
        serviceCodes = session.codes.surveyService.lookups
        sexCodes = session.codes.sex.lookups
        organisationCodes = session.codes.organisationType.lookups
        vulnerabilityCodes = session.codes.vulnerability.lookups
        progress = session.options.progress
    }

    // MARK: Problems

    func fail(_ rejection: Rejection, line: Int?, column: Int?, field: String?, value: String?) {
        if rowError == nil { rowError = rejection }
        session.report(
            DataProblem(
                .error, file: name, line: line, column: column, field: field, value: value, rule: rejection.rule,
                message: rejection.message))
    }

    func warn(_ rejection: Rejection, line: Int?, column: Int?, field: String?, value: String?) {
        session.report(
            DataProblem(
                .warning, file: name, line: line, column: column, field: field, value: value, rule: rejection.rule,
                message: rejection.message))
    }

    func syntaxRejection(_ issue: CSVSyntaxIssue) -> Rejection {
        switch issue.kind {
        case .unterminatedQuote:
            Rejection(
                "unterminated-quote",
                "the quote that opens this field is never closed; the rest of the file is inside it")
        case .strayQuote:
            Rejection(
                "stray-quote",
                "a quote inside a field that does not start with one; quote the whole field and double the quote (\"\")"
            )
        case .textAfterQuote:
            Rejection("text-after-quote", "text after the closing quote; a quoted field ends at its closing quote")
        case .nulByte:
            Rejection("nul-byte", "a NUL byte: the file is not text")
        case .recordTooLong:
            Rejection(
                "record-too-long",
                "the record is longer than \(grouped(scanner.maximumRecordBytes)) bytes and is not read")
        }
    }

    func headerName(_ index: Int) -> String? { index < headerNames.count ? headerNames[index] : nil }

    // MARK: Reading

    func read(_ counts: inout FileAccounting) throws(DataFileError) {
        let usable = try readHeader()
        session.reserve(for: file, bytes: scanner.totalBytes ?? 0, records: scanner.estimatedRecords())
        // Plain rows of the three large files are committed on a second thread while the next are decoded.
        if usable, buildsStore, file == .migrants || file == .assistance || file == .surveys {
            writer = BatchWriter(
                session: session, file: file, idColumn: fieldOf[file.idPosition] + 1,
                migrantColumn: file.migrantPosition.map { fieldOf[$0] + 1 } ?? 0)
            committer = BatchCommitter()
            // The seed of the migrants' id table: the reader hashes the id of a row of migrants.csv,
            // the committer those of the migrants named by assistance.csv and surveys.csv.
            migrantSeed = session.store.migrantHashSeed
        }
        // Whether plain rows can be taken a run at a time: those batched for a committer, and
        // participants kept as numbers.
        let runsPlain =
            usable && (writer != nil || (file == .trainingParticipants && session.participantsAsNumbers))
        // About every megabyte: several times a second even in a debug build.
        let progressStep = 1 << 20
        var nextProgress = progressStep
        defer {
            flushPending()
            committer?.stop()
            let rejected = writer?.rejected ?? 0
            counts.accepted -= rejected
            counts.rejected += rejected
        }
        while try scanner.nextRecord() {
            counts.read += 1
            // Tested first: clearing an error that is not there still called its destructor.
            if rowError != nil { rowError = nil }
            var accepted = false
            var plain: Bool?
            if usable, scanner.issues.isEmpty, scanner.fieldCount == headerCount { plain = decodePlainRow() }
            // Plain rows waiting in a batch are committed before any other row is read, so that
            // problems and rejects keep the order of the file.
            if plain == nil { flushPending() }
            if let plain {
                accepted = plain
            } else if !usable {
                rowError = Rejection("unusable-header", "the file's header has errors; no row of the file is read")
            } else if !scanner.issues.isEmpty {
                for issue in scanner.issues {
                    fail(
                        syntaxRejection(issue), line: issue.line, column: issue.field,
                        field: headerName(issue.field - 1),
                        value: nil)
                }
            } else if scanner.fieldCount != headerCount {
                let fields = scanner.fieldCount
                if fields < headerCount {
                    fail(
                        Rejection(
                            "field-count",
                            "the row has \(fields) field\(fields == 1 ? "" : "s") but the header has \(headerCount); this column is missing"
                        ), line: scanner.line(ofField: fields - 1), column: fields + 1, field: headerName(fields),
                        value: nil)
                } else {
                    fail(
                        Rejection(
                            "field-count", "the row has \(fields) fields but the header has \(headerCount)"),
                        line: scanner.line(ofField: headerCount), column: headerCount + 1, field: nil, value: nil)
                }
            } else {
                accepted = decodeRow()
            }
            if accepted {
                counts.accepted += 1
            } else {
                counts.rejected += 1
                session.noteRejected(line: scanner.recordLine)
                let error = rowError ?? Rejection("rejected", "the record was rejected")
                scanner.withRawRecord { raw in
                    session.writeReject(
                        file: name, line: scanner.recordLine, rule: error.rule, message: error.message, record: raw)
                }
            }
            // The rest of the scanner's batch of plain records, at once, as far as they are plainly valid.
            if runsPlain, let run = scanner.plainRun {
                let taken = decodePlainRun(run)
                if taken > 0 {
                    scanner.takePlainRecords(taken)
                    counts.read += taken
                    counts.accepted += taken
                }
            }
            if let progress, scanner.bytesRead >= nextProgress {
                nextProgress = scanner.bytesRead + progressStep
                progress(
                    DatasetReader.ReadProgress(file: name, bytesRead: scanner.bytesRead, totalBytes: scanner.totalBytes)
                )
            }
        }
        // The whole file is read: the last call says so, at 100 %.
        if let progress {
            let total = scanner.totalBytes ?? scanner.bytesRead
            progress(DatasetReader.ReadProgress(file: name, bytesRead: total, totalBytes: total))
        }
    }

    /// Reads the header and maps the columns of the file's schema to its fields; returns whether rows can be read.
    func readHeader() throws(DataFileError) -> Bool {
        let schema = file.schema
        let names = schema.columnNames
        guard try scanner.nextRecord() else {
            fail(
                Rejection(
                    "empty-file",
                    "the file is empty; it needs at least the header row: \(names.joined(separator: ","))"),
                line: 1, column: nil, field: nil, value: nil)
            return false
        }
        var usable = true
        if !scanner.issues.isEmpty {
            for issue in scanner.issues {
                fail(syntaxRejection(issue), line: issue.line, column: issue.field, field: nil, value: nil)
            }
            return false
        }
        headerCount = scanner.fieldCount
        // Rows as wide as the header are then found many at a time.
        if session.options.findsPlainRecordsInBatches { scanner.plainWidth = headerCount }
        var firstColumn: [String: Int] = [:]
        for index in 0..<headerCount {
            let column = index + 1
            let line = scanner.line(ofField: index)
            let text = scanner.withField(index) { bytes in (Value.text(bytes), DataProblem.display(bytes)) }
            guard case .success(let header) = text.0 else {
                fail(
                    Rejection("invalid-utf8", "the column name '\(text.1)' is not valid UTF-8 text"), line: line,
                    column: column, field: nil, value: text.1)
                headerNames.append(text.1)
                usable = false
                continue
            }
            headerNames.append(header)
            if let first = firstColumn[header] {
                fail(
                    Rejection(
                        "duplicate-column", "the column '\(text.1)' appears twice, in columns \(first) and \(column)"),
                    line: line, column: column, field: header, value: text.1)
                usable = false
                continue
            }
            firstColumn[header] = column
            if let position = names.firstIndex(of: header) {
                fieldOf[position] = index
            } else {
                warn(
                    Rejection(
                        "unknown-column",
                        "'\(text.1)' is not a column of \(name) and is ignored (the columns are \(names.joined(separator: ", ")))"
                    ), line: line, column: column, field: nil, value: text.1)
            }
        }
        for (position, column) in schema.columns.enumerated() where fieldOf[position] < 0 && column.isRequired {
            fail(
                Rejection(
                    "missing-column",
                    "the required column '\(column.name)' is missing (the columns are \(names.joined(separator: ", ")))"
                ),
                line: scanner.recordLine, column: nil, field: nil, value: nil)
            usable = false
        }
        return usable
    }

}
