public import CompassCore
import CompassEngine

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
