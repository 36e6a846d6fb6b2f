import CCompassScan
import CompassCore
import CompassEngine

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
/// clean file has no duplicate at all. The screen reads the file once, beforehand
/// on the second core while the reader reads migrants.csv, or while the file is read
/// when its ids were in order until then (`ReadSession.firstLine`), and keeps only a
/// 32-bit fingerprint of each id (the low half of the id's seeded hash), 4 bytes an
/// id (``FingerprintBuckets``). An id whose fingerprint is met twice is a *suspect*;
/// every id that really appears twice is one, together with a few that merely
/// share a fingerprint (about n²/2³³ for n ids). The reader then keeps exact bytes
/// and lines for the suspects only, and reports duplicates exactly as before.
///
/// Before any fingerprint, the screen compares each id with the one before (``AscendingIds``):
/// ids each greater than the last cannot repeat, and a file written in the order of its ids gets
/// a screen without suspects, for the cost of one comparison a line. At the first id out of order
/// the file is read again from the start, with fingerprints.
///
/// The rows the screen sees are a superset of those whose id the reader checks. Most files
/// (the id in the first column, no quote and no lone CR anywhere) are screened line by line:
/// each line is a record there, and its first field up to the first comma is the id, exactly
/// as the reader decodes it; lines the reader would reject add fingerprints the reader never
/// asks about, which only makes suspects. Any other file is screened with the same scanner and
/// limits as the reader, looking only at rows the reader would decode (no syntax problem, the
/// header's number of fields).
///
/// Sendable: its memory is written in `init` only, and read after by any thread.
final class DuplicateScreen: @unchecked Sendable {
    /// The fingerprints met more than once, in increasing order.
    private let suspects: UnsafeMutableBufferPointer<UInt32>
    /// One bit per value of a fingerprint's high 16 bits, set when a suspect has them: most ids are
    /// cleared by one bit test, without a search.
    private let filter: UnsafeMutableBufferPointer<UInt64>
    /// The seed of the hash the fingerprints come from.
    let seed: UInt64

    init(suspects: Set<UInt32>, seed: UInt64) {
        let sorted = suspects.sorted()
        self.suspects = .allocate(capacity: sorted.count)
        _ = self.suspects.initialize(from: sorted)
        filter = .allocate(capacity: suspects.isEmpty ? 0 : 1024)
        filter.initialize(repeating: 0)
        for print in suspects { filter[Int(print >> 22)] |= 1 << UInt64((print >> 16) & 63) }
        self.seed = seed
    }

    deinit {
        suspects.deallocate()
        filter.deallocate()
    }

    /// The screen's test as a value without references, valid while the screen lives: a loop
    /// that called the screen itself retained and released it for every id.
    var check: Check { Check(suspects: UnsafeBufferPointer(suspects), filter: UnsafeBufferPointer(filter), seed: seed) }

    /// The test of a screen that a caller keeps alive, through its memory.
    struct Check {
        let suspects: UnsafeBufferPointer<UInt32>
        let filter: UnsafeBufferPointer<UInt64>
        let seed: UInt64

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
    }

