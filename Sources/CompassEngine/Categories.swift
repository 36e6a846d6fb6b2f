/// The categories of one row or person, without allocating: none, one category number, or the
/// members of a bit mask (vulnerability ordinals), in increasing order.
struct Categories: Sequence, IteratorProtocol {
    private var single: Int32?
    private var mask: UInt8

    /// No category.
    init() {
        single = nil
        mask = 0
    }

    /// One category number.
    init(one category: Int32) {
        single = category
        mask = 0
    }

    /// The ordinals of the bits set in `mask`.
    init(members mask: UInt8) {
        single = nil
        self.mask = mask
    }

    mutating func next() -> Int32? {
        if let category = single {
            single = nil
            return category
        }
        guard mask != 0 else { return nil }
        let bit = mask.trailingZeroBitCount
        mask &= mask - 1
        return Int32(bit)
    }
}
