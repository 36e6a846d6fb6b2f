import CompassCore
import CompassEngine

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
        /// Called now and then during long reads, for a progress line: about every mebibyte of a
        /// CSV file, and once when the file is read, with `bytesRead == totalBytes`. `bytesRead`
        /// never decreases within a file. Called on the reading thread: keep it short.
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

        /// Creates a progress value, for testing a progress display.
        public init(file: String, bytesRead: Int, totalBytes: Int?) {
            self.file = file
            self.bytesRead = bytesRead
            self.totalBytes = totalBytes
        }
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

    func read(from path: String, into session: ReadSession) {
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
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(path, limit: .max)
        } catch {
            session.problems.append(
                DataProblem(
                    .error, file: name, rule: "unreadable-file", message: "the file cannot be read: \(error.reason)"))
            return
        }
        session.readJSON(bytes, name: name)
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

    func read(files: [String: [UInt8]], into session: ReadSession) {
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
