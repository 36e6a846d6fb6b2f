import CompassCore
import CompassEngine

extension CSVFileReader: RowDecoding {
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
}
