public import CompassCore
public import CompassEngine

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DatasetReader {
    /// Reads a dataset directory, or a JSON dataset file, straight into the columns the engine evaluates.
    ///
    /// The records are checked, accepted or rejected exactly as ``read(from:)`` does, with
    /// the same problems and accounting, but no `Dataset` of records is built: each row
    /// goes into columns of small integers as it is read, and each id is hashed once. This is
    /// how `compass report` reads large datasets; it takes a fraction of the time and memory.
    ///
    /// The findings of the prepared dataset that name a record read from a CSV file carry its
    /// `Finding.location`, `file:line`: when there are any, the files they name are read
    /// again to find their lines.
    ///
    /// - Parameters:
    ///   - path: A directory of CSV files, or a JSON dataset file.
    ///   - programme: The programme the records are checked against (its period and platforms);
    ///     evaluate the result with a catalogue of this programme.
    ///   - keptDays: Keep the assistance and survey records of these days only, such as
    ///     `catalogue.resolve(period)?.readDays`; every record is checked all the same. `nil`
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
        var result = session.finishPrepared(programme: programme)
        if isDirectory(path) {
            result.locateFindings(maximumRecordBytes: options.maximumRecordBytes) { file in
                try? FileSource(path: URL(fileURLWithPath: path).appendingPathComponent(file.fileName).path)
            }
        }
        return result
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
        var result = session.finishPrepared(programme: programme)
        result.locateFindings(maximumRecordBytes: options.maximumRecordBytes) { file in
            files[file.fileName].map(MemorySource.init)
        }
        return result
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

    /// The problems that leave no dataset to compute from (``DataProblem/leavesNoDataset``):
    /// a lenient reader refuses these too.
    public var unusable: [DataProblem] { problems.filter(\.leavesNoDataset) }
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
