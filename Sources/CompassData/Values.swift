import CompassCore
import CompassEngine

/// The codes of one code list, looked up from bytes without making a `String`.
final class CodeTable<C: Code> {
    /// A code as a lookup compares it: its length, two words of its bytes (``words(_:)``), the
    /// bytes themselves, and its value.
    private struct Entry {
        var length = -1
        var head: UInt64 = 0
        var tail: UInt64 = 0
        /// The code's bytes, in `codeBytes`.
        var bytes: UnsafePointer<UInt8>?
        var value: C?
    }

    /// Where each code's bytes start in `codeBytes`, and their lengths.
    private let starts: [Int]
    private let lengths: [Int]
    private let values: [C]
    /// An entry per hash of a text's length, first and last bytes (`slot(_:_:_:)`): the one code
    /// that can be there, or none. The hash's multiplier is chosen so that no two codes share a
    /// slot; a lookup reads one entry and compares two words (and, over 16 bytes, the middle).
    private let entries: UnsafeMutablePointer<Entry>
    /// The codes' bytes, one after the other, in memory that stays where it is (the entries point into it).
    private let codeBytes: UnsafeMutablePointer<UInt8>
    private let multiplier: Int
    /// Whether such a multiplier was found (the code lists of the format all have one); if not,
    /// a lookup compares every code.
    private let isPerfect: Bool
    let noun: String
    let expected: String

    init(_ type: C.Type, noun: String) {
        let codes = C.allCases.map { Array($0.code.utf8) }
        let flat = codes.flatMap { $0 }
        var offsets: [Int] = []
        var offset = 0
        for code in codes {
            offsets.append(offset)
            offset += code.count
        }
        starts = offsets
        lengths = codes.map(\.count)
        values = Array(C.allCases)
        var found: (Int, [Int8])?
        if codes.count < 128, codes.allSatisfy({ !$0.isEmpty }) {
            for multiplier in stride(from: 3, to: 512, by: 2) {
                var table = [Int8](repeating: -1, count: 256)
                var clash = false
                for (index, code) in codes.enumerated() {
                    let slot = CodeTable.slot(code.count, code[0], code[code.count - 1], multiplier)
                    if table[slot] >= 0 { clash = true; break }
                    table[slot] = Int8(index)
                }
                if !clash {
                    found = (multiplier, table)
                    break
                }
            }
        }
        multiplier = found?.0 ?? 1
        isPerfect = found != nil
        codeBytes = .allocate(capacity: max(1, flat.count))
        codeBytes.initialize(from: flat, count: flat.count)
        entries = .allocate(capacity: 256)
        entries.initialize(repeating: Entry(), count: 256)
        for (slot, index) in (found?.1 ?? []).enumerated() where index >= 0 {
            let code = codes[Int(index)]
            let (head, tail) = code.withUnsafeBufferPointer(CodeTable.words)
            entries[slot] = Entry(
                length: code.count, head: head, tail: tail, bytes: UnsafePointer(codeBytes + offsets[Int(index)]),
                value: values[Int(index)])
        }
        self.noun = noun
        expected = C.allCases.map(\.code).joined(separator: ", ")
    }

    deinit {
        entries.deinitialize(count: 256)
        entries.deallocate()
        codeBytes.deallocate()
    }

    @inline(__always) private static func slot(_ count: Int, _ first: UInt8, _ last: UInt8, _ multiplier: Int) -> Int {
        (count &* 131 &+ Int(first) &* multiplier &+ Int(last) &* 7) & 255
    }

