/// The line of each record numbered in order, kept in a few bytes per file rather than 4 per record.
///
/// Records are numbered as they are read, so lines grow with numbers, and in a file of one
/// line per record `line - number` stays the same from one record to the next. Only the
/// numbers where that difference changes (after a rejected row, a blank line or a record over
/// several lines) are stored, with the new difference.
struct LineIndex {
    /// The numbers where `line - number` changes, in increasing order, and the difference from each on.
    private var starts: [Int] = []
    private var differences: [Int] = []
    /// How many lines were appended.
    private(set) var count = 0

    /// Appends the line of the next number; lines must not decrease.
    mutating func append(_ line: Int) {
        let difference = line - count
        if differences.last != difference {
            starts.append(count)
            differences.append(difference)
        }
        count += 1
    }

    /// The line of a number below `count`.
    func line(of number: Int) -> Int {
        // The last start at or before the number.
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= number { low = middle } else { high = middle }
        }
        return number + differences[low]
    }
}
