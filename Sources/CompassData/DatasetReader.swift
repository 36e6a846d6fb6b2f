public import CompassCore
public import CompassEngine

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a dataset, a directory of CSV files or a JSON file, and reports every problem with its location.
///
/// The reader never stops at the first problem and never drops a record
/// silently: every data row read is either accepted into the dataset or rejected
/// with at least one error, and ``DatasetReadResult/accounting`` counts both per
/// file. Whether errors fail the run is the caller's choice: `Dataset.init(contentsOf:)`
/// is strict and throws when there is any error; `read(from:)` is lenient and
/// returns the accepted records beside the problems.
///
/// ```swift
/// let result = DatasetReader().read(from: "Data")
/// for problem in result.problems { print(problem) }
/// for file in result.accounting { print(file) }   // assistance.csv: 12 read = 11 accepted + 1 rejected
/// let dataset = result.dataset                     // the records accepted
/// ```
public struct DatasetReader: Sendable {
    /// How the reader works.
    public struct Options: Sendable {
        /// The longest record kept, in bytes; a longer one is rejected as `record-too-long` without being held in memory.
        public var maximumRecordBytes: Int
        /// The most problems listed per file; the rest are counted in one last note.
        public var maximumProblemsPerFile: Int
        /// Where to write the rejected records, as CSV (`file,line,rule,message,record`); `nil` for nowhere.
        public var rejectsPath: String?
        /// Called now and then during long reads, for a progress line.
        public var progress: (@Sendable (ReadProgress) -> Void)?
        /// Whether plain records (as wide as the header, on one line, without quotes) are found
        /// many at a time, which is faster; `false` scans every record alone. Every record, value,
        /// line, problem and count is the same either way: the setting is there so that the two
        /// can be compared, as the tests and the fuzzer do.
        public var findsPlainRecordsInBatches = true

        /// Creates options; the defaults keep records up to 1 MiB and list 1,000 problems per file.
        public init(
            maximumRecordBytes: Int = 1 << 20, maximumProblemsPerFile: Int = 1_000, rejectsPath: String? = nil,
            progress: (@Sendable (ReadProgress) -> Void)? = nil
        ) {
            self.maximumRecordBytes = maximumRecordBytes
            self.maximumProblemsPerFile = maximumProblemsPerFile
            self.rejectsPath = rejectsPath
            self.progress = progress
        }
    }

    /// Where a long read is.
    public struct ReadProgress: Hashable, Sendable {
        /// The file being read.
        public var file: String
        /// The bytes of it read so far.
        public var bytesRead: Int
        /// Its size in bytes, when known.
        public var totalBytes: Int?
    }

    /// How the reader works.
    public var options: Options

    /// Creates a reader.
    public init(options: Options = Options()) { self.options = options }

    /// Reads a dataset directory, or a JSON dataset when `path` names a file.
    ///
    /// Problems of access (a missing directory, an unreadable file) are reported as problems too.
    public func read(from path: String) -> DatasetReadResult {
        let session = ReadSession(options: options)
        read(from: path, into: session)
        return session.finish()
    }

    /// Reads a dataset directory, or a JSON dataset file, straight into the columns the engine evaluates.
    ///
    /// The records are checked, accepted or rejected exactly as ``read(from:)`` does, with
    /// the same problems and accounting, but no `Dataset` of records is built: each row
    /// goes into columns of small integers as it is read, and each id is hashed once. This is
    /// how `compass report` reads large datasets; it takes a fraction of the time and memory.
    ///
    /// - Parameters:
    ///   - path: A directory of CSV files, or a JSON dataset file.
    ///   - programme: The programme the records are checked against (its period and platforms);
    ///     evaluate the result with a catalogue of this programme.
    ///   - keptDays: Keep the assistance and survey records of these days only, such as
    ///     `catalogue.days(evaluating: period)`; every record is checked all the same. `nil`
    ///     keeps every record.
    ///   - attributes: The attributes of migrants to keep, such as `catalogue.migrantAttributes`
    ///     (every record is checked all the same); all of them by default.
    public func prepare(
        from path: String, programme: Programme?, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all
    ) -> PreparedReadResult {
        var store = Store(programme: programme)
        store.keptDays = keptDays
        store.keptAttributes = attributes
        let session = ReadSession(options: options, store: store)
        read(from: path, into: session)
        return session.finishPrepared(programme: programme)
    }

