import CompassCore

/// Which ids of a large CSV file might appear more than once, found by one fast pass over the file.
///
/// Checking every assistance id against every other one needs a table of all ids
/// (2.5 M ids at a million migrants: over 100 MiB with their bytes), although a
/// clean file has no duplicate at all. The screen reads the file once beforehand,
/// on the second core while the reader reads migrants.csv, and keeps only a
/// 32-bit fingerprint of each id (the low half of the id's seeded hash) in a
/// table of 4 bytes per slot. An id whose fingerprint is met twice is a *suspect*;
/// every id that really appears twice is one, together with a few that merely
/// share a fingerprint (about n²/2³³ for n ids). The reader then keeps exact bytes
/// and lines for the suspects only, and reports duplicates exactly as before.
///
/// The screen splits records with the same scanner and limits as the reader, and
/// only looks at rows the reader would decode (no syntax problem, the header's
/// number of fields), so the rows it sees are a superset of those whose id the
/// reader checks.
final class DuplicateScreen: Sendable {
    /// The fingerprints met more than once, in increasing order.
    let suspects: [UInt32]
    /// One bit per value of a fingerprint's high 16 bits, set when a suspect has them: most ids are
    /// cleared by one bit test, without a search.
    let filter: [UInt64]
    /// The seed of the hash the fingerprints come from.
    let seed: UInt64

    init(suspects: Set<UInt32>, seed: UInt64) {
        self.suspects = suspects.sorted()
        var bits = [UInt64](repeating: 0, count: suspects.isEmpty ? 0 : 1024)
        for print in suspects { bits[Int(print >> 22)] |= 1 << UInt64((print >> 16) & 63) }
        filter = bits
        self.seed = seed
    }

    /// Whether an id (its bytes) must be checked exactly.
    @inline(__always) func isSuspect(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !suspects.isEmpty else { return false }
        let print = DuplicateScreen.fingerprint(IdTable.hash(bytes, seed: seed))
        guard filter[Int(print >> 22)] & (1 << UInt64((print >> 16) & 63)) != 0 else { return false }
        var low = 0
        var high = suspects.count
        while low < high {
            let middle = (low + high) / 2
            if suspects[middle] < print { low = middle + 1 } else { high = middle }
        }
        return low < suspects.count && suspects[low] == print
    }

    /// The low 32 bits of a hash, never zero (zero marks an empty slot).
    @inline(__always) static func fingerprint(_ hash: UInt64) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: hash)
        return low == 0 ? 1 : low
    }

    /// Screens the ids of column `column` of a CSV source; `nil` when the header does not
    /// name that column exactly once without a syntax problem (the reader then rejects every
    /// row, or keeps its own exact table).
    static func screen<Source: ByteSource>(
        _ source: Source, column: String, seed: UInt64, maximumRecordBytes: Int
    ) -> DuplicateScreen? {
        let scanner = CSVScanner(source: source, maximumRecordBytes: maximumRecordBytes)
        do {
            guard try scanner.nextRecord(), scanner.issues.isEmpty else { return nil }
            let name = Array(column.utf8)
            var position: Int?
            let headerCount = scanner.fieldCount
            for index in 0..<headerCount where name.withUnsafeBufferPointer({ memoryEqual($0, scanner.field(index)) }) {
                guard position == nil else { return nil }
                position = index
            }
            guard let position else { return nil }
            var table = FingerprintTable(expected: scanner.estimatedRecords())
            var suspects = Set<UInt32>()
            // Fingerprints are added a batch at a time: the slots of the whole batch are read first,
            // so that their cache misses overlap instead of coming one after the other.
            var batch = [UInt32](repeating: 0, count: 256)
            var filled = 0
            func flush() {
                table.insert(batch[0..<filled], repeats: &suspects)
                filled = 0
            }
            while try scanner.nextRecord() {
                guard scanner.issues.isEmpty, scanner.fieldCount == headerCount else { continue }
                batch[filled] = fingerprint(IdTable.hash(scanner.field(position), seed: seed))
                filled += 1
                if filled == batch.count { flush() }
            }
            flush()
            return DuplicateScreen(suspects: suspects, seed: seed)
        } catch {
            return nil
        }
    }
}

/// A set of nonzero 32-bit fingerprints, 4 bytes per slot, open addressing with linear probing.
///
/// The slot of a fingerprint is given by the fingerprint itself, scaled to the number of
/// slots, so the table can grow without the hashes it came from; and that number is any
/// number, not only a power of two.
struct FingerprintTable {
    private var slots: [UInt32]
    private var count = 0

    /// A table for about `expected` fingerprints, three quarters full then; it grows past 85 %.
    init(expected: Int) {
        slots = Array(repeating: 0, count: max(1024, expected / 3 * 4 + 4))
    }

    /// The first slot of a fingerprint: scaled to the number of slots, a multiply and a shift.
    @inline(__always) private static func home(_ print: UInt32, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(print) &* UInt64(truncatingIfNeeded: size)) >> 32)
    }

    /// Adds a batch of fingerprints, putting those already there into `repeats`.
    ///
    /// The first slot of every fingerprint is read before any is added, so that the cache
    /// misses of the batch overlap. A fingerprint found in its first slot then is there
    /// still (slots are only ever filled, and growing keeps every fingerprint); any other
    /// is probed as usual.
    mutating func insert(_ prints: ArraySlice<UInt32>, repeats: inout Set<UInt32>) {
        var first = [UInt32](repeating: 0, count: prints.count)
        let size = slots.count
        for (index, print) in zip(first.indices, prints) { first[index] = slots[FingerprintTable.home(print, size)] }
        for (index, print) in zip(first.indices, prints) where first[index] == print || !insert(print) {
            repeats.insert(print)
        }
    }

    /// Adds a fingerprint; returns `false` when it was already there.
    @inline(__always) mutating func insert(_ print: UInt32) -> Bool {
        let size = slots.count
        var index = FingerprintTable.home(print, size)
        while true {
            let slot = slots[index]
            if slot == 0 { break }
            if slot == print { return false }
            index += 1
            if index == size { index = 0 }
        }
        slots[index] = print
        count += 1
        if count * 20 > slots.count * 17 { grow() }
        return true
    }

    private mutating func grow() {
        let old = slots
        let size = old.count * 2
        slots = Array(repeating: 0, count: size)
        for print in old where print != 0 {
            var index = FingerprintTable.home(print, size)
            while slots[index] != 0 {
                index += 1
                if index == size { index = 0 }
            }
            slots[index] = print
        }
    }
}