    /// The low 32 bits of a hash, never zero (zero marks an empty slot).
    @inline(__always) static func fingerprint(_ hash: UInt64) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: hash)
        return low == 0 ? 1 : low
    }

    /// Screens the ids of column `column` of the CSV source `open()` makes, line by line when
    /// the file allows it, with the reader's scanner otherwise; `nil` when the file cannot be
    /// read or its header does not name the column exactly once without a syntax problem.
    ///
    /// With `orderFirst` false, the ids' order is not looked at: fingerprints are kept from the start.
    static func screen<Source: ByteSource>(
        opening open: () throws(DataFileError) -> Source, column: String, seed: UInt64, maximumRecordBytes: Int,
        orderFirst: Bool = true
    ) -> DuplicateScreen? {
        guard let source = try? open() else { return nil }
        switch screenLines(source, column: column, seed: seed, orderFirst: orderFirst) {
        case .screened(let screen): return screen
        case .outOfOrder:
            // Read again from the start, this time keeping every id's fingerprint.
            guard let again = try? open() else { return nil }
            if case .screened(let screen) = screenLines(again, column: column, seed: seed, orderFirst: false) {
                return screen
            }
        case .notLines: break
        }
        guard let again = try? open() else { return nil }
        return DuplicateScreen.screen(again, column: column, seed: seed, maximumRecordBytes: maximumRecordBytes)
    }

    /// Whether the ids of column `column` in the first megabyte or so of a file screened line by
    /// line (see ``screenLines(_:column:seed:orderFirst:firstBufferOnly:)``) each come after the
    /// one before: a sign that the whole file is written in the order of its ids. `false` for a
    /// file that cannot be screened line by line.
    static func idsStartInOrder<Source: ByteSource>(
        opening open: () throws(DataFileError) -> Source, column: String
    ) -> Bool {
        guard let source = try? open() else { return false }
        if case .screened = screenLines(source, column: column, seed: 0, orderFirst: true, firstBufferOnly: true) {
            return true
        }
        return false
    }

    /// Calls `body` with the id of column `column` and the line of every record before line
    /// `line` that the reader can have taken (no syntax problem, the header's number of fields),
    /// read with the reader's scanner and limits; `false` when the file cannot be read or its
    /// header does not name the column exactly once without a syntax problem.
    static func forEachID<Source: ByteSource>(
        opening open: () throws(DataFileError) -> Source, column: String, maximumRecordBytes: Int,
        before line: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) -> Bool {
        guard let source = try? open() else { return false }
        let scanner = CSVScanner(source: source, maximumRecordBytes: maximumRecordBytes)
        do {
            guard let position = try idPosition(scanner, column: column) else { return false }
            let headerCount = scanner.fieldCount
            while try scanner.nextRecord(), scanner.recordLine < line {
                guard scanner.issues.isEmpty, scanner.fieldCount == headerCount else { continue }
                body(scanner.field(position), scanner.recordLine)
            }
            return true
        } catch {
            return false
        }
    }

    /// Reads the header of the scanner's file; returns the index of column `column`, or `nil` when
    /// the header has a syntax problem or does not name the column exactly once.
    private static func idPosition<Source: ByteSource>(_ scanner: CSVScanner<Source>, column: String)
        throws(DataFileError) -> Int?
    {
        guard try scanner.nextRecord(), scanner.issues.isEmpty else { return nil }
        let name = Array(column.utf8)
        var position: Int?
        for index in 0..<scanner.fieldCount
        where name.withUnsafeBufferPointer({ memoryEqual($0, scanner.field(index)) }) {
            guard position == nil else { return nil }
            position = index
        }
        return position
    }

    /// What screening a file line by line came to.
    enum LinesOutcome {
        /// The screen of the file.
        case screened(DuplicateScreen)
        /// The ids are not in ascending order (only when asked to look at their order first):
        /// the file must be screened again, with fingerprints.
        case outOfOrder
        /// The file cannot be screened line by line (see ``screenLines(_:column:seed:orderFirst:firstBufferOnly:)``).
        case notLines
    }

    /// Screens a file whose id is its first column and that holds no quote and no CR other than
    /// in a CRLF line end: every line is a record, and its id runs from the start of the line to
    /// the first comma. Returns ``LinesOutcome/notLines`` (to screen with the scanner instead) for
    /// any other file, for a line longer than the buffer, or when the source fails.
    ///
    /// Lines and the ends of their ids are found by `compass_line_heads`, thirty-two bytes at a time;
    /// the rest of each line after the id is only searched for its line feed.
    ///
    /// With `orderFirst`, the ids are only compared with the one before (``AscendingIds``), and no
    /// fingerprint is kept: when every id is greater than the last, none repeats, and the screen
    /// has no suspect; at the first that is not, the screen stops with ``LinesOutcome/outOfOrder``.
    ///
    /// With `firstBufferOnly`, only the lines of the first buffer (a megabyte) are looked at.
    static func screenLines<Source: ByteSource>(
        _ source: Source, column: String, seed: UInt64, orderFirst: Bool, firstBufferOnly: Bool = false
    ) -> LinesOutcome {
        var source = source
        let capacity = 1 << 20
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let headCapacity = 4096
        let heads = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * headCapacity)
        defer { heads.deallocate() }
        var count = 0
        var atEnd = false
        var headerRead = false
        var prints: FingerprintBuckets?
        var order = AscendingIds()
        let quote = Int32(UInt8(ascii: "\"")), lineFeed = Int32(UInt8(ascii: "\n"))
        let carriageReturn = Int32(UInt8(ascii: "\r")), comma = UInt8(ascii: ",")
        let name = Array(column.utf8)
        func isColumn(_ start: Int, _ end: Int) -> Bool {
            name.withUnsafeBufferPointer {
                memoryEqual($0, UnsafeBufferPointer(start: buffer + start, count: end - start))
            }
        }
        while !atEnd {
            // Fill the buffer; the bytes kept from the last round (an unfinished line) are at its start.
            while count < capacity {
                guard
                    let read = try? source.read(
                        into: UnsafeMutableBufferPointer(start: buffer + count, count: capacity - count))
                else { return .notLines }
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
                if end == 0 { return .notLines }
            }
            if memchr(buffer, quote, end) != nil { return .notLines }
            var crSearch = 0
            while crSearch < end, let found = memchr(buffer + crSearch, carriageReturn, end - crSearch) {
                let index = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard index + 1 < end, buffer[index + 1] == UInt8(ascii: "\n") else { return .notLines }
                crSearch = index + 2
            }
            var start = 0
            if !headerRead {
                if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                let lineEnd =
                    memchr(buffer + start, lineFeed, end - start).map {
                        buffer.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                    } ?? end
                var nameEnd = start
                while nameEnd < lineEnd, buffer[nameEnd] != comma, buffer[nameEnd] != UInt8(ascii: "\r") {
                    nameEnd += 1
                }
                guard isColumn(start, nameEnd) else { return .notLines }
                // The column must be named once only: any later header field equal to it sends the file to the scanner.
                var field = nameEnd + 1
                while field < lineEnd {
                    var fieldEnd = field
                    while fieldEnd < lineEnd, buffer[fieldEnd] != comma, buffer[fieldEnd] != UInt8(ascii: "\r") {
                        fieldEnd += 1
                    }
                    if isColumn(field, fieldEnd) { return .notLines }
                    field = fieldEnd + 1
                }
                if !orderFirst {
                    prints = FingerprintBuckets(
                        expected: CSVScanner<Source>.estimatedRecords(
                            totalBytes: source.totalBytes,
                            sample: UnsafeBufferPointer(start: buffer + lineEnd, count: end - lineEnd)))
                }
                headerRead = true
                start = min(lineEnd + 1, end)
            }
            // The whole lines, a few thousand at a time: each line's start and the end of its id.
            while start < end {
                var consumed = 0
                let found = compass_line_heads(buffer + start, end - start, heads, headCapacity, &consumed)
                for line in 0..<found {
                    let lineStart = start + Int(heads[2 * line])
                    var idEnd = start + Int(heads[2 * line + 1])
                    if buffer[idEnd] == UInt8(ascii: "\n") {
                        // No comma: the id is the whole line, without a CR before its LF. An empty
                        // line (LF or CRLF alone) is no record.
                        if idEnd > lineStart, buffer[idEnd - 1] == UInt8(ascii: "\r") { idEnd -= 1 }
                        if idEnd == lineStart { continue }
                    }
                    guard
                        take(
                            UnsafeBufferPointer(start: buffer + lineStart, count: idEnd - lineStart),
                            orderFirst: orderFirst, order: &order, prints: &prints, seed: seed)
                    else { return .outOfOrder }
                }
                if found == 0 {
                    // The last line of the file, without a line feed.
                    var idEnd = start
                    while idEnd < end, buffer[idEnd] != comma { idEnd += 1 }
                    let hasComma = idEnd < end
                    if !hasComma, idEnd > start, buffer[idEnd - 1] == UInt8(ascii: "\r") { idEnd -= 1 }
                    if hasComma || idEnd > start,
                        !take(
                            UnsafeBufferPointer(start: buffer + start, count: idEnd - start),
                            orderFirst: orderFirst, order: &order, prints: &prints, seed: seed)
                    {
                        return .outOfOrder
                    }
                    break
                }
                start += consumed
            }
            if firstBufferOnly { break }
            // Keep the unfinished line for the next round (and the last id, before it moves).
            order.keep()
            let kept = count - end
            if kept > 0 { buffer.update(from: buffer + end, count: kept) }
            count = kept
        }
        guard headerRead else { return .notLines }
        guard var prints else { return .screened(DuplicateScreen(suspects: [], seed: seed)) }
        return .screened(DuplicateScreen(suspects: prints.repeated(), seed: seed))
    }

    /// Takes the id of a line: compares it with the last (`orderFirst`) or adds its fingerprint;
    /// false when it is out of order.
    @inline(__always) private static func take(
        _ id: UnsafeBufferPointer<UInt8>, orderFirst: Bool, order: inout AscendingIds,
        prints: inout FingerprintBuckets?, seed: UInt64
    ) -> Bool {
        if orderFirst { return order.take(id) }
        prints?.append(fingerprint(IdTable.hash(id, seed: seed)))
        return true
    }

    /// Screens the ids of column `column` of a CSV source; `nil` when the header does not
    /// name that column exactly once without a syntax problem (the reader then rejects every
    /// row, or keeps its own exact table).
    static func screen<Source: ByteSource>(
        _ source: Source, column: String, seed: UInt64, maximumRecordBytes: Int
    ) -> DuplicateScreen? {
        let scanner = CSVScanner(source: source, maximumRecordBytes: maximumRecordBytes)
        do {
            guard let position = try idPosition(scanner, column: column) else { return nil }
            let headerCount = scanner.fieldCount
            var prints = FingerprintBuckets(expected: scanner.estimatedRecords())
            var order = AscendingIds()
            var ordered = true
            while try scanner.nextRecord() {
                guard scanner.issues.isEmpty, scanner.fieldCount == headerCount else { continue }
                let id = scanner.field(position)
                if ordered {
                    ordered = order.take(id)
                    order.keep()
                }
                prints.append(fingerprint(IdTable.hash(id, seed: seed)))
            }
            // Ids in ascending order are all different: nothing to check row by row.
            return DuplicateScreen(suspects: ordered ? [] : prints.repeated(), seed: seed)
        } catch {
            return nil
        }
    }
}