    private func read(from path: String, into session: ReadSession) {
        if isDirectory(path) { return readDirectory(path, into: session) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard FileManager.default.fileExists(atPath: path) else {
            session.problems.append(
                DataProblem(
                    .error, file: path, rule: "missing-file",
                    message: "no such directory or file; give a dataset directory or a .json file"))
            return
        }
        if name.lowercased().hasSuffix(".csv") {
            session.problems.append(
                DataProblem(
                    .error, file: name, rule: "invalid-format",
                    message:
                        "a CSV dataset is a directory: give the directory that holds migrants.csv and the other files"))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            session.problems.append(
                DataProblem(.error, file: name, rule: "unreadable-file", message: "the file cannot be read"))
            return
        }
        session.readJSON([UInt8](data), name: name)
    }

    /// Reads the CSV files of a dataset directory.
    public func readDirectory(_ path: String) -> DatasetReadResult {
        let session = ReadSession(options: options)
        readDirectory(path, into: session)
        return session.finish()
    }

    private func readDirectory(_ path: String, into session: ReadSession) {
        let known = Set(DatasetFile.allCases.map(\.fileName))
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in listing.sorted() where name.lowercased().hasSuffix(".csv") && !known.contains(name) {
            session.problems.append(
                DataProblem(
                    .warning, file: name, rule: "unknown-file",
                    message:
                        "not a file of the dataset format; ignored (the files are \(known.sorted().joined(separator: ", ")))"
                ))
        }
        // The ids of the two largest files are screened for duplicates on the second core, one file
        // ahead of the reader: assistance.csv while migrants.csv is read, then surveys.csv.
        func screen(_ file: DatasetFile) {
            let filePath = URL(fileURLWithPath: path).appendingPathComponent(file.fileName).path
            guard FileManager.default.fileExists(atPath: filePath) else { return }
            session.startScreen(file, path: filePath)
        }
        screen(.assistance)
        // The smaller files that name no migrant are read beside the others, on a thread of their
        // own from the start: with the screen, while migrants.csv is read, both cores are busy.
        let sideOptions = options
        let blank = session.blankStore
        let side = BackgroundWork {
            return SessionBox(Self.readFiles(ReadSession.sideFiles, in: path, options: sideOptions, columns: blank))
        }
        for file in DatasetFile.allCases where !ReadSession.sideFiles.contains(file) {
            if file == .assistance { screen(.surveys) }
            Self.readFile(file, in: path, into: session)
        }
        if let side = side.wait() { session.merge(side.session) }
    }

    /// Reads some files of a dataset directory into a session of their own, keeping its rejects
    /// in memory; with `columns`, an empty store, adds their records to it (see `ReadSession.addOthers(to:)`).
    private static func readFiles(_ files: [DatasetFile], in path: String, options: Options, columns: Store?)
        -> ReadSession
    {
        let session = ReadSession(options: options, rejectsInMemory: true, participantsAsNumbers: columns != nil)
        for file in files { readFile(file, in: path, into: session) }
        if let columns { session.addOthers(to: columns) }
        return session
    }

    private static func readFile(_ file: DatasetFile, in path: String, into session: ReadSession) {
        let filePath = URL(fileURLWithPath: path).appendingPathComponent(file.fileName).path
        guard FileManager.default.fileExists(atPath: filePath) else {
            session.absent(file)
            return
        }
        do {
            let source = try FileSource(path: filePath)
            session.readCSV(file, source: source)
        } catch {
            session.willRead(file)
            session.problems.append(
                DataProblem(.error, file: file.fileName, rule: "unreadable-file", message: error.reason))
            session.accounting.append(FileAccounting(file: file.fileName, isPresent: true))
        }
    }

    /// Reads CSV files given in memory, by file name (`migrants.csv`, …), as if they were a directory.
    public func read(files: [String: [UInt8]]) -> DatasetReadResult {
        let session = ReadSession(options: options)
        read(files: files, into: session)
        return session.finish()
    }

    /// Reads CSV files given in memory straight into columns, like ``prepare(from:programme:keeping:attributes:)``.
    public func prepare(
        files: [String: [UInt8]], programme: Programme?, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all
    ) -> PreparedReadResult {
        var store = Store(programme: programme)
        store.keptDays = keptDays
        store.keptAttributes = attributes
        let session = ReadSession(options: options, store: store)
        read(files: files, into: session)
        return session.finishPrepared(programme: programme)
    }

    private func read(files: [String: [UInt8]], into session: ReadSession) {
        let known = Set(DatasetFile.allCases.map(\.fileName))
        for name in files.keys.sorted() where !known.contains(name) {
            session.problems.append(
                DataProblem(
                    .warning, file: name, rule: "unknown-file", message: "not a file of the dataset format; ignored"))
        }
        for file in [DatasetFile.assistance, .surveys] {
            if let bytes = files[file.fileName] { session.startScreen(file, bytes: bytes) }
        }
        let sideOptions = options
        let blank = session.blankStore
        let side = BackgroundWork { () -> SessionBox in
            let side = ReadSession(options: sideOptions, rejectsInMemory: true, participantsAsNumbers: blank != nil)
            for file in ReadSession.sideFiles { Self.readFile(file, from: files, into: side) }
            if let blank { side.addOthers(to: blank) }
            return SessionBox(side)
        }
        for file in DatasetFile.allCases where !ReadSession.sideFiles.contains(file) {
            Self.readFile(file, from: files, into: session)
        }
        if let side = side.wait() { session.merge(side.session) }
    }

    private static func readFile(_ file: DatasetFile, from files: [String: [UInt8]], into session: ReadSession) {
        guard let bytes = files[file.fileName] else {
            session.absent(file)
            return
        }
        session.readCSV(file, source: MemorySource(bytes))
    }

    /// Reads a JSON dataset from its bytes; `name` is the file name used in problems.
    public func read(json bytes: [UInt8], name: String = "dataset.json") -> DatasetReadResult {
        let session = ReadSession(options: options)
        session.readJSON(bytes, name: name)
        return session.finish()
    }
}

/// What ``DatasetReader/prepare(from:programme:keeping:attributes:)`` read: the prepared dataset, every problem and the accounting.
public struct PreparedReadResult: Sendable {
    /// The records accepted, as columns.
    public var dataset: PreparedDataset
    /// Every problem found, file by file in reading order, then by line.
    public var problems: [DataProblem]
    /// One accounting per file of the format, in reading order.
    public var accounting: [FileAccounting]

    /// Creates a result.
    public init(dataset: PreparedDataset, problems: [DataProblem], accounting: [FileAccounting]) {
        self.dataset = dataset
        self.problems = problems
        self.accounting = accounting
    }

    /// The problems that are errors.
    public var errors: [DataProblem] { problems.filter { $0.severity == .error } }

