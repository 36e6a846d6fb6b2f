import CompassCore

/// Identifiers numbered densely in order of first appearance, looked up by their UTF-8 bytes.
///
/// The hot path of reading a dataset: every assistance row names a migrant, and
/// finding that migrant's number must not make a `String`. The table keeps each
/// id once in an arena, as an entry of its number (4 bytes), its length (1 byte, or
/// 5 from 255 bytes on) and its bytes, one after the other in order of number, and
/// finds entries with open addressing over one array of 64-bit slots (a 24-bit
/// tag of the hash beside the entry's offset). A lookup touches one slot, then,
/// on a tag match, one entry that holds everything needed to confirm it and to
/// answer: on large tables each is a cache miss, so there are two, not more.
///
/// `probe(_:)` computes the hash and reads the first slot ahead of the lookup:
/// a reader can start it as soon as it has the id's bytes and decode the rest of
/// the row while the slot comes from memory.
///
/// The hash is seeded per table from the system's random source: ids written to
/// collide cannot make the reader slow, and nothing visible depends on the seed
/// (numbers follow the order of first appearance).
package struct IdTable: Sendable {
    /// Zero for an empty slot, else the hash's high 24 bits and the entry's offset plus one.
    private var slots: [UInt64]
    /// The number of slots (any number, not only a power of two: at 5 M ids that halves the table).
    private var size: Int
    /// The entries: number (4 bytes), length (1 byte below 255, else 255 then 4 bytes), then the id's
    /// bytes; then zeros, room for the entries to come (`arenaUsed` bytes are entries).
    private var arena: [UInt8] = []
    /// The bytes of the arena that hold entries. The array is longer by up to a step of zeros (at
    /// most 64 KiB), so that an entry is written in place: `append(contentsOf:)` cost about 90
    /// instructions an id.
    private var arenaUsed = 0
    /// Where the entry of every `blockSize`-th number starts in the arena; the others are found
    /// from there by their lengths, which keeps the table a few bytes per id smaller.
    private var blockStarts: [Int] = []
    private static let blockSize = 16
    /// The number of ids.
    package private(set) var count = 0
    /// The finger: the number of the last id found or added by `insert(_:probe:)`, and where its
    /// entry starts in the arena; -1 before any.
    private var fingerNumber: Int32 = -1
    private var fingerOffset = -1
    private let seed: UInt64

    private static let tagMask: UInt64 = 0xFFFF_FF00_0000_0000

    /// Creates an empty table with room for `capacity` ids before it grows.
    package init(capacity: Int = 0) {
        var generator = SystemRandomNumberGenerator()
        seed = generator.next()
        let size = IdTable.slotCount(for: capacity)
        slots = Array(repeating: 0, count: size)
        self.size = size
    }

    /// A third more than `capacity`: the table is three quarters full at `capacity` ids, and grows
    /// past 85 % (the tags keep the longer runs of linear probing within one or two cache lines).
    private static func slotCount(for capacity: Int) -> Int { max(16, capacity + capacity / 3) }

    /// The first slot of a hash in a table of `size` slots: its low 32 bits scaled to the size
    /// (a multiply and a shift, not a division). The tag is the high bits, independent of it.
    @inline(__always) private static func home(_ hash: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: ((hash & 0xFFFF_FFFF) &* UInt64(truncatingIfNeeded: size)) >> 32)
    }

    /// Makes room for `capacity` ids in all, and about `bytes` bytes of them.
    package mutating func reserveCapacity(_ capacity: Int, bytes: Int = 0) {
        blockStarts.reserveCapacity(capacity / IdTable.blockSize + 1)
        arena.reserveCapacity(bytes + capacity * 5)
        if IdTable.slotCount(for: capacity) > slots.count { rehash(slotCount: IdTable.slotCount(for: capacity)) }
    }

    // MARK: Hashing

    @inlinable @inline(__always) static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time, each word folded in with a 128-bit multiply.
    ///
    /// Inlinable, so that readers in other modules hash without an opaque call (around which the
    /// objects they hold were retained and released).
    ///
    /// An id of 4 to 16 bytes, the usual length, is read as two words that overlap when it is
    /// shorter than 16 (8 bytes from each end, or 4 under 8 bytes), which with its length name
    /// its bytes exactly, and folded with two multiplies.
    @inlinable @inline(__always) package static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return mix(state, 0xA076_1D64_78BD_642F) }
        let raw = UnsafeRawPointer(base)
        if count >= 4, count <= 16 {
            let first: UInt64
            let last: UInt64
            if count >= 8 {
                first = raw.loadUnaligned(as: UInt64.self)
                last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                first = UInt64(raw.loadUnaligned(as: UInt32.self))
                last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            }
            // Both factors hold the seed, so that no id can be chosen to make the first product zero.
            let folded = mix(first ^ seed ^ 0xE703_7ED1_A0B4_28DB, last ^ state)
            return mix(folded ^ 0x8EBC_6AF0_9C88_C6E3, seed ^ 0x5899_65CC_7537_4CC3)
        }
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

    /// The start of a lookup: an id's hash and the content of its first slot, read early; or the
    /// id's number and entry, when `probe(_:into:)` found it (next to the finger, or at its
    /// first slot).
    ///
    /// A probe stays valid while other ids are added: a filled slot never changes (until the
    /// table grows, which the probe notices), an empty one is read again, and entries never move.
    package struct Probe {
        let hash: UInt64
        /// The first slot's content when it was read; for a probe that found its id, the offset of
        /// the id's entry plus one.
        let firstSlot: UInt64
        /// The number of slots when the slot was read.
        let size: Int32
        /// The id's number when the probe found it, else -1.
        let found: Int32

        @inline(__always) init(hash: UInt64, firstSlot: UInt64, size: Int) {
            self.hash = hash
            self.firstSlot = firstSlot
            self.size = Int32(truncatingIfNeeded: size)
            found = -1
        }

        @inline(__always) init(found number: Int32, entry: Int) {
            hash = 0
            firstSlot = UInt64(truncatingIfNeeded: entry + 1)
            size = 0
            found = number
        }
    }

    /// Hashes an id and reads its first slot, so that the slot is on its way from memory
    /// while the caller does other work before `insert(_:probe:)`.
    @inline(__always) package func probe(_ bytes: UnsafeBufferPointer<UInt8>) -> Probe {
        let hash = IdTable.hash(bytes, seed: seed)
        return Probe(hash: hash, firstSlot: slots[IdTable.home(hash, size)], size: size)
    }

    /// Probes many ids at once, from their hashes (`hash(_:seed:)` with `hashSeed`): their
    /// first slots are read in one tight loop, so that their cache misses overlap instead of
    /// coming one after the other.
    ///
    /// - Parameters:
    ///   - count: The number of ids.
    ///   - hashes: The hash of the id at an index.
    ///   - probes: Room for `count` probes, written in order.
    package func probe(_ count: Int, hashes: (Int) -> UInt64, into probes: UnsafeMutablePointer<Probe>) {
        for index in 0..<count { (probes + index).initialize(to: Probe(hash: hashes(index), firstSlot: 0, size: size)) }
        // Nothing else in this loop, so that as many misses as the processor allows are under way at once.
        slots.withUnsafeBufferPointer { slots in
            for index in 0..<count {
                let hash = probes[index].hash
                probes[index] = Probe(hash: hash, firstSlot: slots[IdTable.home(hash, size)], size: size)
            }
        }
    }

    /// Probes many ids at once, finding those that come in the order of the table's numbers
    /// without hashing them; the others are hashed and their first slots read in one tight loop,
    /// as `probe(_:hashes:into:)` does, then the entries those slots point to compared in
    /// another, so that the second cache miss of each lookup overlaps the others' too.
    ///
    /// Rows that name ids often follow the order in which the ids were numbered: assistance
    /// exported migrant by migrant, in the order of migrants.csv. The table keeps a finger on the
    /// entry of the last id it found or added (`insert(_:probe:)` moves it); an id equal to that
    /// entry's, or to one of the few entries after it, is found by comparing bytes where the
    /// entries lie one after the other in the arena, which costs no hash and no cache miss. After
    /// an id found so, the next one may be up to `fingerReach` entries further on (ids that name
    /// no row in between); after one that was not, only the next entry is tried, and after
    /// `fingerMisses` missed in a row, none for the rest of the batch, so that ids in no order
    /// pay little for it. An id equal to the one before it shares its probe.
    ///
    /// - Parameters:
    ///   - ids: The bytes of the ids.
    ///   - probes: Room for `ids.count` probes, written in order.
    package func probe(
        _ ids: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into probes: UnsafeMutablePointer<Probe>
    ) {
        let count = ids.count
        var hashed = 0
        arena.withUnsafeBufferPointer { stored in
            let base = stored.baseAddress.map { UnsafeRawPointer($0) }
            var entry = fingerOffset
            var number = fingerNumber
            var reach = IdTable.fingerReach
            // Ids missed by the finger one after the other: past `fingerMisses`, the ids of the
            // batch are in no order the finger follows, and the rest are only hashed.
            var misses = 0
            for index in 0..<count {
                let id = ids[index]
                if index > 0, probes[index - 1].found < 0, IdTable.same(id, ids[index - 1]) {
                    (probes + index).initialize(to: probes[index - 1])
                    continue
                }
                if let base, entry >= 0, misses < IdTable.fingerMisses {
                    var candidate = entry
                    var candidateNumber = number
                    var found = false
                    for _ in 0...reach {
                        guard candidate < arenaUsed else { break }
                        let (length, start) = IdTable.idBytes(base + candidate)
                        if length == id.count, IdTable.same(start, id) {
                            found = true
                            break
                        }
                        candidate = start - base + length
                        candidateNumber += 1
                    }
                    if found {
                        (probes + index).initialize(to: Probe(found: candidateNumber, entry: candidate))
                        entry = candidate
                        number = candidateNumber
                        reach = IdTable.fingerReach
                        misses = 0
                        continue
                    }
                    reach = 1
                    misses += 1
                }
                (probes + index).initialize(
                    to: Probe(hash: IdTable.hash(id, seed: seed), firstSlot: 0, size: size))
                hashed += 1
            }
        }
        guard hashed > 0 else { return }
        slots.withUnsafeBufferPointer { slots in
            for index in 0..<count where probes[index].found < 0 {
                let hash = probes[index].hash
                probes[index] = Probe(hash: hash, firstSlot: slots[IdTable.home(hash, size)], size: size)
            }
        }
        // Then the entries of the first slots whose tag matches, in one more loop, so that their
        // cache misses overlap too: an id found there needs nothing more of the table.
        for index in 0..<count where probes[index].found < 0 {
            let probe = probes[index]
            guard probe.firstSlot != 0, probe.firstSlot & IdTable.tagMask == probe.hash & IdTable.tagMask else {
                continue
            }
            let offset = Int(probe.firstSlot & ~IdTable.tagMask) - 1
            if let number = entryNumber(at: offset, ids[index]) { probes[index] = Probe(found: number, entry: offset) }
        }
    }

    /// How many entries past the finger `probe(_:into:)` looks for an id, after an id it found there.
    private static let fingerReach = 4
    /// How many ids in a row the finger may miss before `probe(_:into:)` stops trying it for the
    /// rest of a batch (it tries again with the next batch, from its last id).
    private static let fingerMisses = 16

    /// Whether two ids have the same bytes.
    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let start = a.baseAddress else { return true }
        return same(UnsafeRawPointer(start), b)
    }

    /// Whether the `bytes.count` bytes at `stored` are `bytes`.
    @inline(__always)
    private static func same(_ stored: UnsafeRawPointer, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let other = UnsafeRawPointer(base)
        // 8 to 16 bytes, the usual length, as two words that overlap when shorter than 16.
        if length >= 8, length <= 16 {
            return stored.loadUnaligned(as: UInt64.self) == other.loadUnaligned(as: UInt64.self)
                && stored.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                    == other.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        var index = 0
        while index + 8 <= length {
            if stored.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != other.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        while index < length {
            if stored.load(fromByteOffset: index, as: UInt8.self) != base[index] { return false }
            index += 1
        }
        return true
    }

    /// The seed of the table's hashes, the same for its whole life.
    package var hashSeed: UInt64 { seed }

    /// The number of `bytes`, assigning the next one when the id is new.
    @inline(__always)
    package mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (number: Int32, inserted: Bool) {
        insert(bytes, probe: probe(bytes))
    }

    /// The number of `bytes`, assigning the next one when the id is new, from a probe of the same table.
    @inline(__always)
    package mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, probe: Probe) -> (
        number: Int32, inserted: Bool
    ) {
        if probe.found >= 0 {
            fingerNumber = probe.found
            fingerOffset = Int(truncatingIfNeeded: probe.firstSlot) - 1
            return (probe.found, false)
        }
        let tag = probe.hash & IdTable.tagMask
        var index = IdTable.home(probe.hash, size)
        var slot = probe.firstSlot != 0 && Int(probe.size) == size ? probe.firstSlot : slots[index]
        while slot != 0 {
            let offset = Int(slot & ~IdTable.tagMask) - 1
            if slot & IdTable.tagMask == tag, let number = entryNumber(at: offset, bytes) {
                fingerNumber = number
                fingerOffset = offset
                return (number, false)
            }
            index += 1
            if index == size { index = 0 }
            slot = slots[index]
        }
        let number = count
        slots[index] = tag | UInt64(arenaUsed + 1)
        fingerNumber = Int32(number)
        fingerOffset = arenaUsed
        appendEntry(number: number, bytes)
        if count * 20 > size * 17 { rehash(slotCount: IdTable.slotCount(for: count * 3 / 2)) }
        return (Int32(number), true)
    }

    /// The number of `bytes`, if the id is in the table.
    @inline(__always)
    package func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = IdTable.hash(bytes, seed: seed)
        let tag = hash & IdTable.tagMask
        var index = IdTable.home(hash, size)
        while true {
            let slot = slots[index]
            if slot == 0 { return nil }
            if slot & IdTable.tagMask == tag, let number = entryNumber(at: Int(slot & ~IdTable.tagMask) - 1, bytes) {
                return number
            }
            index += 1
            if index == size { index = 0 }
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

    private mutating func appendEntry(number: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        if number % IdTable.blockSize == 0 { blockStarts.append(arenaUsed) }
        count += 1
        let length = bytes.count
        let header = length < 255 ? 5 : 9
        let start = arenaUsed
        if start + header + length > arena.count {
            // Zeros a step at a time: within the capacity reserved nothing is copied, and only the
            // step is written ahead of use. The step doubles from 256 bytes to 64 KiB, so that a
            // small table stays small.
            let step = min(1 << 16, max(256, arena.count))
            arena.append(contentsOf: repeatElement(0, count: max(header + length, step)))
        }
        arenaUsed = start + header + length
        arena.withUnsafeMutableBytes { raw in
            let entry = raw.baseAddress! + start
            entry.storeBytes(of: UInt32(truncatingIfNeeded: number).littleEndian, as: UInt32.self)
            if header == 5 {
                entry.storeBytes(of: UInt8(length), toByteOffset: 4, as: UInt8.self)
            } else {
                entry.storeBytes(of: 255, toByteOffset: 4, as: UInt8.self)
                entry.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: 5, as: UInt32.self)
            }
            guard let source = bytes.baseAddress else { return }
            let target = entry + header
            // An id of 8 to 16 bytes, the usual length, as two words that overlap when it is shorter.
            if length >= 8, length <= 16 {
                let from = UnsafeRawPointer(source)
                let last = from.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                target.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                target.storeBytes(of: last, toByteOffset: length - 8, as: UInt64.self)
            } else {
                target.copyMemory(from: source, byteCount: length)
            }
        }
    }

    /// The length of the id of the entry at `entry`, and where its bytes start.
    @inline(__always) private static func idBytes(_ entry: UnsafeRawPointer) -> (length: Int, start: UnsafeRawPointer) {
        let short = entry.load(fromByteOffset: 4, as: UInt8.self)
        if short < 255 { return (Int(short), entry + 5) }
        return (Int(UInt32(littleEndian: entry.loadUnaligned(fromByteOffset: 5, as: UInt32.self))), entry + 9)
    }

    /// The number of the entry at `offset` when its bytes are `bytes`.
    @inline(__always) private func entryNumber(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        arena.withUnsafeBufferPointer { stored -> Int32? in
            guard let storedBase = stored.baseAddress else { return nil }
            let entry = UnsafeRawPointer(storedBase + offset)
            let (length, stored) = IdTable.idBytes(entry)
            guard length == bytes.count, IdTable.same(stored, bytes) else { return nil }
            return Int32(bitPattern: UInt32(littleEndian: entry.loadUnaligned(as: UInt32.self)))
        }
    }

    private mutating func rehash(slotCount: Int) {
        var fresh = [UInt64](repeating: 0, count: slotCount)
        arena.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return }
            // The entries follow one another: walk them in order.
            var offset = 0
            while offset < arenaUsed {
                let (length, start) = IdTable.idBytes(UnsafeRawPointer(base + offset))
                let bytes = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: length)
                let hash = IdTable.hash(bytes, seed: seed)
                var index = IdTable.home(hash, slotCount)
                while fresh[index] != 0 {
                    index += 1
                    if index == slotCount { index = 0 }
                }
                fresh[index] = hash & IdTable.tagMask | UInt64(offset + 1)
                offset = start - UnsafeRawPointer(base) + length
            }
        }
        slots = fresh
        size = slotCount
    }

    // MARK: Reading back

    /// The id of a number, as text (an id is valid UTF-8).
    package func string(_ number: Int32) -> String {
        guard number >= 0, Int(number) < count else { return "" }
        return arena.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return "" }
            // From the start of the number's block, entry after entry.
            var entry = UnsafeRawPointer(base + blockStarts[Int(number) / IdTable.blockSize])
            for _ in 0..<Int(number) % IdTable.blockSize {
                let (length, start) = IdTable.idBytes(entry)
                entry = start + length
            }
            let (length, start) = IdTable.idBytes(entry)
            return String(
                decoding: UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: length),
                as: UTF8.self)
        }
    }
}