    /// Two words that, for texts of one length, are equal only when the texts are: from eight
    /// bytes on, the first and the last eight bytes; below, the first and the last four bytes
    /// (or, below four, the first, middle and last byte) in the first word, and a zero second.
    @inline(__always) private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return (first | last << 32, 0)
        }
        return (UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16, 0)
    }

    /// Whether the code at `index` is exactly `bytes`.
    @inline(__always) private func matches(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengths[index] == bytes.count else { return false }
        return memoryEqual(UnsafeBufferPointer(start: codeBytes + starts[index], count: bytes.count), bytes)
    }

    /// The code whose text is exactly `bytes`.
    @inline(__always) func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> C? {
        guard isPerfect else { return search(bytes) }
        return CodeTable.lookup(bytes, entries: entries, multiplier: multiplier)
    }

    /// The code whose text is exactly `bytes`, compared with every code in turn.
    private func search(_ bytes: UnsafeBufferPointer<UInt8>) -> C? {
        for index in values.indices where matches(index, bytes) { return values[index] }
        return nil
    }

    /// The code of the entry of `bytes`'s slot, if they are its bytes.
    @inline(__always) private static func lookup(
        _ bytes: UnsafeBufferPointer<UInt8>, entries: UnsafeMutablePointer<Entry>, multiplier: Int
    ) -> C? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return nil }
        let entry = entries[CodeTable.slot(count, base[0], base[count - 1], multiplier)]
        guard entry.length == count else { return nil }
        let (head, tail) = CodeTable.words(bytes)
        guard head == entry.head, tail == entry.tail else { return nil }
        // Over sixteen bytes, the two words leave a middle to compare.
        if count > 16, let code = entry.bytes, !memoryEqual(UnsafeBufferPointer(start: code, count: count), bytes) {
            return nil
        }
        return entry.value
    }

    /// The table as a value without references, for a reader's loop: using the table itself
    /// there retained and released it at every lookup. Valid while the table lives.
    var lookups: Lookups { Lookups(table: self) }

    /// ``CodeTable/lookup(_:)`` of a table that a caller keeps alive, through its memory.
    struct Lookups {
        private let entries: UnsafeMutablePointer<Entry>
        private let multiplier: Int
        private let isPerfect: Bool
        private let table: Unmanaged<CodeTable>

        fileprivate init(table: CodeTable) {
            entries = table.entries
            multiplier = table.multiplier
            isPerfect = table.isPerfect
            self.table = Unmanaged.passUnretained(table)
        }

        /// The code whose text is exactly `bytes`.
        @inline(__always) func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> C? {
            guard isPerfect else { return table.takeUnretainedValue().search(bytes) }
            return CodeTable.lookup(bytes, entries: entries, multiplier: multiplier)
        }
    }
}

/// Whether two byte ranges hold the same bytes; compared eight bytes at a time (the last word
/// overlapping the one before it), four for shorter ranges.
@inline(__always) func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = a.count
    guard count == b.count else { return false }
    guard count > 0, let first = a.baseAddress, let second = b.baseAddress else { return true }
    let x = UnsafeRawPointer(first)
    let y = UnsafeRawPointer(second)
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            guard
                x.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == y.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index += 8
        }
        return x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }
    if count >= 4 {
        return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
            && x.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                == y.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
    }
    for index in 0..<count where first[index] != second[index] { return false }
    return true
}

/// The code tables of the data contract.
final class CodeTables {
    let sex = CodeTable(Sex.self, noun: "sex")
    let assistanceKind = CodeTable(AssistanceKind.self, noun: "assistance kind")
    let vulnerability = CodeTable(Vulnerability.self, noun: "vulnerability")
    let surveyService = CodeTable(SurveyService.self, noun: "survey service")
    let trainingTopic = CodeTable(TrainingTopic.self, noun: "training topic")
    let trainingAudience = CodeTable(TrainingAudience.self, noun: "training audience")
    let organisationType = CodeTable(OrganisationType.self, noun: "organisation type")
    let knowledgeProductKind = CodeTable(KnowledgeProductKind.self, noun: "knowledge product kind")
}