/// Whether ids taken one after another have each been greater than the one before, in byte order
/// or in order of length then bytes: either way, no id came twice.
///
/// Files are often written in the order of their ids (`A000000001`, `A000000002`, …, or `9`, `10`,
/// `11`), and such a file needs no fingerprint: comparing each id with the last is cheaper than
/// hashing it and finding repeats among millions of fingerprints. Both orders are followed at
/// once, so that ids sorted as text (`A1`, `A10`, `A2`) and as numbers (`A1`, `A2`, `A10`) pass;
/// nothing is assumed about the ids' shape.
struct AscendingIds: ~Copyable {
    /// The last id taken, `lastCount` bytes: in the caller's memory until ``keep()`` copies it to `owned`.
    private var last: UnsafePointer<UInt8>?
    private var lastCount = -1
    private var owned: UnsafeMutablePointer<UInt8>
    private var capacity = 64
    /// Whether every id so far was greater than the one before in byte order (a prefix first).
    private var byBytes = true
    /// Whether every id so far was longer than the one before, or as long and greater in byte order.
    private var byLength = true

    init() { owned = .allocate(capacity: capacity) }

    deinit { owned.deallocate() }

    /// Takes the next id, whose bytes must stay where they are until the next id or ``keep()``;
    /// returns whether all ids so far are still in one of the two orders.
    @inline(__always) mutating func take(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = id.count
        if let last, let next = id.baseAddress {
            if count == lastCount {
                // Both orders agree on ids of one length.
                guard AscendingIds.isLess(last, next, count) else {
                    byBytes = false
                    byLength = false
                    return false
                }
            } else {
                if byBytes {
                    let shared = min(lastCount, count)
                    byBytes =
                        AscendingIds.isLess(last, next, shared)
                        || (lastCount < count && !AscendingIds.isLess(next, last, shared))
                }
                byLength = byLength && lastCount < count
                guard byBytes || byLength else { return false }
            }
        } else if lastCount >= 0 {
            // An empty id comes first in both orders, and only once.
            guard lastCount < count else {
                byBytes = false
                byLength = false
                return false
            }
        }
        last = id.baseAddress
        lastCount = count
        return true
    }

