import CompassCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
/// The rows the screen sees are a superset of those whose id the reader checks. Most files
/// (the id in the first column, no quote and no lone CR anywhere) are screened line by line:
/// each line is a record there, and its first field up to the first comma is the id, exactly
/// as the reader decodes it; lines the reader would reject add fingerprints the reader never
/// asks about, which only makes suspects. Any other file is screened with the same scanner and
/// limits as the reader, looking only at rows the reader would decode (no syntax problem, the
/// header's number of fields).
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

    /// Screens the ids of column `column` of the CSV source `open()` makes, line by line when
    /// the file allows it, with the reader's scanner otherwise; `nil` when the file cannot be
    /// read or its header does not name the column exactly once without a syntax problem.
    static func screen<Source: ByteSource>(
        opening open: () throws(DataFileError) -> Source, column: String, seed: UInt64, maximumRecordBytes: Int
    ) -> DuplicateScreen? {
        guard let source = try? open() else { return nil }
        if let screen = screenLines(source, column: column, seed: seed) { return screen }
        guard let again = try? open() else { return nil }
        return DuplicateScreen.screen(again, column: column, seed: seed, maximumRecordBytes: maximumRecordBytes)
    }

    /// Screens a file whose id is its first column and that holds no quote and no CR other than
    /// in a CRLF line end: every line is a record, and its id runs from the start of the line to
    /// the first comma. Returns `nil` (to screen with the scanner instead) for any other file,
    /// for a line longer than the buffer, or when the source fails.
    ///
    /// Line ends are found with `memchr`; the rest of each line after the id is never looked at.
    static func screenLines<Source: ByteSource>(_ source: Source, column: String, seed: UInt64) -> DuplicateScreen? {
        var source = source
        let capacity = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var count = 0
        var atEnd = false
        var headerRead = false
        var table = FingerprintTable(expected: 1024)
        var suspects = Set<UInt32>()
        var batch = [UInt32](repeating: 0, count: 256)
        var filled = 0
        let quote = Int32(UInt8(ascii: "\"")), lineFeed = Int32(UInt8(ascii: "\n"))
        let carriageReturn = Int32(UInt8(ascii: "\r")), comma = UInt8(ascii: ",")
        let name = Array(column.utf8)
        func isColumn(_ start: Int, _ end: Int) -> Bool {
            name.withUnsafeBufferPointer { memoryEqual($0, UnsafeBufferPointer(start: buffer + start, count: end - start)) }
        }
        while !atEnd {
            // Fill the buffer; the bytes kept from the last round (an unfinished line) are at its start.
            while count < capacity {
                guard let read = try? source.read(into: UnsafeMutableBufferPointer(start: buffer + count, count: capacity - count))
                else { return nil }
                if read == 0 {
                    atEnd = true
                    break
                }
                count += read
            }
            // The lines to screen this round: up to the last line feed, or everything at the end.
            var end = count
            if !atEnd {
                while end > 0, buffer[end - 1] != UInt8(ascii: "\n") { end -= 1 }
                if end == 0 { return nil }
            }
            if memchr(buffer, quote, end) != nil { return nil }
            var crSearch = 0
            while crSearch < end, let found = memchr(buffer + crSearch, carriageReturn, end - crSearch) {
                let index = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard index + 1 < end, buffer[index + 1] == UInt8(ascii: "\n") else { return nil }
                crSearch = index + 2
            }
            var start = 0
            if !headerRead {
                if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                let lineEnd = memchr(buffer + start, lineFeed, end - start).map {
                    buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                } ?? end
                var nameEnd = start
                while nameEnd < lineEnd, buffer[nameEnd] != comma, buffer[nameEnd] != UInt8(ascii: "\r") { nameEnd += 1 }
                guard isColumn(start, nameEnd) else { return nil }
                // The column must be named once only: any later header field equal to it sends the file to the scanner.
                var field = nameEnd + 1
                while field < lineEnd {
                    var fieldEnd = field
                    while fieldEnd < lineEnd, buffer[fieldEnd] != comma, buffer[fieldEnd] != UInt8(ascii: "\r") { fieldEnd += 1 }
                    if isColumn(field, fieldEnd) { return nil }
                    field = fieldEnd + 1
                }
                table = FingerprintTable(
                    expected: CSVScanner<Source>.estimatedRecords(
                        totalBytes: source.totalBytes, sample: UnsafeBufferPointer(start: buffer + lineEnd, count: end - lineEnd)))
                headerRead = true
                start = min(lineEnd + 1, end)
            }
            while start < end {
                let lineEnd = memchr(buffer + start, lineFeed, end - start).map {
                    buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                } ?? end
                var idEnd = start
                while idEnd < lineEnd, buffer[idEnd] != comma { idEnd += 1 }
                if idEnd == lineEnd, idEnd > start, buffer[idEnd - 1] == UInt8(ascii: "\r") { idEnd -= 1 }
                // An empty line (LF or CRLF alone) is no record.
                if !(idEnd == start && (lineEnd == start || (lineEnd == start + 1 && buffer[start] == UInt8(ascii: "\r")))) {
                    batch[filled] = fingerprint(IdTable.hash(UnsafeBufferPointer(start: buffer + start, count: idEnd - start), seed: seed))
                    filled += 1
                    if filled == batch.count {
                        table.insert(batch[0..<filled], repeats: &suspects)
                        filled = 0
                    }
                }
                start = lineEnd + 1
            }
            // Keep the unfinished line for the next round.
            let kept = count - end
            if kept > 0 { buffer.update(from: buffer + end, count: kept) }
            count = kept
        }
        table.insert(batch[0..<filled], repeats: &suspects)
        return headerRead ? DuplicateScreen(suspects: suspects, seed: seed) : nil
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