/// Parsers of single values from UTF-8 bytes, shared by the CSV and JSON readers.
enum Value {
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String { "'\(DataProblem.display(bytes))'" }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Whether every byte is below 0x80, tested eight bytes at a time (from 4 to 16 bytes, as two
    /// words that overlap when shorter).
    @inline(__always) static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        // 4 to 16 bytes, the usual length of an id, as two words that overlap when shorter.
        if count >= 8, count <= 16 {
            let first = raw.loadUnaligned(as: UInt64.self)
            let last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            return (first | last) & 0x8080_8080_8080_8080 == 0
        }
        if count >= 4, count < 8 {
            let first = raw.loadUnaligned(as: UInt32.self)
            let last = raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            return (first | last) & 0x8080_8080 == 0
        }
        var index = 0
        var bits: UInt64 = 0
        while index + 8 <= count {
            bits |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            index += 8
        }
        while index < count {
            bits |= UInt64(base[index])
            index += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The error for bytes that could not be parsed: invalid UTF-8 first, then `otherwise`.
    static func failure(_ bytes: UnsafeBufferPointer<UInt8>, _ otherwise: Rejection) -> Rejection {
        if bytes.contains(where: { $0 >= 0x80 }), !isValidUTF8(bytes) {
            return Rejection("invalid-utf8", "\(quoted(bytes)) is not valid UTF-8 text")
        }
        return otherwise
    }

    /// Text of any content, including empty, that must be valid UTF-8.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, Rejection> {
        // ASCII, the usual case, is valid UTF-8 as it is: decoding it directly skips the generic validation.
        if isASCII(bytes) { return .success(String(decoding: bytes, as: UTF8.self)) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        return .failure(Rejection("invalid-utf8", "\(quoted(bytes)) is not valid UTF-8 text"))
    }

    /// An identifier: non-empty UTF-8 text.
    static func identifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, Rejection> {
        guard !bytes.isEmpty else { return .failure(Rejection("missing-value", "an identifier is required")) }
        return text(bytes)
    }

    /// An identifier checked without making a `String`: non-empty UTF-8 text.
    static func validIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Void, Rejection> {
        guard !bytes.isEmpty else { return .failure(Rejection("missing-value", "an identifier is required")) }
        if isASCII(bytes) || isValidUTF8(bytes) { return .success(()) }
        return .failure(Rejection("invalid-utf8", "\(quoted(bytes)) is not valid UTF-8 text"))
    }

    static func code<C>(_ bytes: UnsafeBufferPointer<UInt8>, _ table: CodeTable<C>) -> Result<C, Rejection> {
        if let value = table.lookup(bytes) { return .success(value) }
        if bytes.isEmpty {
            return .failure(
                Rejection("missing-value", "a code of \(table.noun) is required (one of \(table.expected))"))
        }
        return .failure(
            failure(
                bytes,
                Rejection(
                    "invalid-code",
                    "\(quoted(bytes)) is not a code of \(table.noun) (expected one of \(table.expected))")))
    }

    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<CalendarDate, Rejection> {
        if let date = CalendarDate(isoBytes: bytes) { return .success(date) }
        if bytes.isEmpty { return .failure(Rejection("missing-value", "a date is required (YYYY-MM-DD)")) }
        let shaped =
            bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (48...57).contains(bytes[$0]) }
        if shaped {
            return .failure(Rejection("invalid-date", "\(quoted(bytes)) is not a day of the calendar"))
        }
        return .failure(failure(bytes, Rejection("invalid-date", "\(quoted(bytes)) is not a date written YYYY-MM-DD")))
    }

    static func country(_ bytes: UnsafeBufferPointer<UInt8>, cache: inout [UInt32: CountryCode]) -> Result<
        CountryCode, Rejection
    > {
        if isCountryCode(bytes) {
            let key = UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
            if let country = cache[key] { return .success(country) }
            if let country = CountryCode(String(decoding: bytes, as: UTF8.self)) {
                cache[key] = country
                return .success(country)
            }
        }
        if bytes.isEmpty {
            return .failure(Rejection("missing-value", "a country is required (ISO 3166-1 alpha-3, such as MLI)"))
        }
        return .failure(
            failure(
                bytes,
                Rejection(
                    "invalid-country",
                    "\(quoted(bytes)) is not an ISO 3166-1 alpha-3 code (three capital letters, such as MLI)")
            ))
    }

    /// Whether bytes are three capital letters, the form of every country code (``CountryCode``).
    @inline(__always) static func isCountryCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 3 && (65...90).contains(bytes[0]) && (65...90).contains(bytes[1]) && (65...90).contains(bytes[2])
    }