    /// Copies the last id taken, before the memory it was read from changes.
    mutating func keep() {
        guard let last, last != UnsafePointer(owned) else { return }
        if lastCount > capacity {
            owned.deallocate()
            capacity = lastCount * 2
            owned = .allocate(capacity: capacity)
        }
        owned.update(from: last, count: lastCount)
        self.last = UnsafePointer(owned)
    }

    /// Whether the `count` bytes at `left` come before those at `right` in byte order.
    @inline(__always) private static func isLess(
        _ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int
    ) -> Bool {
        let a = UnsafeRawPointer(left)
        let b = UnsafeRawPointer(right)
        // Read as big-endian words, bytes order as the words do. From 8 to 16 bytes, the usual
        // length, the first and the last eight bytes (overlapping when shorter) decide.
        if count >= 8, count <= 16 {
            let a0 = UInt64(bigEndian: a.loadUnaligned(as: UInt64.self))
            let b0 = UInt64(bigEndian: b.loadUnaligned(as: UInt64.self))
            if a0 != b0 { return a0 < b0 }
            let a1 = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            let b1 = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            return a1 < b1
        }
        var index = 0
        while index + 8 <= count {
            let a0 = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let b0 = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            if a0 != b0 { return a0 < b0 }
            index += 8
        }
        while index < count {
            if left[index] != right[index] { return left[index] < right[index] }
            index += 1
        }
        return false
    }
}

