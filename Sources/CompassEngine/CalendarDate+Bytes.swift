public import CompassCore

extension CalendarDate {
    /// Parses `YYYY-MM-DD` from raw UTF-8 bytes, as the readers find it in a buffer.
    ///
    /// Gives the same date as `CalendarDate.init(_:)` for the same ten bytes, and `nil`
    /// for any other length.
    @inlinable @inline(__always) public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        self.init(
            isoHead: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
            tail: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    }

    /// Parses `YYYY-MM-DD` from its ten bytes: the first eight (`YYYY-MM-`) as a little-endian
    /// word, the last two (`DD`) as a little-endian half-word.
    ///
    /// All ten bytes are checked at once, a word at a time: a reader that has the bytes in
    /// registers parses a date without a loop or a branch per byte. Whether the day exists
    /// is left to `CalendarDate.init(year:month:day:)`.
    @inlinable @inline(__always)
    package init?(isoHead head: UInt64, tail: UInt16) {
        // Bytes 4 and 7 are dashes.
        guard head & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000 else { return nil }
        // The dashes read as zeros, so that every byte of the word must be a digit: its high
        // nibble 3, and its low nibble at most 9 (nine plus six does not carry into the high one).
        let digits = (head & 0x00FF_FF00_FFFF_FFFF) | 0x3000_0030_0000_0000
        let day = UInt64(tail)
        guard digits & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
            ((digits & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0,
            day & 0xF0F0 == 0x3030, ((day & 0x0F0F) &+ 0x0606) & 0xF0F0 == 0
        else { return nil }
        @inline(__always) func digit(_ word: UInt64, _ index: UInt64) -> Int {
            Int(truncatingIfNeeded: (word >> (index &* 8)) & 0x0F)
        }
        self.init(
            year: digit(digits, 0) &* 1000 &+ digit(digits, 1) &* 100 &+ digit(digits, 2) &* 10 &+ digit(digits, 3),
            month: digit(digits, 5) &* 10 &+ digit(digits, 6),
            day: digit(day, 0) &* 10 &+ digit(day, 1))
    }
}
