/// Plain rows of one file decoded by the reader and waiting to be committed to the store, in file order.
final class PendingBatch {
    @exclusivity(unchecked) var assistance = BatchRows<PendingAssistance>()
    @exclusivity(unchecked) var migrants = BatchRows<PendingMigrant>()
    @exclusivity(unchecked) var surveys = BatchRows<PendingSurvey>()
    /// The ids, migrant ids and (when the rejects are written) records of the rows.
    @exclusivity(unchecked) var bytes = BatchBytes()

    func removeAll() {
        assistance.removeAll()
        migrants.removeAll()
        surveys.removeAll()
        bytes.removeAll()
    }
}

/// The bytes of a batch's rows (ids, migrant ids, records): one buffer that only grows, filled
/// by the reader a few bytes at a time and read by the committer.
///
/// An array's `append(contentsOf:)` was a call, with its checks, for each id of each row (a
/// twentieth of the reader's time); an id of 8 to 16 bytes is copied here as two words.
///
/// A value that is never copied, so that its one owner (the reader, or a batch, which swap them)
/// frees it; a class would cost a retain and a release at each append.
struct BatchBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes appended since the buffer was last emptied.
    private(set) var count = 0

    init() {
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Appends bytes.
    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let length = bytes.count
        guard length > 0, let source = bytes.baseAddress else { return }
        if count + length > capacity { grow(to: count + length) }
        let target = UnsafeMutableRawPointer(base + count)
        if length >= 8, length <= 16 {
            // Two words, overlapping when the length is below 16.
            let raw = UnsafeRawPointer(source)
            let head = raw.loadUnaligned(as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
        count += length
    }

    /// Makes room for at least `needed` bytes, keeping those appended.
    private mutating func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes appended; they are valid only inside `body`.
    @inline(__always) func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }
}

/// The rows of a batch, in order: a buffer that only grows, filled by the reader one row at a
/// time and read by the committer.
///
/// An array checked that its storage was not shared at each append (a call through the dynamic
/// linker's table); like ``BatchBytes``, this value is never copied, so it needs no such check.
struct BatchRows<Row>: ~Copyable {
    private var base: UnsafeMutablePointer<Row>
    private var capacity: Int
    /// The number of rows appended since the buffer was last emptied.
    private(set) var count = 0

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Appends a row.
    @inline(__always) mutating func append(_ row: Row) {
        if count == capacity { grow() }
        (base + count).initialize(to: row)
        count += 1
    }

    /// Doubles the room, keeping the rows appended.
    private mutating func grow() {
        let moved = UnsafeMutablePointer<Row>.allocate(capacity: capacity * 2)
        moved.moveInitialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity *= 2
    }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    /// Calls `body` with the rows appended; they are valid only inside `body`.
    @inline(__always) func withRows<R>(_ body: (UnsafeBufferPointer<Row>) -> R) -> R {
        body(UnsafeBufferPointer(start: base, count: count))
    }
}