    /// A count: a non-negative decimal integer of at most 18 digits.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int, Rejection> {
        if let value = unsigned(bytes) { return .success(value) }
        if bytes.isEmpty { return .failure(Rejection("missing-value", "a count is required")) }
        if bytes.first == UInt8(ascii: "-"), unsigned(UnsafeBufferPointer(rebasing: bytes.dropFirst())) != nil {
            return .failure(Rejection("negative-count", "\(quoted(bytes)) is negative; a count is 0 or more"))
        }
        return .failure(failure(bytes, Rejection("invalid-integer", "\(quoted(bytes)) is not a whole number")))
    }

    @inline(__always) static func unsigned(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The years of birth accepted.
    static var birthYears: ClosedRange<Int> { 1900...2100 }

    /// A year of birth, four digits among ``birthYears``; `nil` for anything else.
    ///
    /// The rule of a birth year, for both paths: ``birthYear(_:)`` says why a value breaks it,
    /// and the plain rows of migrants.csv take only the values it accepts.
    @inline(__always) static func validBirthYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 4, let year = unsigned(bytes), birthYears.contains(year) else { return nil }
        return year
    }

    /// A year of birth, four digits among ``birthYears``.
    static func birthYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int, Rejection> {
        if let year = validBirthYear(bytes) { return .success(year) }
        guard unsigned(bytes) != nil, bytes.count == 4 else {
            return .failure(failure(bytes, Rejection("invalid-year", "\(quoted(bytes)) is not a year written YYYY")))
        }
        return .failure(
            Rejection(
                "impossible-value",
                "\(quoted(bytes)) is not a year of birth from \(birthYears.lowerBound) to \(birthYears.upperBound)"))
    }

    /// `yes` or `no`.
    static func yesNo(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Bool, Rejection> {
        if bytes.count == 3, bytes[0] == UInt8(ascii: "y"), bytes[1] == UInt8(ascii: "e"), bytes[2] == UInt8(ascii: "s")
        {
            return .success(true)
        }
        if bytes.count == 2, bytes[0] == UInt8(ascii: "n"), bytes[1] == UInt8(ascii: "o") { return .success(false) }
        if bytes.isEmpty { return .failure(Rejection("missing-value", "yes or no is required")) }
        return .failure(failure(bytes, Rejection("invalid-boolean", "\(quoted(bytes)) is not yes or no")))
    }

    /// A month, `YYYY-MM`.
    static func month(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(year: Int, month: Int), Rejection> {
        if bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
            let year = unsigned(UnsafeBufferPointer(rebasing: bytes[0..<4])),
            let month = unsigned(UnsafeBufferPointer(rebasing: bytes[5..<7]))
        {
            guard year >= 1, (1...12).contains(month) else {
                return .failure(Rejection("invalid-month", "\(quoted(bytes)) is not a month of the calendar"))
            }
            return .success((year, month))
        }
        if bytes.isEmpty { return .failure(Rejection("missing-value", "a month is required (YYYY-MM)")) }
        return .failure(failure(bytes, Rejection("invalid-month", "\(quoted(bytes)) is not a month written YYYY-MM")))
    }

    /// `;`-separated vulnerability codes, possibly none.
    static func vulnerabilities(_ bytes: UnsafeBufferPointer<UInt8>, _ table: CodeTable<Vulnerability>) -> Result<
        Set<Vulnerability>, Rejection
    > {
        var result: Set<Vulnerability> = []
        guard !bytes.isEmpty else { return .success(result) }
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") {
            let part = UnsafeBufferPointer(rebasing: bytes[start..<index])
            guard let value = table.lookup(part) else {
                return .failure(
                    failure(
                        bytes,
                        Rejection(
                            "invalid-code",
                            "\(quoted(part)) in \(quoted(bytes)) is not a code of vulnerability (expected codes separated by ';' among \(table.expected))"
                        )))
            }
            result.insert(value)
            start = index + 1
        }
        return .success(result)
    }
}
