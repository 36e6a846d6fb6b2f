import CompassCore
import CompassEngine

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
    @exclusivity(unchecked) var inOrder = false
    @exclusivity(unchecked) var order = AscendingIds()
    /// Where the file read in order is, to screen it when an id comes out of order.
    var orderSource: ScreenSource?
    /// The lines of the rows rejected while the ids were in order: their ids were never checked.
    @exclusivity(unchecked) var rejectedInOrder: [Int] = []
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

    /// The number of migrants registered so far (`migrantLines.count`, kept apart to be read without touching the array).
    @exclusivity(unchecked) var registeredCount = 0

    /// The store a side session built from its records (`addOthers(to:)`), for `merge(_:)`.
    var others: Store?
    /// Whether the records of the smaller files are in `store` already.
    var othersAdded = false

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