    /// Whether any problem is an error.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

extension PreparedDataset {
    /// Reads a dataset directory or JSON file straight into columns, strictly: any error fails.
    ///
    /// - Parameters:
    ///   - path: A directory of CSV files, or a JSON dataset file.
    ///   - programme: The programme the records are checked against.
    ///   - keptDays: Keep the assistance and survey records of these days only; `nil` keeps all.
    ///   - attributes: The attributes of migrants to keep; all of them by default.
    /// - Throws: ``DatasetReadError`` listing every problem, when there is at least one error.
    public init(
        contentsOf path: String, programme: Programme?, keeping keptDays: DateRange? = nil,
        attributes: MigrantAttributes = .all
    ) throws(DatasetReadError) {
        let result = DatasetReader().prepare(
            from: path, programme: programme, keeping: keptDays, attributes: attributes)
        guard !result.hasErrors else {
            throw DatasetReadError(problems: result.problems, accounting: result.accounting)
        }
        self = result.dataset
    }
}

extension Dataset {
    /// Reads a dataset directory of CSV files, strictly: any error fails.
    ///
    /// - Parameter path: The directory holding `migrants.csv`, `assistance.csv` and the other files.
    /// - Throws: ``DatasetReadError`` listing every problem, when there is at least one error.
    public init(contentsOfDirectory path: String) throws(DatasetReadError) {
        guard isDirectory(path) else {
            throw DatasetReadError(
                problems: [DataProblem(.error, file: path, rule: "missing-file", message: "no such directory")],
                accounting: [])
        }
        try self.init(strictly: DatasetReader().readDirectory(path))
    }

    /// Reads a dataset directory or JSON file, strictly: any error fails.
    ///
    /// - Parameter path: A directory of CSV files, or a JSON dataset file.
    /// - Throws: ``DatasetReadError`` listing every problem, when there is at least one error.
    public init(contentsOf path: String) throws(DatasetReadError) {
        try self.init(strictly: DatasetReader().read(from: path))
    }

    /// The dataset of a read result, or the error listing its problems when it has errors.
    ///
    /// - Throws: ``DatasetReadError`` when the result has at least one error.
    public init(strictly result: DatasetReadResult) throws(DatasetReadError) {
        guard !result.hasErrors else {
            throw DatasetReadError(problems: result.problems, accounting: result.accounting)
        }
        self = result.dataset
    }
}

/// The state of one read: the dataset built so far, problems, accounting, and what references can be checked against.
final class ReadSession {
    let options: DatasetReader.Options
    // Touched row by row by the file readers, never from two overlapping accesses: the dynamic
    // exclusivity checks are turned off for the properties of the hot path.
    @exclusivity(unchecked) var dataset = Dataset()
    var problems: [DataProblem] = []
    var accounting: [FileAccounting] = []
    let codes = CodeTables()
    @exclusivity(unchecked) var countries: [UInt32: CountryCode] = [:]
    var rejects: FileOutput?
    var rejectsFailed: DataFileError?

    /// The columns being built, when the session prepares a dataset instead of building one of records.
    @exclusivity(unchecked) var store: Store
    /// Whether the session builds `store` instead of a dataset of records.
    let buildsStore: Bool

    // Ids seen, with the line of each, for duplicates and references. When a store is built,
    // the migrants' table is the store's own: one lookup finds the person and checks the reference.
    @exclusivity(unchecked) var migrantIDs = IdTable()
    @exclusivity(unchecked) var migrantLines = LineIndex()
    var migrantsRead = false
    var migrantsEnded = false
    @exclusivity(unchecked) var assistanceIDs = IdTable()
    @exclusivity(unchecked) var assistanceLines: [Int32] = []
    @exclusivity(unchecked) var surveyIDs = IdTable()
    @exclusivity(unchecked) var surveyLines: [Int32] = []
    /// The seed of the fingerprints of the duplicate screens.
    let screenSeed: UInt64 = {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }()
    /// Screens of assistance.csv and surveys.csv, computed on another thread before the file is read.
    var screens: [DatasetFile: BackgroundWork<DuplicateScreen?>] = [:]
    /// The files of assistance.csv and surveys.csv whose first ids are in ascending order: they are
    /// read without a screen made beforehand, their ids compared with the one before as they come.
    var startInOrder: [DatasetFile: ScreenSource] = [:]
    /// The screen of the file being read, when there is one: only its suspects are checked exactly.
    @exclusivity(unchecked) var screen: DuplicateScreen? {
        didSet { screenCheck = screen?.check }
    }
    /// The screen's test, read for every id without retaining the screen.
    @exclusivity(unchecked) private(set) var screenCheck: DuplicateScreen.Check?
    /// Whether the ids of the file being read have each been greater than the one before
    /// (`order`), so that none can repeat and no screen is needed yet.
    @exclusivity(unchecked) private(set) var inOrder = false
    @exclusivity(unchecked) private var order = AscendingIds()
    /// Where the file read in order is, to screen it when an id comes out of order.
    private var orderSource: ScreenSource?
    /// The lines of the rows rejected while the ids were in order: their ids were never checked.
    @exclusivity(unchecked) private var rejectedInOrder: [Int] = []
    @exclusivity(unchecked) var trainingLines: [String: Int] = [:]
    var trainingsRead = false
    /// The trainings of trainings.csv, numbered by their ids' bytes, for participants to find theirs.
    @exclusivity(unchecked) var participantTrainings = IdTable()
    /// The people named by training_participants.csv, numbered by their ids' bytes.
    @exclusivity(unchecked) var participantPeople = IdTable()
    /// Each participation (its training's number and its person's, eight bytes), numbered, and
    /// the line of its first row by number.
    @exclusivity(unchecked) var participations = IdTable()
    @exclusivity(unchecked) var participationLines: [Int] = []
    /// Whether the participants read only go into a store (``addOthers(to:)``): they are then
    /// kept as numbers (``participationNumbers``, with ``participantPeople``), not as records.
    let participantsAsNumbers: Bool
    @exclusivity(unchecked) var participationNumbers: [Store.Participation] = []
    @exclusivity(unchecked) var productLines: [String: Int] = [:]
    var productsRead = false
    @exclusivity(unchecked) var disseminationLines: [String: Int] = [:]
    @exclusivity(unchecked) var engagementLines: [String: Int] = [:]
    @exclusivity(unchecked) var visitLines: [String: Int] = [:]
    @exclusivity(unchecked) var descriptionLines: [String: Int] = [:]
    var descriptionTexts: [Language: String] = [:]

    // The problems listed for the current file and those only counted.
    var listed = 0
    var suppressed = 0

