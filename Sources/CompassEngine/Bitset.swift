/// A set of small non-negative integers, one bit each.
struct Bitset {
    private(set) var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    init(words: [UInt64]) { self.words = words }

    @inline(__always) mutating func insert(_ member: Int) {
        words[member >> 6] |= 1 << UInt64(member & 63)
    }

    @inline(__always) func contains(_ member: Int) -> Bool {
        words[member >> 6] & (1 << UInt64(member & 63)) != 0
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Adds the members of `other`.
    mutating func formUnion(_ other: Bitset) {
        for index in words.indices where index < other.words.count { words[index] |= other.words[index] }
    }

    /// Adds the members common to `a` and `b`.
    mutating func formUnion(_ a: Bitset, intersecting b: Bitset) {
        for index in words.indices where index < a.words.count && index < b.words.count {
            words[index] |= a.words[index] & b.words[index]
        }
    }

    /// Calls `body` with every member, in increasing order.
    func forEach(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(wordIndex << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }
}