/// Nonzero 32-bit fingerprints gathered in 256 buckets by their top eight bits, then searched
/// for repeats one bucket at a time.
///
/// Adding a fingerprint writes to the end of its bucket, one of 256 places in memory that stay
/// in the cache, instead of to a random slot of a table of the whole file's fingerprints (which
/// took 40 ns a fingerprint at a million migrants, most of the screen's time). A bucket, about a
/// 256th of them, is then searched in a small hash table that fits in the cache. The buckets
/// hold 4 bytes a fingerprint, less than such a table did three quarters full.
///
/// Each bucket gathers its next sixteen fingerprints in a line of its own (the 256 lines, 16 KiB,
/// stay in the first-level cache) and writes a full line to its memory at once with streaming
/// stores (`compass_stream_line`), which do not read the line from memory first: a store of one
/// fingerprint at a time was half of the screen's line loop.
struct FingerprintBuckets: ~Copyable {
    /// Bucket `b` holds `counts[b]` fingerprints from `storage + b * capacity`, then
    /// `fills[b]` more in `lines + b * 16`.
    private var storage: UnsafeMutablePointer<UInt32>
    /// Fingerprints a bucket has room for, a multiple of sixteen: every bucket's memory starts on a line.
    private var capacity: Int
    private let counts: UnsafeMutablePointer<Int>
    private let lines: UnsafeMutablePointer<UInt32>
    private let fills: UnsafeMutablePointer<Int>

