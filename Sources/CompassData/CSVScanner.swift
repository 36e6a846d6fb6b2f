import CCompassScan

/// A syntax problem found while scanning one CSV record.
struct CSVSyntaxIssue: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A quoted field whose closing quote never comes.
        case unterminatedQuote
        /// A `"` inside a field that does not start with one.
        case strayQuote
        /// Text between a closing quote and the next comma or line break.
        case textAfterQuote
        /// A NUL byte.
        case nulByte
        /// A record longer than the scanner's limit.
        case recordTooLong
    }

    let kind: Kind
    /// The field, counted from 1 in the record.
    let field: Int
    /// The line where the field starts, counted from 1.
    let line: Int
}

/// A streaming, byte-level RFC 4180 scanner.
///
/// Reads its source in chunks into one reused buffer and hands out one record at
/// a time as byte ranges: no `String` is made for a field. Records end at LF, CR
/// or CRLF outside quotes; quoted fields may hold commas, doubled quotes and line
/// breaks. Empty lines are skipped. A UTF-8 byte-order mark at the start is skipped.
///
/// Lines are counted as an editor shows them: LF, CR and CRLF each end one line,
/// inside quoted fields too. A record longer than ``maximumRecordBytes`` is not
/// kept in memory: it is scanned to its end and reported as too long.
final class CSVScanner<Source: ByteSource> {
    /// A field of the current record, as offsets from the record's first byte.
    struct FieldRange {
        var start: Int
        var end: Int
        var line: Int
        /// The field was quoted and holds doubled quotes to undo.
        var escaped: Bool
    }

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        case quoteInQuoted
    }

    private var source: Source
    let maximumRecordBytes: Int
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    /// One buffer per field index for the unescaped bytes of quoted fields with doubled quotes.
    @exclusivity(unchecked) private var scratch: [UnsafeMutableBufferPointer<UInt8>] = []
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var recordStart = 0
    @exclusivity(unchecked) private var atEnd = false
    @exclusivity(unchecked) private var checkedBOM = false
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var previousWasCR = false
    /// Bytes consumed from the source so far.
    @exclusivity(unchecked) private(set) var bytesRead = 0

    // The current record.
    //
    // The scanner's state is touched only by its own methods, one call at a time, never from two
    // overlapping accesses: the per-field dynamic exclusivity checks (a fifth of the reader's
    // instructions when profiled) are turned off for these properties.
    /// The fields of the current record kept in memory (none for a record too long), in a buffer that only grows.
    @exclusivity(unchecked) private var fields: UnsafeMutablePointer<FieldRange>
    @exclusivity(unchecked) private var fieldCapacity = 16
    @exclusivity(unchecked) private var storedFields = 0
    @exclusivity(unchecked) private(set) var fieldCount = 0
    @exclusivity(unchecked) private(set) var recordLine = 1
    @exclusivity(unchecked) private(set) var recordLength = 0
    @exclusivity(unchecked) private(set) var issues: [CSVSyntaxIssue] = []
    @exclusivity(unchecked) private(set) var isOverlong = false

    private static var chunk: Int { 1 << 18 }

    // The stops of the buffer from `stopsBase`, found by `compass_find_stops` a few thousand at a
    // time: each is the offset of a comma or a line feed from `stopsBase`, with its kind in its
    // top bits. They are found again whenever the buffer is refilled.
    @exclusivity(unchecked) private var stops: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var stopCount = 0
    @exclusivity(unchecked) private var nextStop = 0
    @exclusivity(unchecked) private var stopsBase = 0
    private static var stopCapacity: Int { 4096 }

    // Plain records found a batch at a time by `compass_plain_records`, when the number of fields
    // to expect is known (``plainWidth``): for each, the offset before its first byte and the end
    // of each field, from `plainBase` in the buffer. While one of them is the current record,
    // `plainRecord` points at its offsets and `fields` is not used.
    @exclusivity(unchecked) private var plainEnds: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var plainCapacity = 0
    @exclusivity(unchecked) private var plainCount = 0
    @exclusivity(unchecked) private var plainNext = 0
    @exclusivity(unchecked) private var plainBase = 0
    @exclusivity(unchecked) private var plainRecord: UnsafeMutablePointer<UInt32>?
    /// Records to scan one at a time before the next batch is tried, after a batch found none.
    @exclusivity(unchecked) private var plainBackoff = 0
    private static var plainOffsets: Int { 8192 }

    /// The number of fields of the records to scan in batches: the header's, once it is read.
    ///
    /// Records of this many fields, on one line, without quotes, are then found many at a time,
    /// which is faster than one by one; every other record is scanned as before. Setting it never
    /// changes the records, fields and lines read. 0 (the default) turns batches off.
    /// A width too large for one record's offsets to fit turns them off too.
    @exclusivity(unchecked) var plainWidth = 0 {
        didSet { plainCapacity = plainWidth <= 0 ? 0 : CSVScanner.plainOffsets / (plainWidth + 1) }
    }

    init(source: Source, maximumRecordBytes: Int) {
        self.source = source
        self.maximumRecordBytes = max(1, maximumRecordBytes)
        capacity = CSVScanner.chunk
        buffer = .allocate(capacity: capacity)
        fields = .allocate(capacity: fieldCapacity)
        stops = .allocate(capacity: CSVScanner.stopCapacity)
        plainEnds = .allocate(capacity: CSVScanner.plainOffsets)
    }

    deinit {
        buffer.deallocate()
        fields.deallocate()
        stops.deallocate()
        plainEnds.deallocate()
        for space in scratch { space.deallocate() }
    }

    var totalBytes: Int? { source.totalBytes }

    /// About how many records the source holds, to size tables before reading them: its size
    /// over the average length of the records read ahead (from the next one, to the end of the
    /// buffer or 64 KiB), with 2 % to spare; over 48 bytes a record when no line ends there.
    func estimatedRecords() -> Int {
        CSVScanner.estimatedRecords(
            totalBytes: totalBytes, sample: UnsafeBufferPointer(start: buffer + position, count: count - position))
    }

    /// About how many records a source of `totalBytes` bytes holds, from the line feeds of a
    /// sample of its records (see ``estimatedRecords()``).
    static func estimatedRecords(totalBytes: Int?, sample: UnsafeBufferPointer<UInt8>) -> Int {
        let bytes = totalBytes ?? 0
        // 64 KiB are a thousand records and more: enough for an average, and counted in a fraction
        // of the time a whole buffer took (a megabyte, for the screen, once per file).
        let sample = UnsafeBufferPointer(rebasing: sample.prefix(1 << 16))
        var lineFeeds = 0
        for byte in sample where byte == UInt8(ascii: "\n") { lineFeeds += 1 }
        guard lineFeeds > 0 else { return bytes / 48 }
        let rows = bytes / max(1, sample.count / lineFeeds)
        return rows + rows / 50 + 64
    }

    /// Reads more bytes, keeping the current record; returns `false` at the end of the source.
    private func refill() throws(DataFileError) -> Bool {
        if atEnd { return false }
        // The stops found are offsets in the buffer as it is.
        stopCount = 0
        nextStop = 0
        plainCount = 0
        plainNext = 0
        let shift = isOverlong ? count : recordStart
        let keep = count - shift
        if shift > 0 {
            if keep > 0 { (buffer).update(from: buffer + shift, count: keep) }
            count = keep
            position -= shift
            recordStart = 0
        }
        if capacity - count < CSVScanner.chunk / 4 {
            let newCapacity = max(capacity * 2, count + CSVScanner.chunk)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: buffer, count: count)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        let read = try source.read(into: UnsafeMutableBufferPointer(start: buffer + count, count: capacity - count))
        if read == 0 {
            atEnd = true
            return false
        }
        count += read
        bytesRead += read
        if !checkedBOM, count >= 3 || atEnd {
            checkedBOM = true
            if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF, position == 0 {
                position = 3
                recordStart = 3
            }
        }
        return true
    }

    /// Notes a problem of the current record, in field `field` (from 1; by default the one being scanned).
    private func note(_ kind: CSVSyntaxIssue.Kind, field: Int? = nil, line: Int) {
        guard issues.count < 16 else { return }
        let issue = CSVSyntaxIssue(kind: kind, field: field ?? fieldCount + 1, line: line)
        if kind == .nulByte || kind == .strayQuote, issues.contains(issue) { return }
        issues.append(issue)
    }

    /// Moves to the next non-empty record; returns `false` when there is none.
    ///
    /// - Throws: ``DataFileError`` when the source cannot be read.
    func nextRecord() throws(DataFileError) -> Bool {
        if plainNext < plainCount {
            takePlainRecord()
            return true
        }
        plainRecord = nil
        if plainCapacity > 0, !previousWasCR {
            if plainBackoff > 0 {
                plainBackoff -= 1
            } else {
                if position == count, !(try refill()) { return false }
                if scanPlainBatch() {
                    takePlainRecord()
                    return true
                }
                // Near the end of the buffer, the next record may only be cut short: read more and try again.
                if count - position < CSVScanner.chunk / 4, !atEnd {
                    // Every record before `position` is done with, even one too long (which
                    // `refill()` would otherwise drop the buffer's bytes after).
                    recordStart = position
                    isOverlong = false
                    if try refill(), scanPlainBatch() {
                        takePlainRecord()
                        return true
                    }
                }
                plainBackoff = 16
            }
        }
        while true {
            if position == count, !(try refill()) { return false }
            if let plain = scanPlainRecord() {
                if plain { return true }
                continue
            }
            if try scanRecord() { return true }
            if position == count, atEnd { return false }
        }
    }

    /// Finds a batch of plain records from `position`; `false` when the next record is not one.
    private func scanPlainBatch() -> Bool {
        var consumed = 0
        let records = compass_plain_records(
            buffer + position, min(count - position, 1 << 30), plainWidth, maximumRecordBytes, plainEnds,
            plainCapacity, &consumed)
        guard records > 0 else { return false }
        plainBase = position
        plainCount = records
        plainNext = 0
        position += consumed
        if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
        isOverlong = false
        storedFields = plainWidth
        fieldCount = plainWidth
        return true
    }

    /// Makes the next record of the batch the current one.
    @inline(__always) private func takePlainRecord() {
        let record = plainEnds + plainNext * (plainWidth + 1)
        plainNext += 1
        plainRecord = record
        let start = plainBase + Int(record[0] &+ 1)
        recordStart = start
        recordLength = plainBase + Int(record[plainWidth]) - start
        recordLine = line
        line += 1
    }

    /// Plain records found in one batch, for a reader that takes many at once: their bytes are
    /// from `base`, and record `r`'s offsets (the one before its first byte, then the end of each
    /// of its `width` fields) are `ends[r * (width + 1)...(r + 1) * (width + 1)]`. Each is on one
    /// line, the first on line `line`.
    struct PlainRun {
        let base: UnsafePointer<UInt8>
        let ends: UnsafePointer<UInt32>
        let width: Int
        let count: Int
        let line: Int

        /// The bytes of field `index` of record `record`.
        @inline(__always) func field(_ record: Int, _ index: Int) -> UnsafeBufferPointer<UInt8> {
            let offsets = ends + record &* (width &+ 1)
            let start = Int(offsets[index] &+ 1)
            return UnsafeBufferPointer(start: base + start, count: Int(offsets[index &+ 1]) &- start)
        }

        /// The bytes of record `record`, without its line break.
        @inline(__always) func raw(_ record: Int) -> UnsafeBufferPointer<UInt8> {
            let offsets = ends + record &* (width &+ 1)
            let start = Int(offsets[0] &+ 1)
            return UnsafeBufferPointer(start: base + start, count: Int(offsets[width]) &- start)
        }
    }

    /// The plain records of the current batch after the current record, if any: each would be
    /// the current record of one more call of ``nextRecord()``.
    var plainRun: PlainRun? {
        guard plainNext < plainCount else { return nil }
        return PlainRun(
            base: UnsafePointer(buffer + plainBase), ends: UnsafePointer(plainEnds + plainNext * (plainWidth + 1)),
            width: plainWidth, count: plainCount - plainNext, line: line)
    }

    /// Takes the first `count` records of ``plainRun`` (at least one) as read, as `count` calls
    /// of ``nextRecord()`` would: the last of them becomes the current record.
    func takePlainRecords(_ count: Int) {
        plainNext += count - 1
        line += count - 1
        takePlainRecord()
    }

    /// Scans a plain record from the stops of the buffer (``findStops(from:)``): one that lies
    /// whole in the buffer, ends with LF or CRLF, and holds no quote, CR or NUL. Returns `true`
    /// for a record, `false` for an empty line skipped, and `nil` (having changed nothing but the
    /// stops) for anything else, which ``scanRecord()`` then scans byte by byte. The fields,
    /// lines and positions are the ones it would give.
    @inline(__always) private func scanPlainRecord() -> Bool? {
        guard !previousWasCR else { return nil }
        let start = position
        // The stops of records the byte scan read are passed over.
        while nextStop < stopCount, stopsBase + Int(stops[nextStop] & COMPASS_STOP_OFFSET) < start { nextStop += 1 }
        if nextStop == stopCount { findStops(from: start) }
        while true {
            var index = nextStop
            var fieldBegin = start
            var stored = 0
            while index < stopCount {
                let stop = stops[index]
                let at = stopsBase + Int(stop & COMPASS_STOP_OFFSET)
                index += 1
                if stop & COMPASS_STOP_LF == 0 {
                    guard storePlainField(stored, from: fieldBegin - start, to: at - start) else { return nil }
                    stored += 1
                    fieldBegin = at + 1
                    continue
                }
                // The line feed, or the CR before it, ends the record.
                let end = max(fieldBegin, stop & COMPASS_STOP_CRLF == COMPASS_STOP_CRLF ? at - 1 : at)
                nextStop = index
                if end == start {
                    position = at + 1
                    line += 1
                    return false
                }
                guard end - start <= maximumRecordBytes,
                    storePlainField(stored, from: fieldBegin - start, to: end - start)
                else { return nil }
                storedFields = stored + 1
                fieldCount = stored + 1
                if !issues.isEmpty { issues.removeAll(keepingCapacity: true) }
                isOverlong = false
                recordStart = start
                recordLine = line
                recordLength = end - start
                position = at + 1
                line += 1
                return true
            }
            // The stops ran out before the record ended: find them again from its start, once.
            guard stopsBase != start else { return nil }
            findStops(from: start)
        }
    }

    /// Finds the stops (commas and line ends) of the buffer from `start`, as far as the buffer's
    /// bytes, the room for stops, and the first byte plain CSV cannot hold allow.
    private func findStops(from start: Int) {
        var scanned = 0
        stopCount = compass_find_stops(
            buffer + start, min(count - start, 1 << 29), stops, CSVScanner.stopCapacity, &scanned)
        stopsBase = start
        nextStop = 0
    }

    /// Stores field `index` of a plain record, on the current line; `false` when the field buffer is full.
    @inline(__always) private func storePlainField(_ index: Int, from start: Int, to end: Int) -> Bool {
        guard index < fieldCapacity else { return false }
        (fields + index).initialize(to: FieldRange(start: start, end: end, line: line, escaped: false))
        return true
    }

    /// Scans one record; returns `false` for an empty line.
    private func scanRecord() throws(DataFileError) -> Bool {
        storedFields = 0
        fieldCount = 0
        issues.removeAll(keepingCapacity: true)
        isOverlong = false
        recordStart = position
        recordLine = line
        var state = State.fieldStart
        var fieldStart = 0
        var fieldLine = line
        var escaped = false
        var quoted = false

        func endField(at end: Int) {
            if !isOverlong {
                if storedFields == fieldCapacity {
                    let grown = UnsafeMutablePointer<FieldRange>.allocate(capacity: fieldCapacity * 2)
                    grown.moveInitialize(from: fields, count: storedFields)
                    fields.deallocate()
                    fields = grown
                    fieldCapacity *= 2
                }
                if quoted, state == .quoteInQuoted {
                    (fields + storedFields).initialize(
                        to: FieldRange(start: fieldStart + 1, end: end - 1, line: fieldLine, escaped: escaped))
                } else {
                    (fields + storedFields).initialize(
                        to: FieldRange(start: fieldStart, end: end, line: fieldLine, escaped: false))
                }
                storedFields += 1
            }
            fieldCount += 1
        }

        while true {
            if position == count {
                if !isOverlong, count - recordStart >= maximumRecordBytes {
                    note(.recordTooLong, line: fieldLine)
                    isOverlong = true
                }
                if !(try refill()) {
                    // The end of the source ends the record.
                    let end = position - recordStart
                    if state == .fieldStart, fieldCount == 0, end == 0 { return false }
                    if state == .quoted { note(.unterminatedQuote, line: fieldLine) }
                    endField(at: end)
                    finishRecord(at: end)
                    return true
                }
            }
            // The bytes in the buffer, scanned with local copies of the scanner's state.
            let bytes = buffer
            let available = count
            let start = recordStart
            var index = position
            var currentLine = line
            var afterCR = previousWasCR
            defer {
                line = currentLine
                previousWasCR = afterCR
            }
            while index < available {
                let byte = bytes[index]
                if byte == 0x0A {
                    if !afterCR { currentLine += 1 }
                    afterCR = false
                } else if byte == 0x0D {
                    currentLine += 1
                    afterCR = true
                } else {
                    afterCR = false
                }
                switch state {
                case .fieldStart:
                    fieldStart = index - start
                    fieldLine = byte == 0x0A || byte == 0x0D ? currentLine - 1 : currentLine
                    escaped = false
                    quoted = false
                    switch byte {
                    case UInt8(ascii: "\""):
                        quoted = true
                        state = .quoted
                    case UInt8(ascii: ","):
                        endField(at: fieldStart)
                    case 0x0A, 0x0D:
                        let end = index - start
                        position = index + 1
                        if fieldCount == 0, end == 0 { return false }
                        endField(at: end)
                        finishRecord(at: end)
                        return true
                    case 0:
                        note(.nulByte, line: fieldLine)
                        state = .unquoted
                    default:
                        state = .unquoted
                        index = CSVScanner.lastOrdinary(bytes, from: index, to: available)
                    }
                case .unquoted:
                    switch byte {
                    case UInt8(ascii: ","):
                        endField(at: index - start)
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        let end = index - start
                        position = index + 1
                        endField(at: end)
                        finishRecord(at: end)
                        return true
                    case UInt8(ascii: "\""):
                        if !quoted { note(.strayQuote, line: fieldLine) }
                    case 0:
                        note(.nulByte, line: fieldLine)
                    default:
                        index = CSVScanner.lastOrdinary(bytes, from: index, to: available)
                    }
                case .quoted:
                    if byte == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else if byte == 0 {
                        note(.nulByte, line: fieldLine)
                    }
                case .quoteInQuoted:
                    switch byte {
                    case UInt8(ascii: "\""):
                        escaped = true
                        state = .quoted
                    case UInt8(ascii: ","):
                        endField(at: index - start)
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        let end = index - start
                        position = index + 1
                        endField(at: end)
                        finishRecord(at: end)
                        return true
                    default:
                        note(byte == 0 ? .nulByte : .textAfterQuote, line: fieldLine)
                        state = .unquoted
                    }
                }
                index += 1
            }
            position = index
        }
    }

    /// Ends the current record, `end` bytes long: one longer than the limit is too long even when
    /// the buffer held it whole, and the problem names the field where the limit is passed.
    private func finishRecord(at end: Int) {
        if !isOverlong, end > maximumRecordBytes {
            var field = 0
            while field + 1 < storedFields, fields[field].end < maximumRecordBytes { field += 1 }
            note(.recordTooLong, field: field + 1, line: field < storedFields ? fields[field].line : recordLine)
            isOverlong = true
        }
        recordLength = isOverlong ? 0 : end
    }

    /// The index of the last byte of the run of ordinary bytes that starts at `index`, before `end`.
    ///
    /// Ordinary bytes (not a comma, quote, line break or NUL) change no state of an unquoted
    /// field and no line count, so the scan skips them in this tight loop instead of going
    /// through the state machine byte by byte.
    @inline(__always) private static func lastOrdinary(
        _ bytes: UnsafeMutablePointer<UInt8>, from index: Int, to end: Int
    )
        -> Int
    {
        var next = index + 1
        // Eight bytes at a time: a byte equal to one of the five special ones gives a zero byte in
        // one of the XORs, found with the usual has-zero-byte test. Its lowest flagged byte is exact.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }
        let raw = UnsafeRawPointer(bytes)
        while next + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: next, as: UInt64.self)
            let special =
                zeroBytes(word ^ (ones &* 0x2C)) | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x0A))
                | zeroBytes(word ^ (ones &* 0x0D)) | zeroBytes(word)
            if special != 0 { return next + special.trailingZeroBitCount / 8 - 1 }
            next += 8
        }
        while next < end {
            let byte = bytes[next]
            if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "\"") || byte == 0 {
                break
            }
            next += 1
        }
        return next - 1
    }

    /// The line where field `index` (from 0) starts.
    func line(ofField index: Int) -> Int {
        plainRecord == nil && index < storedFields ? fields[index].line : recordLine
    }

    /// Calls `body` with the bytes of field `index` (from 0), quotes removed and doubled quotes undone.
    ///
    /// The bytes are valid only inside `body`.
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(field(index))
    }

    /// The bytes of field `index` (from 0), quotes removed and doubled quotes undone.
    ///
    /// The bytes stay valid until the next call of `nextRecord()`: an escaped field is
    /// unescaped into a buffer kept for its field index.
    @inline(__always) func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < storedFields else { return UnsafeBufferPointer(start: nil, count: 0) }
        if let record = plainRecord {
            let start = Int(record[index] &+ 1)
            return UnsafeBufferPointer(start: buffer + plainBase + start, count: Int(record[index + 1]) - start)
        }
        let range = fields[index]
        let start = buffer + recordStart + range.start
        let length = max(0, range.end - range.start)
        guard range.escaped else { return UnsafeBufferPointer(start: start, count: length) }
        return unescaped(start, length, field: index)
    }

    /// Copies a quoted field's bytes into its scratch buffer with doubled quotes undone.
    private func unescaped(_ start: UnsafeMutablePointer<UInt8>, _ length: Int, field: Int)
        -> UnsafeBufferPointer<UInt8>
    {
        while scratch.count <= field { scratch.append(.allocate(capacity: 64)) }
        if scratch[field].count < length {
            scratch[field].deallocate()
            scratch[field] = .allocate(capacity: max(length, scratch[field].count * 2))
        }
        let target = scratch[field]
        var written = 0
        var index = 0
        while index < length {
            let byte = start[index]
            target[written] = byte
            written += 1
            index += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return UnsafeBufferPointer(start: target.baseAddress, count: written)
    }

    /// The record's bytes as they are in the source, without the line break, valid until the
    /// next call of ``nextRecord()``; empty for a record too long to be kept.
    var rawRecord: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordStart, count: isOverlong ? 0 : recordLength)
    }

    /// Calls `body` with the record's bytes as they are in the source, without the line break.
    ///
    /// Empty for a record too long to be kept.
    func withRawRecord<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: buffer + recordStart, count: isOverlong ? 0 : recordLength))
    }
}