    /// Creates a session; a session reading beside another keeps its rejected rows in memory
    /// (`rejectsInMemory`), for the other to write after its own.
    init(
        options: DatasetReader.Options, store: Store? = nil, rejectsInMemory: Bool = false,
        participantsAsNumbers: Bool = false
    ) {
        self.options = options
        self.participantsAsNumbers = participantsAsNumbers
        self.store = store ?? Store(programme: nil)
        buildsStore = store != nil
        if rejectsInMemory {
            if options.rejectsPath != nil { rejects = FileOutput() }
        } else if let path = options.rejectsPath {
            do {
                let output = try FileOutput(path: path)
                output.append("file,line,rule,message,record\r\n")
                rejects = output
            } catch {
                rejectsFailed = error
            }
        }
    }

    /// Makes room in the id tables for a file of `bytes` bytes and about `records` records
    /// (`CSVScanner.estimatedRecords()`), so that they do not grow row by row.
    func reserve(for file: DatasetFile, bytes: Int, records estimate: Int) {
        let rows = min(estimate, 50_000_000)
        // The record arrays are reserved a little more generously (rows are rarely shorter than 40
        // bytes): capacity never touched costs no memory, while growing copies every record.
        let records = min(bytes / 40, 50_000_000)
        switch file {
        case .migrants:
            if buildsStore {
                store.reserve(migrants: rows, assistance: 0, idBytes: bytes / 4)
            } else {
                migrantIDs.reserveCapacity(rows, bytes: bytes / 4)
                dataset.migrants.reserveCapacity(records)
            }
        case .assistance:
            if screen == nil, !inOrder {
                assistanceIDs.reserveCapacity(rows, bytes: bytes / 4)
                assistanceLines.reserveCapacity(rows)
            }
            if buildsStore {
                store.reserve(migrants: 0, assistance: records, idBytes: 0)
            } else {
                dataset.assistance.reserveCapacity(records)
            }
        case .surveys:
            if screen == nil, !inOrder {
                surveyIDs.reserveCapacity(rows, bytes: bytes / 4)
                surveyLines.reserveCapacity(rows)
            }
            if !buildsStore { dataset.surveys.reserveCapacity(records) }
        case .trainingParticipants:
            participations.reserveCapacity(rows, bytes: rows * 8)
            participationLines.reserveCapacity(rows)
            participantPeople.reserveCapacity(rows, bytes: bytes / 4)
            // Rows of participants are short (about 30 bytes): the estimate from lines is closer.
            if participantsAsNumbers {
                participationNumbers.reserveCapacity(max(records, rows))
            } else {
                dataset.participants.reserveCapacity(max(records, rows))
            }
        default: break
        }
    }

    /// Called before each file of the format, read or absent: the registered migrants end with migrants.csv.
    func willRead(_ file: DatasetFile) {
        guard file != .migrants, !migrantsEnded else { return }
        migrantsEnded = true
        store.endMigrants()
    }

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

    /// The number of migrants registered so far (`migrantLines.count`, kept apart to be read without touching the array).
    @exclusivity(unchecked) var registeredCount = 0

    /// Checks an id of assistance.csv or surveys.csv; returns the line of the first record when it was seen before.
    ///
    /// While the file's ids come in ascending order, an id is only compared with the one before.
    /// At the first that does not, the file is screened (``screenOutOfOrder(_:line:)``); from
    /// then on, only the ids the screen suspects are checked exactly.
    ///
    /// - Parameter keepingOrder: Whether to copy the id, for the next one to be compared with,
    ///   before its memory changes; a caller whose ids stay where they are (a batch's bytes) passes
    ///   `false` and calls ``keepOrder()`` once they are about to change.
    @inline(__always)
    func firstLine(of id: UnsafeBufferPointer<UInt8>, line: Int, in file: DatasetFile, keepingOrder: Bool = true)
        -> Int?
    {
        if inOrder {
            if order.take(id) {
                if keepingOrder { order.keep() }
                return nil
            }
            screenOutOfOrder(file, line: line)
        }
        if let screenCheck, !screenCheck.isSuspect(id) { return nil }
        if file == .assistance {
            let (number, added) = assistanceIDs.insert(id)
            guard added else { return Int(assistanceLines[Int(number)]) }
            assistanceLines.append(Int32(clamping: line))
        } else {
            let (number, added) = surveyIDs.insert(id)
            guard added else { return Int(surveyLines[Int(number)]) }
            surveyLines.append(Int32(clamping: line))
        }
        return nil
    }

    /// Copies the last id checked in order (see ``firstLine(of:line:in:keepingOrder:)``), before
    /// the memory it was read from changes.
    func keepOrder() {
        if inOrder { order.keep() }
    }

    /// Notes a rejected row of the file being read while its ids are in order.
    func noteRejected(line: Int) {
        if inOrder { rejectedInOrder.append(line) }
    }