    /// Buckets for about `expected` fingerprints, with room for the unevenness of 256 buckets;
    /// they grow if more come.
    init(expected: Int) {
        let each = max(0, expected) / 256
        capacity = (each + each / 16 + 64 + 15) / 16 * 16
        storage = FingerprintBuckets.allocateLines(capacity * 256)
        counts = .allocate(capacity: 256)
        counts.initialize(repeating: 0, count: 256)
        lines = FingerprintBuckets.allocateLines(256 * 16)
        fills = .allocate(capacity: 256)
        fills.initialize(repeating: 0, count: 256)
    }

    deinit {
        storage.deallocate()
        counts.deallocate()
        lines.deallocate()
        fills.deallocate()
    }

    /// Room for `count` fingerprints that starts on a cache line.
    private static func allocateLines(_ count: Int) -> UnsafeMutablePointer<UInt32> {
        UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64).bindMemory(
            to: UInt32.self, capacity: count)
    }

    /// Adds a fingerprint.
    @inline(__always) mutating func append(_ print: UInt32) {
        let bucket = Int(print >> 24)
        let fill = fills[bucket]
        lines[bucket &* 16 &+ fill] = print
        if fill == 15 {
            writeLine(bucket)
        } else {
            fills[bucket] = fill &+ 1
        }
    }

    /// Writes a bucket's full line to its memory.
    private mutating func writeLine(_ bucket: Int) {
        if counts[bucket] + 16 > capacity { grow() }
        compass_stream_line(storage + bucket * capacity + counts[bucket], lines + bucket * 16)
        counts[bucket] += 16
        fills[bucket] = 0
    }

    /// Writes what the lines hold to the buckets' memory, then fences the streaming stores.
    private mutating func writeRest() {
        for bucket in 0..<256 where fills[bucket] > 0 {
            if counts[bucket] + fills[bucket] > capacity { grow() }
            (storage + bucket * capacity + counts[bucket]).update(from: lines + bucket * 16, count: fills[bucket])
            counts[bucket] += fills[bucket]
            fills[bucket] = 0
        }
        compass_stream_fence()
    }

    /// Doubles every bucket's room.
    private mutating func grow() {
        compass_stream_fence()
        let larger = capacity * 2
        let moved = FingerprintBuckets.allocateLines(larger * 256)
        for bucket in 0..<256 {
            (moved + bucket * larger).update(from: storage + bucket * capacity, count: counts[bucket])
        }
        storage.deallocate()
        storage = moved
        capacity = larger
    }

    /// The fingerprints added more than once.
    mutating func repeated() -> Set<UInt32> {
        writeRest()
        var repeats = Set<UInt32>()
        let largest = UnsafeBufferPointer(start: counts, count: 256).max() ?? 0
        var size = 64
        while size < largest * 2 { size *= 2 }
        let slots = UnsafeMutablePointer<UInt32>.allocate(capacity: size)
        defer { slots.deallocate() }
        for bucket in 0..<256 where counts[bucket] > 1 {
            let count = counts[bucket]
            // A table at most half full, for this bucket alone; its slot comes from the low bits,
            // the top eight being the same for the whole bucket.
            var mask = 63
            while mask + 1 < count * 2 { mask = mask * 2 + 1 }
            slots.update(repeating: 0, count: mask + 1)
            let prints = storage + bucket * capacity
            for index in 0..<count {
                let print = prints[index]
                var slot = Int(print) & mask
                while true {
                    let held = slots[slot]
                    if held == 0 {
                        slots[slot] = print
                        break
                    }
                    if held == print {
                        repeats.insert(print)
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        return repeats
    }
}
