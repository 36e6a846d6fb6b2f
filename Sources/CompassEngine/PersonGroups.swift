/// The rows of a source in a period grouped by person: person `people[i]` has the rows
/// `rows[bounds[i]..<bounds[i + 1]]`, in increasing order.
struct PersonGroups {
    /// The people who have rows, in increasing order.
    let people: [Int32]
    let bounds: [Int32]
    let rows: [Int32]

    /// Calls `body` with each person who has rows, the range of the person's rows in `rows`, and `rows`.
    @inline(__always)
    func forEachPerson(_ body: (Int, Range<Int>, UnsafeBufferPointer<Int32>) -> Void) {
        rows.withUnsafeBufferPointer { rows in
            bounds.withUnsafeBufferPointer { bounds in
                people.withUnsafeBufferPointer { people in
                    for group in 0..<people.count {
                        body(Int(people[group]), Int(bounds[group])..<Int(bounds[group + 1]), rows)
                    }
                }
            }
        }
    }
}
