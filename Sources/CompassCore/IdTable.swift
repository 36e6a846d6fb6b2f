/// Identifiers numbered densely in order of first appearance, looked up by their UTF-8 bytes.
///
/// The hot path of reading a dataset: every assistance row names a migrant, and
/// finding that migrant's number must not make a `String`. The table keeps the
/// bytes of each id once, in one growing arena, and finds them with open addressing
/// over one array of 64-bit slots (a 32-bit tag of the hash beside the number), so
/// that most probes touch a single cache line and compare bytes only on a tag match.
///
/// The hash is seeded per table from the system's random source: ids written to
/// collide cannot make the reader slow, and nothing visible depends on the seed
/// (numbers follow the order of first appearance).
package struct IdTable: Sendable {
    /// Zero for an empty slot, else the hash's high 32 bits and the number plus one.
    private var slots: [UInt64]
    private var mask: Int
    /// The bytes of every id, one after the other.
    private var arena: [UInt8] = []
    /// Where each id ends in the arena; it starts where the previous one ends.
    private var ends: [Int] = []
    private let seed: UInt64

    /// The number of ids.
    package var count: Int { ends.count }

    /// Creates an empty table with room for `capacity` ids before it grows.
    package init(capacity: Int = 0) {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
        let size = IdTable.slotCount(for: capacity)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        ends.reserveCapacity(capacity)
    }

    /// A power of two at least twice `capacity`: linear probing stays short below half full.
    private static func slotCount(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    /// Makes room for `capacity` ids in all, and about `bytes` bytes of them.
    package mutating func reserveCapacity(_ capacity: Int, bytes: Int = 0) {
        ends.reserveCapacity(capacity)
        arena.reserveCapacity(bytes)
        if IdTable.slotCount(for: capacity) > slots.count { rehash(slotCount: IdTable.slotCount(for: capacity)) }
    }

    // MARK: Hashing

    @inline(__always) private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time, each word folded in with a 128-bit multiply.
    @inline(__always) package static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return mix(state, 0xA076_1D64_78BD_642F) }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            state = mix(state ^ word, 0xE703_7ED1_A0B4_28DB)
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        return mix(mix(state ^ tail, 0x8EBC_6AF0_9C88_C6E3) ^ seed, 0x5899_65CC_7537_4CC3)
    }

    // MARK: Finding and adding

    /// The number of `bytes`, assigning the next one when the id is new.
    @inline(__always)
    package mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (number: Int32, inserted: Bool) {
        let hash = IdTable.hash(bytes, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { break }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int(slot & 0xFFFF_FFFF) - 1
                if equals(number, bytes) { return (Int32(number), false) }
            }
            index = (index + 1) & mask
        }
        let number = ends.count
        slots[index] = tag | UInt64(number + 1)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        if ends.count * 2 > slots.count { rehash(slotCount: slots.count * 2) }
        return (Int32(number), true)
    }

    /// The number of `bytes`, if the id is in the table.
    @inline(__always)
    package func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = IdTable.hash(bytes, seed: seed)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int(slot & 0xFFFF_FFFF) - 1
                if equals(number, bytes) { return Int32(number) }
            }
            index = (index + 1) & mask
        }
    }

    /// The number of a `String` id, if it is in the table.
    package func number(of id: String) -> Int32? {
        var text = id
        return text.withUTF8 { number(of: $0) }
    }

    /// The number of a `String` id, assigning the next one when it is new.
    package mutating func insert(_ id: String) -> (number: Int32, inserted: Bool) {
        var text = id
        return text.withUTF8 { insert($0) }
    }

    @inline(__always) private func equals(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        let end = ends[number]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            guard let storedBase = stored.baseAddress, let base = bytes.baseAddress else { return true }
            var index = 0
            let raw = UnsafeRawPointer(storedBase + start)
            let other = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != other.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                {
                    return false
                }
                index += 8
            }
            while index < bytes.count {
                if stored[start + index] != base[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func rehash(slotCount: Int) {
        var fresh = [UInt64](repeating: 0, count: slotCount)
        let newMask = slotCount - 1
        arena.withUnsafeBufferPointer { stored in
            var start = 0
            for number in 0..<ends.count {
                let end = ends[number]
                let hash = IdTable.hash(UnsafeBufferPointer(rebasing: stored[start..<end]), seed: seed)
                var index = Int(truncatingIfNeeded: hash) & newMask
                while fresh[index] != 0 { index = (index + 1) & newMask }
                fresh[index] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
                start = end
            }
        }
        slots = fresh
        mask = newMask
    }

    // MARK: Reading back

    /// The id of a number, as text (an id is valid UTF-8).
    package func string(_ number: Int32) -> String {
        let index = Int(number)
        let start = index == 0 ? 0 : ends[index - 1]
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), as: UTF8.self)
        }
    }
}