    /// Screens the file being read, whose id on line `line` is the first out of order, and keeps
    /// exactly, with its line, every id of the rows before it that the screen suspects: those rows
    /// came in ascending order, so only a later row can repeat one of them.
    ///
    /// The rows before `line` that were rejected had their ids never checked, and are left out;
    /// every other row before it was taken, and its id checked.
    private func screenOutOfOrder(_ file: DatasetFile, line: Int) {
        inOrder = false
        let rejected = Set(rejectedInOrder)
        rejectedInOrder = []
        guard let source = orderSource else { return }
        let column = file.columns[0]
        screen = source.screen(
            column: column, seed: screenSeed, maximumRecordBytes: options.maximumRecordBytes, orderFirst: false)
        let check = screenCheck
        _ = source.forEachID(column: column, maximumRecordBytes: options.maximumRecordBytes, before: line) {
            id, idLine in
            if let check, !check.isSuspect(id) { return }
            guard !rejected.contains(idLine) else { return }
            if file == .assistance {
                if assistanceIDs.insert(id).inserted { assistanceLines.append(Int32(clamping: idLine)) }
            } else {
                if surveyIDs.insert(id).inserted { surveyLines.append(Int32(clamping: idLine)) }
            }
        }
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

    func absent(_ file: DatasetFile) {
        willRead(file)
        accounting.append(FileAccounting(file: file.fileName, isPresent: false))
        if file.isRequired {
            problems.append(
                DataProblem(
                    .error, file: file.fileName, rule: "missing-file",
                    message: "the file is required (columns: \(file.columns.joined(separator: ",")))"))
        }
    }

    /// Adds a problem of the current file, or counts it past the limit.
    func report(_ problem: DataProblem) {
        if listed < options.maximumProblemsPerFile {
            problems.append(problem)
            listed += 1
        } else {
            suppressed += 1
        }
    }

    func writeReject(file: String, line: Int, rule: String, message: String, record: UnsafeBufferPointer<UInt8>) {
        guard let rejects else { return }
        CSVText.appendField(file, to: rejects)
        rejects.append(byte: UInt8(ascii: ","))
        rejects.append(String(line))
        rejects.append(byte: UInt8(ascii: ","))
        CSVText.appendField(rule, to: rejects)
        rejects.append(byte: UInt8(ascii: ","))
        CSVText.appendField(message, to: rejects)
        rejects.append(byte: UInt8(ascii: ","))
        CSVText.appendField(record, to: rejects)
        rejects.append("\r\n")
        do { try rejects.flushIfNeeded() } catch { rejectsFailed = error }
    }

    /// The files read beside the others, on another thread: they name no migrant, so they touch
    /// nothing the reading of migrants, assistance and surveys touches.
    static let sideFiles: [DatasetFile] = [
        .trainings, .trainingParticipants, .knowledgeProducts, .disseminations, .engagements, .platformVisits,
        .description,
    ]

    /// The store of this session before anything is read into it, for a side session to add
    /// its records to; `nil` when the session builds no store.
    var blankStore: Store? { buildsStore ? store : nil }

    /// The store a side session built from its records (`addOthers(to:)`), for `merge(_:)`.
    var others: Store?
    /// Whether the records of the smaller files are in `store` already.
    var othersAdded = false

    /// Adds the records read to `columns`, a blank store, into `others`, then lets the records
    /// go: on a side session, this happens on its thread, beside the reading of the large files.
    func addOthers(to columns: Store) {
        // The tables that found duplicates and references while reading go first: the columns
        // are built without them, and both at once made the peak of the whole read higher.
        trainingLines = [:]
        participantTrainings = IdTable()
        participations = IdTable()
        participationLines = []
        productLines = [:]
        disseminationLines = [:]
        engagementLines = [:]
        visitLines = [:]
        var columns = columns
        if participantsAsNumbers {
            // The people of the participations become the store's trainees, numbered as read.
            let people = participantPeople
            participantPeople = IdTable()
            columns.addOthers(dataset, trainees: people, participations: participationNumbers)
            participationNumbers = []
        } else {
            participantPeople = IdTable()
            columns.addOthers(dataset)
        }
        others = columns
        dataset = Dataset()
    }

    /// Takes in what a side session read, as if this session had read those files after its own.
    func merge(_ side: ReadSession) {
        problems += side.problems
        accounting += side.accounting
        if let others = side.others {
            store.takeOthers(from: others)
            othersAdded = true
        }
        dataset.trainings += side.dataset.trainings
        dataset.participants += side.dataset.participants
        dataset.knowledgeProducts += side.dataset.knowledgeProducts
        dataset.disseminations += side.dataset.disseminations
        dataset.engagements += side.dataset.engagements
        dataset.platformVisits += side.dataset.platformVisits
        descriptionTexts.merge(side.descriptionTexts) { first, _ in first }
        if let rejects, let sideRejects = side.rejects {
            rejects.append(sideRejects.buffer)
            do { try rejects.flushIfNeeded() } catch { rejectsFailed = error }
        }
    }

    /// Ends a session that built a store: the smaller files' records go into it, in the order of the format.
    func finishPrepared(programme: Programme?) -> PreparedReadResult {
        let result = finish()
        var columns = buildsStore ? store : Store(programme: programme)
        if !othersAdded { columns.addOthers(result.dataset) }
        if buildsStore {
            // The columns are the store's only copy, and the ids of people (some 24 MiB at a
            // million migrants) are unmapped on another thread while this one ends the preparation.
            store = Store(programme: nil)
            releaseOnAnotherThread(columns.releaseIds())
        }
        return PreparedReadResult(
            dataset: PreparedDataset(store: columns, programme: programme, description: result.dataset.description),
            problems: result.problems, accounting: result.accounting)
    }

    func finish() -> DatasetReadResult {
        if !descriptionTexts.isEmpty { dataset.description = LocalizedText(descriptionTexts) }
        if let rejects, rejectsFailed == nil {
            do { try rejects.commit() } catch { rejectsFailed = error }
        }
        if let failure = rejectsFailed {
            problems.append(
                DataProblem(
                    .error, file: options.rejectsPath ?? failure.path, rule: "unwritable-file",
                    message: "the rejected records cannot be written: \(failure.reason)"))
        }
        return DatasetReadResult(dataset: dataset, problems: problems, accounting: accounting)
    }

    /// Starts screening the ids of assistance.csv or surveys.csv, at `path`, on another thread;
    /// or, when its first ids are in ascending order, lets them be compared as they are read.
    func startScreen(_ file: DatasetFile, path: String) {
        startScreen(file, source: .path(path))
    }

    /// Starts screening the ids of assistance.csv or surveys.csv, given in memory, on another
    /// thread; or, when its first ids are in ascending order, lets them be compared as they are read.
    func startScreen(_ file: DatasetFile, bytes: [UInt8]) {
        startScreen(file, source: .bytes(bytes))
    }

    private func startScreen(_ file: DatasetFile, source: ScreenSource) {
        let column = file.columns[0]
        if source.idsStartInOrder(column: column) {
            startInOrder[file] = source
            return
        }
        let seed = screenSeed
        let limit = options.maximumRecordBytes
        screens[file] = BackgroundWork { source.screen(column: column, seed: seed, maximumRecordBytes: limit) }
    }

    func readCSV<Source: ByteSource>(_ file: DatasetFile, source: Source) {
        willRead(file)
        screen = screens[file]?.wait() ?? nil
        if screen == nil, let source = startInOrder[file] {
            inOrder = true
            order = AscendingIds()
            orderSource = source
        }
        defer {
            screen = nil
            inOrder = false
            orderSource = nil
            rejectedInOrder = []
        }
        listed = 0
        suppressed = 0
        let reader = CSVFileReader(
            file: file, scanner: CSVScanner(source: source, maximumRecordBytes: options.maximumRecordBytes),
            session: self)
        var counts = FileAccounting(file: file.fileName, isPresent: true)
        do {
            try reader.read(&counts)
        } catch {
            report(DataProblem(.error, file: file.fileName, rule: "unreadable-file", message: error.reason))
        }
        if suppressed > 0 {
            problems.append(
                DataProblem(
                    .note, file: file.fileName, rule: "more-problems",
                    message: "\(grouped(suppressed)) more problems in this file are not listed"))
        }
        accounting.append(counts)
        switch file {
        case .migrants: migrantsRead = true
        case .trainings: trainingsRead = true
        case .knowledgeProducts: productsRead = true
        default: break
        }
    }
}

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

