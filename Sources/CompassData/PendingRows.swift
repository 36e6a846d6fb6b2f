import CompassCore
import CompassEngine

/// A plain assistance row decoded and waiting in a batch; its id, migrant id and raw record are
/// in the batch's bytes.
///
/// Its fields are laid out in 32 bytes, two rows to a cache line (the offsets and lengths in 32
/// and 16 bits, ``RowBytes``): the batches go from one core to the other, and their rows are read
/// once by each.
struct PendingAssistance {
    let line: Int
    /// Where its id, migrant id and record are in the batch's bytes.
    let bytes: RowBytes
    let date: CalendarDate
    let kind: AssistanceKind
    let country: (UInt8, UInt8, UInt8)
}

/// Where the id, the migrant id and the raw record of a batched row of assistance.csv or
/// surveys.csv are in its batch's bytes, one after the other, in 12 bytes.
struct RowBytes {
    /// The longest id or migrant id a batched row holds; a row with a longer one takes the general path.
    static let maximumIDLength = Int(UInt16.max)

    private let start: UInt32
    private let rawLength: UInt32
    private let idLength: UInt16
    private let migrantLength: UInt16

    /// Bytes from `start` (the batch's bytes stay shorter than 4 GiB): an id and a migrant id of
    /// at most ``maximumIDLength`` bytes each, then a record of `rawLength` bytes.
    @inline(__always) init(start: Int, idLength: Int, migrantLength: Int, rawLength: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.rawLength = UInt32(truncatingIfNeeded: rawLength)
        self.idLength = UInt16(truncatingIfNeeded: idLength)
        self.migrantLength = UInt16(truncatingIfNeeded: migrantLength)
    }

    @inline(__always) func id(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(start)
        return UnsafeBufferPointer(rebasing: bytes[start..<start + Int(idLength)])
    }

    @inline(__always) func migrant(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let from = Int(start) + Int(idLength)
        return UnsafeBufferPointer(rebasing: bytes[from..<from + Int(migrantLength)])
    }

    func raw(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let rawStart = Int(start) + Int(idLength) + Int(migrantLength)
        return UnsafeBufferPointer(rebasing: bytes[rawStart..<rawStart + Int(rawLength)])
    }
}

/// A plain survey answer decoded and waiting in a batch; its id, migrant id and raw record are
/// in the batch's bytes.
struct PendingSurvey {
    let line: Int
    let bytes: RowBytes
    let date: CalendarDate
    let service: SurveyService
    let satisfied: Bool
}

/// A plain migrant row decoded and waiting in a batch; its id and raw record are in the batch's bytes.
///
/// Laid out in 32 bytes, as ``PendingAssistance`` is.
struct PendingMigrant {
    let line: Int
    private let start: UInt32
    private let rawLength: UInt32
    let registered: CalendarDate?
    /// The birth year, or 0 when it is not given.
    private let year: Int16
    private let idLength: UInt16
    let sex: Sex
    let vulnerabilities: UInt8
    /// The letters of the nationality; the first is 0 when it is not given.
    private let country: (UInt8, UInt8, UInt8)
    /// The hash of the id in the store's id table of migrants.
    let idHash: UInt64

    /// A row whose id (at most ``RowBytes/maximumIDLength`` bytes) and raw record
    /// (`rawLength` bytes) follow one another from `start` in its batch's bytes, which stay
    /// shorter than 4 GiB; `birthYear` is from 1900 to 2100, and the nationality three capital letters.
    @inline(__always) init(
        line: Int, sex: Sex, birthYear: Int?, nationality: (UInt8, UInt8, UInt8)?, registered: CalendarDate?,
        vulnerabilities: UInt8, start: Int, idLength: Int, rawLength: Int, idHash: UInt64
    ) {
        self.line = line
        self.idHash = idHash
        self.start = UInt32(truncatingIfNeeded: start)
        self.rawLength = UInt32(truncatingIfNeeded: rawLength)
        self.registered = registered
        year = Int16(truncatingIfNeeded: birthYear ?? 0)
        self.idLength = UInt16(truncatingIfNeeded: idLength)
        self.sex = sex
        self.vulnerabilities = vulnerabilities
        country = nationality ?? (0, 0, 0)
    }

    var birthYear: Int? { year == 0 ? nil : Int(year) }
    var nationality: (UInt8, UInt8, UInt8)? { country.0 == 0 ? nil : country }

    @inline(__always) func id(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = Int(start)
        return UnsafeBufferPointer(rebasing: bytes[start..<start + Int(idLength)])
    }

    func raw(in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let rawStart = Int(start) + Int(idLength)
        return UnsafeBufferPointer(rebasing: bytes[rawStart..<rawStart + Int(rawLength)])
    }
}
