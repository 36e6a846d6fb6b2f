/// Counts distinct people per category (or pair of categories), fed the rows of one person after another.
///
/// A cell remembers the last person counted in it, so a person with several rows in
/// a category counts once, without a set of people per cell. The cells are flat
/// arrays: category -1 at position 0, category *c* at *c* + 1.
struct CellCounter {
    /// Per axis, the readers of its categories: one for a breakdown, two for a crossed pair.
    private let readers: [[(Int) -> Categories]]
    /// Per axis, the number of positions of each side.
    private let widths: [[Int]]
    private var counts: [[Int]]
    private var lastPerson: [[Int32]]

    init(axes: [[(Int) -> Categories]], sizes: [[Int]]) {
        readers = axes
        widths = sizes.map { $0.map { $0 + 1 } }
        let cellCounts = widths.map { $0.reduce(1, *) }
        counts = cellCounts.map { Array(repeating: 0, count: $0) }
        lastPerson = cellCounts.map { Array(repeating: -1, count: $0) }
    }

    var isEmpty: Bool { readers.isEmpty }

    /// Counts `person` in every cell of `row` it is not yet counted in.
    @inline(__always) mutating func count(row: Int, person: Int) {
        let stamp = Int32(truncatingIfNeeded: person)
        for axis in readers.indices {
            let sides = readers[axis]
            if sides.count == 1 {
                for category in sides[0](row) { mark(axis, Int(category) + 1, stamp) }
            } else {
                let width = widths[axis][1]
                for first in sides[0](row) {
                    for second in sides[1](row) where Int(second) + 1 < width {
                        mark(axis, (Int(first) + 1) * width + Int(second) + 1, stamp)
                    }
                }
            }
        }
    }

    @inline(__always) private mutating func mark(_ axis: Int, _ cell: Int, _ stamp: Int32) {
        guard cell >= 0, cell < counts[axis].count, lastPerson[axis][cell] != stamp else { return }
        lastPerson[axis][cell] = stamp
        counts[axis][cell] += 1
    }

    /// The counts of a breakdown axis, by category number.
    func singleCells(_ axis: Int) -> [Int32: Int] {
        var cells: [Int32: Int] = [:]
        for (cell, count) in counts[axis].enumerated() where count > 0 { cells[Int32(cell - 1)] = count }
        return cells
    }

    /// The counts of a crossed axis, by pair of category numbers (first in the high half).
    func pairCells(_ axis: Int) -> [Int64: Int] {
        let width = widths[axis][1]
        var cells: [Int64: Int] = [:]
        for (cell, count) in counts[axis].enumerated() where count > 0 {
            let first = Int64(cell / width - 1)
            let second = Int32(cell % width - 1)
            cells[first << 32 | Int64(UInt32(bitPattern: second))] = count
        }
        return cells
    }
}