    /// Whether a row's `idBytes` bytes of ids, and its record of `recordLength` bytes when the
    /// rejects are written, fit in the batch being filled, whose rows locate their bytes with
    /// 32-bit offsets; a row that does not takes the general path.
    @inline(__always) private func fitsBatch(_ idBytes: Int, recordLength: Int) -> Bool {
        pendingBytes.count + idBytes + (keepsRecords ? recordLength : 0) <= Int(UInt32.max)
    }

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
                session: session, file: file, idColumn: fieldOf[0] + 1, migrantColumn: fieldOf[1] + 1)
            committer = BatchCommitter()
            // The seed of the migrants' id table: the reader hashes the id of a row of migrants.csv,
            // the committer those of the migrants named by assistance.csv and surveys.csv.
            migrantSeed = session.store.migrantHashSeed
        }
        // Whether plain rows can be taken a run at a time: those batched for a committer, and
        // participants kept as numbers.
        let runsPlain =
            usable && (writer != nil || (file == .trainingParticipants && session.participantsAsNumbers))
        let progressStep = 8 << 20
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
    }

    /// Reads the header and maps columns; returns whether rows can be read.
    func readHeader() throws(DataFileError) -> Bool {
        guard try scanner.nextRecord() else {
            fail(
                Rejection(
                    "empty-file",
                    "the file is empty; it needs at least the header row: \(file.columns.joined(separator: ","))"),
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
            if let position = file.columns.firstIndex(of: header) {
                fieldOf[position] = index
            } else {
                warn(
                    Rejection(
                        "unknown-column",
                        "'\(text.1)' is not a column of \(name) and is ignored (the columns are \(file.columns.joined(separator: ", ")))"
                    ), line: line, column: column, field: nil, value: text.1)
            }
        }
        for (position, column) in file.columns.enumerated()
        where fieldOf[position] < 0 && !file.optionalColumns.contains(column) {
            fail(
                Rejection(
                    "missing-column",
                    "the required column '\(column)' is missing (the columns are \(file.columns.joined(separator: ", ")))"
                ),
                line: scanner.recordLine, column: nil, field: nil, value: nil)
            usable = false
        }
        return usable
    }

    // MARK: Values

    /// Parses column `position` of the format; reports and returns `nil` on failure.
    ///
    /// An absent optional column reads as an empty value.
    func value<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T? {
        let index = fieldOf[position]
        // The bytes are used before any other field is read, as `CSVScanner.field(_:)` requires.
        let bytes = index < 0 ? UnsafeBufferPointer(start: nil, count: 0) : scanner.field(index)
        switch parse(bytes) {
        case .success(let value):
            return value
        case .failure(let rejection):
            failValue(position, rejection, value: DataProblem.display(bytes))
            return nil
        }
    }

    /// Parses a column whose value may be empty: `.some(nil)` for empty, `nil` on failure.
    func optionalValue<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T?? {
        let index = fieldOf[position]
        if index < 0 { return .some(nil) }
        if scanner.field(index).isEmpty { return .some(nil) }
        guard let value = value(position, parse) else { return nil }
        return .some(value)
    }

    func failValue(_ position: Int, _ rejection: Rejection, value: String?) {
        let index = max(fieldOf[position], 0)
        fail(
            rejection, line: scanner.line(ofField: index), column: index + 1, field: file.columns[position],
            value: value)
    }

    func warnValue(_ position: Int, _ rejection: Rejection, value: String?) {
        let index = max(fieldOf[position], 0)
        warn(
            rejection, line: scanner.line(ofField: index), column: index + 1, field: file.columns[position],
            value: value)
    }

    var recordLine: Int { scanner.recordLine }

    func withBytes<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let index = fieldOf[position]
        return body(index < 0 ? UnsafeBufferPointer(start: nil, count: 0) : scanner.field(index))
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
    private func decodePlainRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
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
        let trainingField = fieldOf[0], personField = fieldOf[1], sexField = fieldOf[2]
        let organisationField = fieldOf[3]
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

    /// Whether bytes are three capital letters, the form of every country code.
    @inline(__always) private static func isCountryCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 3 && (65...90).contains(bytes[0]) && (65...90).contains(bytes[1]) && (65...90).contains(bytes[2])
    }

    private func plainAssistance() -> Bool? {
        guard
            batchAssistance(
                id: bytes(0), migrant: bytes(1), kind: bytes(2), date: bytes(3), place: bytes(4), line: recordLine,
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
        let id = fieldOf[0], migrant = fieldOf[1], kind = fieldOf[2], date = fieldOf[3], place = fieldOf[4]
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
            let kind = kindCodes.lookup(kindBytes), let day = CalendarDate(isoBytes: date), Self.isCountryCode(place)
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
            id: bytes(0), migrant: bytes(1), service: bytes(2), date: bytes(3), satisfied: bytes(4), line: recordLine,
            record: scanner.rawRecord) ? true : nil
    }

    /// Batches plain rows of surveys.csv from the start of a run of plain records, up to the
    /// first that is not plainly valid; returns how many (see ``plainAssistanceRun(_:)``).
    private func plainSurveyRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let id = fieldOf[0], migrant = fieldOf[1], service = fieldOf[2], date = fieldOf[3], satisfied = fieldOf[4]
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
                id: bytes(0), sex: bytes(1), birthYear: bytes(2), nationality: bytes(3), registered: bytes(4),
                vulnerabilities: bytes(5), line: recordLine, record: scanner.rawRecord)
        else {
            flushPending()
            return nil
        }
        return true
    }

    /// Batches plain rows of migrants.csv from the start of a run of plain records, up to the
    /// first that is not plainly valid; returns how many (see ``plainAssistanceRun(_:)``).
    private func plainMigrantRun(_ run: CSVScanner<Source>.PlainRun) -> Int {
        let id = fieldOf[0], sex = fieldOf[1], year = fieldOf[2], nationality = fieldOf[3]
        let registered = fieldOf[4], vulnerabilities = fieldOf[5]
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
            guard yearBytes.count == 4, let year = Value.unsigned(yearBytes), (1900...2100).contains(year) else {
                return false
            }
            birthYear = year
        }
        guard nationalityBytes.isEmpty || Self.isCountryCode(nationalityBytes) else { return false }
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

