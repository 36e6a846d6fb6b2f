extension Array where Element == Int {
    /// Lexicographic order.
    static func < (lhs: [Int], rhs: [Int]) -> Bool { lhs.lexicographicallyPrecedes(rhs) }
}

/// Where the cells of each axis (a breakdown, or a crossed pair) live in one flat array of counts.
///
/// A category number `c` (from -1, unknown or none) is cell `c + 1`; a pair `(a, b)` is cell
/// `(a + 1) × (width of b) + b + 1`.
struct CellLayout {
    /// Per axis, the width of each dimension (its category count plus one for -1).
    let widths: [[Int]]
    /// Per axis, its number of cells and where they start.
    let cellCounts: [Int]
    let offsets: [Int]
    let cellTotal: Int

    init(sizes: [[Int]]) {
        widths = sizes.map { $0.map { $0 + 1 } }
        cellCounts = widths.map { $0.reduce(1, *) }
        var start = 0
        var starts: [Int] = []
        for count in cellCounts {
            starts.append(start)
            start += count
        }
        offsets = starts
        cellTotal = start
    }

    /// The slot in the flat array of a row's categories on `axis` (`Int32.min` for none), or -1 when the row has no cell there.
    @inline(__always) func slot(_ axis: Int, first: Int32, second: Int32?) -> Int32 {
        guard first != Int32.min else { return -1 }
        var cell = Int(first) + 1
        if let second {
            let width = widths[axis][1]
            guard second != Int32.min, Int(second) + 1 < width else { return -1 }
            cell = cell * width + Int(second) + 1
        }
        guard cell >= 0, cell < cellCounts[axis] else { return -1 }
        return Int32(offsets[axis] + cell)
    }

    /// The counts of a breakdown axis, by category number.
    func singleCells(_ axis: Int, _ counts: [Int32]) -> [Int32: Int] {
        var cells: [Int32: Int] = [:]
        for cell in 0..<cellCounts[axis] where counts[offsets[axis] + cell] > 0 {
            cells[Int32(cell - 1)] = Int(counts[offsets[axis] + cell])
        }
        return cells
    }

    /// The counts of a crossed axis, by pair of category numbers (first in the high half).
    func pairCells(_ axis: Int, _ counts: [Int32]) -> [Int64: Int] {
        let width = widths[axis][1]
        var cells: [Int64: Int] = [:]
        for cell in 0..<cellCounts[axis] where counts[offsets[axis] + cell] > 0 {
            let first = Int64(cell / width - 1)
            let second = Int32(cell % width - 1)
            cells[first << 32 | Int64(UInt32(bitPattern: second))] = Int(counts[offsets[axis] + cell])
        }
        return cells
    }
}
