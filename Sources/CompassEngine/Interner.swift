/// Dense integer numbers for strings, assigned in order of first appearance.
struct Interner {
    private(set) var values: [String] = []
    private var index: [String: Int32] = [:]

    var count: Int { values.count }

    /// The number of `value`, assigning the next one when it is new.
    ///
    /// One hash per call: the next number is stored as the default and kept when the value was new.
    mutating func intern(_ value: String) -> Int32 {
        let next = Int32(values.count)
        let number = Interner.read(&index[value, default: next])
        if number == next { values.append(value) }
        return number
    }

    private static func read(_ slot: inout Int32) -> Int32 { slot }

    /// The number of `value`, if it has one.
    func number(of value: String) -> Int32? { index[value] }

    /// Makes room for `count` values in all, so that the table does not grow value by value.
    mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
        index.reserveCapacity(count)
    }
}