extension CSVFileReader: RowDecoding {}

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

/// A plain assistance row decoded and waiting in a batch; its id, migrant id and raw record are
/// in the batch's bytes.
///
/// Its fields are laid out in 32 bytes, two rows to a cache line (the offsets and lengths in 32
/// and 16 bits, ``RowBytes``): the batches go from one core to the other, and their rows are read
/// once by each.
struct PendingAssistance {
    let line: Int
    /// Where its id, migrant id and record are in the batch's bytes.
    let bytes: RowBytes
    let date: CalendarDate
    let kind: AssistanceKind
    let country: (UInt8, UInt8, UInt8)
}

/// Where the id, the migrant id and the raw record of a batched row of assistance.csv or
/// surveys.csv are in its batch's bytes, one after the other, in 12 bytes.
struct RowBytes {
    /// The longest id or migrant id a batched row holds; a row with a longer one takes the general path.
    static let maximumIDLength = Int(UInt16.max)

    private let start: UInt32
    private let rawLength: UInt32
    private let idLength: UInt16
    private let migrantLength: UInt16

    /// Bytes from `start` (the batch's bytes stay shorter than 4 GiB): an id and a migrant id of
    /// at most ``maximumIDLength`` bytes each, then a record of `rawLength` bytes.
    @inline(__always) init(start: Int, idLength: Int, migrantLength: Int, rawLength: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.rawLength = UInt32(truncatingIfNeeded: rawLength)
        self.idLength = UInt16(truncatingIfNeeded: idLength)
        self.migrantLength = UInt16(truncatingIfNeeded: migrantLength)
    }

    @inline(__always) func id(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(start)
        return UnsafeBufferPointer(rebasing: bytes[start..<start + Int(idLength)])
    }

    @inline(__always) func migrant(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let from = Int(start) + Int(idLength)
        return UnsafeBufferPointer(rebasing: bytes[from..<from + Int(migrantLength)])
    }

    func raw(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let rawStart = Int(start) + Int(idLength) + Int(migrantLength)
        return UnsafeBufferPointer(rebasing: bytes[rawStart..<rawStart + Int(rawLength)])
    }
}

/// A plain survey answer decoded and waiting in a batch; its id, migrant id and raw record are
/// in the batch's bytes.
struct PendingSurvey {
    let line: Int
    let bytes: RowBytes
    let date: CalendarDate
    let service: SurveyService
    let satisfied: Bool
}

extension Rejection {
    /// An id already seen on line `first`.
    static func duplicate(_ what: String, _ shown: String, first: Int) -> Rejection {
        Rejection("duplicate-id", "\(what) '\(shown)' already appears on line \(first); this row is rejected")
    }

    /// A migrant id that is not in migrants.csv.
    static func unregistered(_ shown: String) -> Rejection {
        Rejection(
            "unknown-migrant",
            "'\(shown)' is not in migrants.csv; the record is kept and counted with unknown sex, age and nationality")
    }
}

/// A plain migrant row decoded and waiting in a batch; its id and raw record are in the batch's bytes.
///
/// Laid out in 32 bytes, as ``PendingAssistance`` is.
struct PendingMigrant {
    let line: Int
    private let start: UInt32
    private let rawLength: UInt32
    let registered: CalendarDate?
    /// The birth year, or 0 when it is not given.
    private let year: Int16
    private let idLength: UInt16
    let sex: Sex
    let vulnerabilities: UInt8
    /// The letters of the nationality; the first is 0 when it is not given.
    private let country: (UInt8, UInt8, UInt8)
    /// The hash of the id in the store's id table of migrants.
    let idHash: UInt64

    /// A row whose id (at most ``RowBytes/maximumIDLength`` bytes) and raw record
    /// (`rawLength` bytes) follow one another from `start` in its batch's bytes, which stay
    /// shorter than 4 GiB; `birthYear` is from 1900 to 2100, and the nationality three capital letters.
    @inline(__always) init(
        line: Int, sex: Sex, birthYear: Int?, nationality: (UInt8, UInt8, UInt8)?, registered: CalendarDate?,
        vulnerabilities: UInt8, start: Int, idLength: Int, rawLength: Int, idHash: UInt64
    ) {
        self.line = line
        self.idHash = idHash
        self.start = UInt32(truncatingIfNeeded: start)
        self.rawLength = UInt32(truncatingIfNeeded: rawLength)
        self.registered = registered
        year = Int16(truncatingIfNeeded: birthYear ?? 0)
        self.idLength = UInt16(truncatingIfNeeded: idLength)
        self.sex = sex
        self.vulnerabilities = vulnerabilities
        country = nationality ?? (0, 0, 0)
    }

    var birthYear: Int? { year == 0 ? nil : Int(year) }
    var nationality: (UInt8, UInt8, UInt8)? { country.0 == 0 ? nil : country }

    @inline(__always) func id(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(start)
        return UnsafeBufferPointer(rebasing: bytes[start..<start + Int(idLength)])
    }

    func raw(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let rawStart = Int(start) + Int(idLength)
        return UnsafeBufferPointer(rebasing: bytes[rawStart..<rawStart + Int(rawLength)])
    }
}

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
                .warning, file: name, line: line, column: migrantColumn, field: file.columns[1], value: shown,
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
            field: file.columns[0], raw: raw)
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

/// Plain rows of one file decoded by the reader and waiting to be committed to the store, in file order.
final class PendingBatch {
    @exclusivity(unchecked) var assistance = BatchRows<PendingAssistance>()
    @exclusivity(unchecked) var migrants = BatchRows<PendingMigrant>()
    @exclusivity(unchecked) var surveys = BatchRows<PendingSurvey>()
    /// The ids, migrant ids and (when the rejects are written) records of the rows.
    @exclusivity(unchecked) var bytes = BatchBytes()

    func removeAll() {
        assistance.removeAll()
        migrants.removeAll()
        surveys.removeAll()
        bytes.removeAll()
    }
}

/// The bytes of a batch's rows (ids, migrant ids, records): one buffer that only grows, filled
/// by the reader a few bytes at a time and read by the committer.
///
/// An array's `append(contentsOf:)` was a call, with its checks, for each id of each row (a
/// twentieth of the reader's time); an id of 8 to 16 bytes is copied here as two words.
///
/// A value that is never copied, so that its one owner (the reader, or a batch, which swap them)
/// frees it; a class would cost a retain and a release at each append.
struct BatchBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes appended since the buffer was last emptied.
    private(set) var count = 0

    init() {
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Appends bytes.
    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        guard length > 0, let source = bytes.baseAddress else { return }
        if count + length > capacity { grow(to: count + length) }
        let target = UnsafeMutableRawPointer(base + count)
        if length >= 8, length <= 16 {
            // Two words, overlapping when the length is below 16.
            let raw = UnsafeRawPointer(source)
            let head = raw.loadUnaligned(as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
        count += length
    }

    /// Makes room for at least `needed` bytes, keeping those appended.
    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes appended; they are valid only inside `body`.
    @inline(__always) func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }
}

/// The rows of a batch, in order: a buffer that only grows, filled by the reader one row at a
/// time and read by the committer.
///
/// An array checked that its storage was not shared at each append (a call through the dynamic
/// linker's table); like ``BatchBytes``, this value is never copied, so it needs no such check.
struct BatchRows<Row>: ~Copyable {
    private var base: UnsafeMutablePointer<Row>
    private var capacity: Int
    /// The number of rows appended since the buffer was last emptied.
    private(set) var count = 0

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Appends a row.
    @inline(__always) mutating func append(_ row: Row) {
        if count == capacity { grow() }
        (base + count).initialize(to: row)
        count += 1
    }

    /// Doubles the room, keeping the rows appended.
    private mutating func grow() {
        let moved = UnsafeMutablePointer<Row>.allocate(capacity: capacity * 2)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity *= 2
    }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Calls `body` with the rows appended; they are valid only inside `body`.
    @inline(__always) func withRows<R>(_ body: (UnsafeBufferPointer<Row>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }
}

/// A session handed from the thread that filled it to the one that merges it.
///
/// The session is only touched by the worker thread until ``BackgroundWork/wait()`` returns,
/// and only by the waiting thread after: the semaphore orders the two.
final class SessionBox: @unchecked Sendable {
    let session: ReadSession
    init(_ session: ReadSession) { self.session = session }
}

/// Where a screened file is, to read it through the screen's functions: a path, or bytes in memory.
enum ScreenSource: Sendable {
    case path(String)
    case bytes([UInt8])

    /// ``DuplicateScreen/idsStartInOrder(opening:column:)`` of the file.
    func idsStartInOrder(column: String) -> Bool {
        switch self {
        case .path(let path):
            DuplicateScreen.idsStartInOrder(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column)
        case .bytes(let bytes):
            DuplicateScreen.idsStartInOrder(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column)
        }
    }

    /// The file's screen (``DuplicateScreen/screen(opening:column:seed:maximumRecordBytes:orderFirst:)``).
    func screen(column: String, seed: UInt64, maximumRecordBytes: Int, orderFirst: Bool = true) -> DuplicateScreen? {
        switch self {
        case .path(let path):
            DuplicateScreen.screen(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column, seed: seed,
                maximumRecordBytes: maximumRecordBytes, orderFirst: orderFirst)
        case .bytes(let bytes):
            DuplicateScreen.screen(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column, seed: seed,
                maximumRecordBytes: maximumRecordBytes, orderFirst: orderFirst)
        }
    }

    /// ``DuplicateScreen/forEachID(opening:column:maximumRecordBytes:before:_:)`` of the file.
    func forEachID(
        column: String, maximumRecordBytes: Int, before line: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) -> Bool {
        switch self {
        case .path(let path):
            DuplicateScreen.forEachID(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column,
                maximumRecordBytes: maximumRecordBytes, before: line, body)
        case .bytes(let bytes):
            DuplicateScreen.forEachID(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column,
                maximumRecordBytes: maximumRecordBytes, before: line, body)
        }
    }
}
